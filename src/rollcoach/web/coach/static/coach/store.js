// Keeps the session on this device and uploads it when it can. The queue holds the newest state
// of each session; the server stores each one once (client_id + event seq + revision), so
// sending a payload again after a lost answer is harmless.
//
// What an answer does to the payload that got it:
//   2xx                   stored: it leaves the queue.
//   401, 403              logged out (or a stale CSRF token): nothing more is sent until the page
//                         is reloaded or the browser comes back online; the queue stays.
//   408, 425, 429, 5xx    try again later, waiting longer each time (up to a minute).
//   any other 4xx         the server will never take it (400, 404, 409, 413, 422...): it moves
//                         from the queue to the kept copies on this device, is not sent again,
//                         and the server's reason is reported.
//   no answer             offline: try again later, as for a 5xx.

const STATE_KEY = "rollcoach.session";
const QUEUE_KEY = "rollcoach.queue";
const KEPT_KEY = "rollcoach.kept";
const MAX_DELAY_MS = 60000;
const LATER = new Set([408, 425, 429]);

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

function table(key) {
  const stored = read(key);
  return stored && typeof stored === "object" && !Array.isArray(stored) ? stored : {};
}

export function loadState() {
  return read(STATE_KEY);
}

export function queue() {
  return table(QUEUE_KEY);
}

// Sessions the server refused, by client_id: { payload, status, error, at }. They stay on this
// device; nothing sends them again.
export function kept() {
  return table(KEPT_KEY);
}

// Every session this device holds: the latest one, those waiting to upload and those the
// server refused.
export function sessionsHere() {
  const refused = Object.values(kept()).map((entry) => entry?.payload);
  return [loadState(), ...Object.values(queue()), ...refused].filter(
    (session) => session && typeof session === "object",
  );
}

// What to do after an answer with this HTTP status.
export function verdict(status) {
  if (status >= 200 && status < 300) return "stored";
  if (status === 401 || status === 403) return "login";
  if (LATER.has(status) || status >= 500) return "retry";
  if (status >= 400) return "refused";
  return "retry";
}

function cookie(name) {
  const found = document.cookie.split("; ").find((part) => part.startsWith(`${name}=`));
  return found ? decodeURIComponent(found.slice(name.length + 1)) : "";
}

async function reason(response) {
  const text = await response.text().catch(() => "");
  try {
    const answer = JSON.parse(text);
    if (answer && typeof answer.error === "string" && answer.error) return answer.error;
  } catch {
    // Not JSON: a proxy's or the framework's own page.
  }
  const said = response.statusText ? ` (${response.statusText})` : "";
  return `the server answered ${response.status}${said}`;
}

export class Store {
  constructor({ url, csrf, onChange }) {
    this.url = url;
    this.csrf = csrf;
    this.onChange = onChange;
    this.attempt = 0;
    this.delay = 0; // of the retry now waiting, in ms
    this.timer = null;
    this.flushing = false;
    this.current = Promise.resolve();
    this.again = false;
    this.loggedOut = false;
    this.problem = ""; // the server's reason, when it refused a session during this visit
    this.onOnline = () => {
      this.attempt = 0;
      this.loggedOut = false; // perhaps logged in again meanwhile: worth one more try
      this.flush();
    };
    this.onOffline = () => this.report();
    window.addEventListener("online", this.onOnline);
    window.addEventListener("offline", this.onOffline);
  }

  // Stops retrying and listening (for tests, and for a page that replaces its store).
  close() {
    clearTimeout(this.timer);
    this.timer = null;
    window.removeEventListener("online", this.onOnline);
    window.removeEventListener("offline", this.onOffline);
  }

  // Every change raises the revision, so the server can tell newer news from older.
  save(state) {
    state.revision += 1;
    const copy = JSON.parse(JSON.stringify(state));
    write(STATE_KEY, copy);
    const refused = kept();
    const held = refused[copy.client_id];
    if (held) {
      // The server refused this session: its later states stay here with it, unsent.
      if (!held.payload || held.payload.revision < copy.revision) {
        held.payload = copy;
        write(KEPT_KEY, refused);
      }
      this.report();
      return Promise.resolve();
    }
    const waiting = queue();
    const before = waiting[copy.client_id];
    if (!before || before.revision < copy.revision) {
      waiting[copy.client_id] = copy;
      write(QUEUE_KEY, waiting);
    }
    return this.flush();
  }

  pending() {
    return Object.keys(queue()).length;
  }

  // Sends the queue; the promise settles once this round (and any round asked for meanwhile) is
  // over.
  flush() {
    if (this.flushing) {
      this.again = true;
      return this.current;
    }
    if (this.loggedOut) {
      this.report(); // waits for a reload or the browser coming back online
      return Promise.resolve();
    }
    this.flushing = true;
    this.current = this.drain();
    return this.current;
  }

  async drain() {
    clearTimeout(this.timer);
    this.timer = null;
    this.delay = 0;
    let halted = "";
    try {
      for (const payload of Object.values(queue())) {
        const { outcome, error, status } = await this.send(payload);
        if (outcome === "retry" || outcome === "login") {
          halted = outcome;
          break;
        }
        if (outcome === "refused") this.keep(payload, status, error);
        else this.forget(payload);
      }
    } finally {
      this.flushing = false;
    }
    if (halted === "login") this.loggedOut = true;
    if (this.again) {
      this.again = false;
      return this.flush();
    }
    if (halted === "retry") this.backOff();
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
      return { outcome: "retry" }; // offline
    }
    const outcome = verdict(response.status);
    if (outcome === "refused") {
      return { outcome, status: response.status, error: await reason(response) };
    }
    await response.body?.cancel().catch(() => {});
    return { outcome, status: response.status };
  }

  forget(payload) {
    const waiting = queue();
    const current = waiting[payload.client_id];
    if (current && current.revision <= payload.revision) {
      delete waiting[payload.client_id];
      write(QUEUE_KEY, waiting);
    }
  }

  // The server will never take this session: keep its newest copy here instead, so the queue is
  // not blocked by it and nothing recorded is lost.
  keep(payload, status, error) {
    const waiting = queue();
    const newest = waiting[payload.client_id] || payload;
    const refused = kept();
    refused[payload.client_id] = { payload: newest, status, error, at: new Date().toISOString() };
    write(KEPT_KEY, refused);
    delete waiting[payload.client_id];
    write(QUEUE_KEY, waiting);
    this.problem = error;
  }

  backOff() {
    this.delay = Math.min(MAX_DELAY_MS, 1000 * 2 ** this.attempt);
    this.attempt += 1;
    this.timer = setTimeout(() => this.flush(), this.delay);
  }

  report() {
    if (!this.onChange) return;
    this.onChange({
      pending: this.pending(),
      problem: this.problem,
      loggedOut: this.loggedOut,
      kept: kept(),
    });
  }
}
