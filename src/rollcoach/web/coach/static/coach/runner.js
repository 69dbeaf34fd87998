// The session engine (rollcoach/session/engine.py) in the browser: the same statuses, events and
// catch-up rule, so a late or throttled timer never loses a step boundary. Times come from
// Date.now() only, which lets a test drive the whole session with a fake clock.

export const LIVE = new Set(["running", "paused"]);
export const FINISHED = new Set(["completed", "stopped", "stopped-sharp-pain"]);

const WORK = new Set(["roll", "hold", "reps"]);
const iso = (ms) => new Date(ms).toISOString();
const round = (seconds) => Math.round(seconds * 1000) / 1000;

export function freshState({ clientId, planId, painBefore, steps }) {
  return {
    client_id: clientId,
    plan_id: planId,
    steps: steps.length, // a saved state only resumes on a timeline of the same length
    revision: 0,
    status: "not-started",
    index: 0,
    remaining: steps[0].seconds,
    active: 0,
    outcomes: {},
    pain_before: painBefore,
    pain_after: null,
    started_at: null,
    events: [],
  };
}

export class Runner {
  constructor(steps, state, clock = () => Date.now()) {
    this.steps = steps;
    this.state = state;
    this.clock = clock;
    const step = steps[Math.min(state.index, steps.length - 1)];
    // Seconds spent in the current step up to `since`, the clock reading (ms) when the running
    // stretch began; `banked` holds the seconds of the steps already left.
    this.elapsed = FINISHED.has(state.status) ? 0 : Math.max(0, step.seconds - state.remaining);
    this.banked = Math.max(0, state.active - this.elapsed);
    this.since = null;
    this.nextSeq = state.events.reduce((top, event) => Math.max(top, event.seq + 1), 0);
  }

  // A saved session comes back paused at the same point, so the person chooses when to carry
  // on. Returns null when the state does not fit this timeline.
  static restore(steps, state, clock) {
    const fits =
      state &&
      Array.isArray(state.events) &&
      (state.steps === undefined || state.steps === steps.length) &&
      (LIVE.has(state.status) || FINISHED.has(state.status)) &&
      Number.isInteger(state.index) &&
      state.index >= 0 &&
      state.index <= steps.length - (FINISHED.has(state.status) ? 0 : 1) &&
      typeof state.remaining === "number" &&
      typeof state.active === "number";
    if (!fits) return null;
    const runner = new Runner(steps, state, clock);
    if (state.status === "running") {
      state.status = "paused";
      runner.emit("paused", runner.clock(), state.index, "interrupted");
    }
    return runner;
  }

  get status() {
    return this.state.status;
  }

  get step() {
    return this.steps[Math.min(this.state.index, this.steps.length - 1)];
  }

  elapsedNow(now = this.clock()) {
    if (this.state.status === "running" && this.since !== null) {
      return this.elapsed + Math.max(0, (now - this.since) / 1000);
    }
    return this.elapsed;
  }

  remaining(now = this.clock()) {
    if (FINISHED.has(this.state.status)) return 0;
    return Math.max(0, this.step.seconds - this.elapsedNow(now));
  }

  progress(now = this.clock()) {
    if (this.state.status === "completed") return 1;
    const total = this.steps.reduce((sum, step) => sum + step.seconds, 0);
    if (!total) return 0;
    const before = this.steps.slice(0, this.state.index).reduce((sum, s) => sum + s.seconds, 0);
    return Math.min(1, (before + this.elapsedNow(now)) / total);
  }

  start() {
    this.require(["not-started"], "start");
    const now = this.clock();
    this.state.status = "running";
    this.state.started_at = iso(now);
    this.since = now;
    this.emit("started", now, null);
    this.emit("step-started", now, 0);
    this.catchUp(now);
  }

  tick() {
    const before = this.state.events.length;
    if (this.state.status === "running") this.catchUp(this.clock());
    return this.state.events.length - before;
  }

  pause() {
    this.require(["running"], "pause");
    const now = this.clock();
    this.catchUp(now);
    if (this.state.status !== "running") return;
    this.hold(now);
    this.state.status = "paused";
    this.emit("paused", now, this.state.index);
  }

  resume() {
    this.require(["paused"], "resume");
    const now = this.clock();
    this.state.status = "running";
    this.since = now;
    this.emit("resumed", now, this.state.index);
    this.catchUp(now);
  }

  skip() {
    this.require([...LIVE], "skip a step of");
    const now = this.clock();
    this.catchUp(now);
    if (!LIVE.has(this.state.status)) return;
    this.leave("skipped", now, this.elapsedNow(now));
    this.catchUp(now);
  }

  stop(reason) {
    this.require([...LIVE], "stop");
    const now = this.clock();
    this.catchUp(now);
    if (!LIVE.has(this.state.status)) return;
    this.hold(now);
    this.state.status = "stopped";
    this.emit("stopped", now, this.state.index, reason);
  }

  // Accepted even if the clock shows the session has just run out: the report must never be
  // lost to a late tick.
  sharpPain() {
    this.require([...LIVE], "report sharp pain in");
    const now = this.clock();
    this.catchUp(now);
    const live = LIVE.has(this.state.status);
    const index = live ? this.state.index : this.steps.length - 1;
    if (live) this.hold(now);
    this.state.status = "stopped-sharp-pain";
    this.emit("sharp-pain", now, index, this.exerciseNear(index) || "");
  }

  // The state as saved and uploaded, with the clock's reading folded in.
  snapshot(now = this.clock()) {
    const spent = Math.min(this.step.seconds, this.elapsedNow(now));
    const finished = FINISHED.has(this.state.status);
    this.state.remaining = finished ? 0 : round(this.step.seconds - spent);
    this.state.active = round(this.banked + (this.state.status === "completed" ? 0 : spent));
    return this.state;
  }

  summary() {
    const outcomes = Object.values(this.state.outcomes);
    const snap = this.snapshot();
    return {
      status: this.state.status,
      done: outcomes.filter((o) => o === "done").length,
      skipped: outcomes.filter((o) => o === "skipped").length,
      seconds: Math.round(snap.active),
      exercises: new Set(
        this.steps.filter((s) => WORK.has(s.kind) && s.exercise).map((s) => s.exercise),
      ).size,
    };
  }

  exerciseNear(index) {
    // Pain in a rest or at the very end belongs to the exercise just done.
    for (let i = Math.min(index, this.steps.length - 1); i >= 0; i -= 1) {
      if (this.steps[i].exercise) return this.steps[i].exercise;
    }
    return null;
  }

  require(allowed, action) {
    if (!allowed.includes(this.state.status)) {
      throw new Error(`cannot ${action} a session that is ${this.state.status}`);
    }
  }

  emit(kind, at, index, detail = "") {
    this.state.events.push({ seq: this.nextSeq, kind, step_index: index, at: iso(at), detail });
    this.nextSeq += 1;
  }

  hold(now) {
    this.elapsed = this.elapsedNow(now);
    this.since = null;
  }

  catchUp(now) {
    while (LIVE.has(this.state.status)) {
      const step = this.steps[this.state.index];
      if (this.elapsedNow(now) < step.seconds) return;
      // The moment the step ran out, not the moment the clock was read.
      const running = this.state.status === "running" && this.since !== null;
      const at = running ? this.since + (step.seconds - this.elapsed) * 1000 : now;
      this.leave("done", at, step.seconds);
    }
  }

  leave(outcome, at, spent) {
    const index = this.state.index;
    this.state.outcomes[String(index)] = outcome;
    this.banked += spent;
    this.emit(outcome === "done" ? "step-finished" : "step-skipped", at, index);
    this.elapsed = 0;
    this.state.index = index + 1;
    if (index + 1 === this.steps.length) {
      this.state.status = "completed";
      this.since = null;
      this.emit("completed", at, null);
      return;
    }
    if (this.state.status === "running") this.since = at;
    this.emit("step-started", at, this.state.index);
  }
}
