// Keeps the session on this device and uploads it when it can. The queue holds the newest state
// of each session; the server stores each one once (client_id + event seq + revision), so
// sending a payload again after a lost answer is harmless.

const STATE_KEY = "rollcoach.session";
const QUEUE_KEY = "rollcoach.queue";
const MAX_DELAY_MS = 60000;

function read(key) {
  try {
    return JSON.parse(localStorage.getItem(key));
  } catch {
    return null;
  }
}

function write(key, value) {
  try {
    localStorage.setItem(key, JSON.stringify(value));
  } catch {
    // Storage full or blocked: the upload below still carries the state.
  }
}

export function loadState() {
  return read(STATE_KEY);
}

export function queue() {
  const stored = read(QUEUE_KEY);
  return stored && typeof stored === "object" ? stored : {};
}

function cookie(name) {
  const found = document.cookie.split("; ").find((part) => part.startsWith(`${name}=`));
  return found ? decodeURIComponent(found.slice(name.length + 1)) : "";
}

export class Store {
  constructor({ url, csrf, onChange }) {
    this.url = url;
    this.csrf = csrf;
    this.onChange = onChange;
    this.attempt = 0;
    this.timer = null;
    this.flushing = false;
    this.again = false;
    this.problem = "";
    window.addEventListener("online", () => {
      this.attempt = 0;
      this.flush();
    });
    window.addEventListener("offline", () => this.report());
  }

  // Every change raises the revision, so the server can tell newer news from older.
  save(state) {
    state.revision += 1;
    const copy = JSON.parse(JSON.stringify(state));
    write(STATE_KEY, copy);
    const waiting = queue();
    const before = waiting[copy.client_id];
    if (!before || before.revision < copy.revision) {
      waiting[copy.client_id] = copy;
      write(QUEUE_KEY, waiting);
    }
    this.flush();
  }

  pending() {
    return Object.keys(queue()).length;
  }

  async flush() {
    if (this.flushing) {
      this.again = true;
      return;
    }
    this.flushing = true;
    clearTimeout(this.timer);
    this.timer = null;
    let failed = false;
    try {
      for (const payload of Object.values(queue())) {
        const outcome = await this.send(payload);
        if (outcome === "retry") {
          failed = true;
          break;
        }
        this.forget(payload);
      }
    } finally {
      this.flushing = false;
    }
    if (this.again) {
      this.again = false;
      this.flush();
      return;
    }
    if (failed) this.backOff();
    else this.attempt = 0;
    this.report();
  }

  async send(payload) {
    const body = JSON.stringify(payload);
    let response;
    try {
      response = await fetch(this.url, {
        method: "POST",
        credentials: "same-origin",
        // keepalive lets the last save leave while the tab is closing; it caps the body size.
        keepalive: body.length < 60000,
        headers: {
          "Content-Type": "application/json",
          "X-CSRFToken": cookie("csrftoken") || this.csrf,
        },
        body,
      });
    } catch {
      return "retry"; // offline
    }
    if (response.ok) {
      this.problem = "";
      return "stored";
    }
    if (response.status === 400 || response.status === 404) {
      // The server will never take this one; keeping it would block the queue for good.
      const answer = await response.json().catch(() => ({}));
      this.problem = answer.error || "the server refused this session";
      return "rejected";
    }
    return "retry"; // logged out, rate limited or a server error: try again later
  }

  forget(payload) {
    const waiting = queue();
    const current = waiting[payload.client_id];
    if (current && current.revision <= payload.revision) {
      delete waiting[payload.client_id];
      write(QUEUE_KEY, waiting);
    }
  }

  backOff() {
    const delay = Math.min(MAX_DELAY_MS, 1000 * 2 ** this.attempt);
    this.attempt += 1;
    this.timer = setTimeout(() => this.flush(), delay);
  }

  report() {
    if (this.onChange) this.onChange({ pending: this.pending(), problem: this.problem });
  }
}
