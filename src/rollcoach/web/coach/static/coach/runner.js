// The session engine (rollcoach/session/engine.py) in the browser: the same statuses, events and
// catch-up rule, so a late or throttled timer never loses a step boundary. Its words (statuses,
// event kinds, work step kinds) come from the server's vocabulary, never typed here. Times come
// from the clock it is given (Date.now() by default), so a test can drive a whole session.

const iso = (ms) => new Date(Math.round(ms)).toISOString();
const round = (seconds) => Math.round(seconds * 1000) / 1000;

// Python's round(): halves go to the even neighbour, so both engines report the same seconds.
export function roundHalfEven(value) {
  const floor = Math.floor(value);
  const part = value - floor;
  if (part !== 0.5) return part < 0.5 ? floor : floor + 1;
  return floor % 2 === 0 ? floor : floor + 1;
}

// The vocabulary (rollcoach.session.vocabulary.player_vocabulary) in the shape the runner uses.
export function words(vocabulary) {
  const { statuses, events, live, finished, work_kinds: work } = vocabulary || {};
  if (!statuses || !events || !Array.isArray(live) || !Array.isArray(finished) || !work) {
    throw new Error("the session runner needs the player vocabulary");
  }
  return {
    status: statuses,
    event: events,
    live: new Set(live),
    finished: new Set(finished),
    work: new Set(work),
  };
}

export function freshState({ clientId, planId, painBefore, steps, vocabulary }) {
  return {
    client_id: clientId,
    plan_id: planId,
    steps: steps.length, // a saved state only resumes on a timeline of the same length
    revision: 0,
    status: words(vocabulary).status.not_started,
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

// Sharp pain means stop, and no other session that day (rollcoach.safety.sharp_pain): whether
// one of `sessions` (states as the runner keeps them) stopped for sharp pain and began on the
// same local day as `now` (ms), as the server counts a day by when a session began.
export function restsToday(sessions, now, vocabulary) {
  const stopped = words(vocabulary).status.stopped_sharp_pain;
  const today = new Date(now).toDateString();
  return sessions.some(
    (session) =>
      session?.status === stopped &&
      typeof session.started_at === "string" &&
      new Date(Date.parse(session.started_at)).toDateString() === today,
  );
}

export class Runner {
  constructor(steps, state, { vocabulary, clock = () => Date.now() } = {}) {
    this.words = words(vocabulary);
    this.steps = steps;
    this.state = state;
    this.clock = clock;
    const step = steps[Math.min(state.index, steps.length - 1)];
    // Seconds spent in the current step up to `since`, the clock reading (ms) when the running
    // stretch began; `banked` holds the seconds of the steps already left.
    const finished = this.words.finished.has(state.status);
    this.elapsed = finished ? 0 : Math.max(0, step.seconds - state.remaining);
    this.banked = Math.max(0, state.active - this.elapsed);
    this.since = null;
    this.nextSeq = state.events.reduce((top, event) => Math.max(top, event.seq + 1), 0);
  }

  // A saved session comes back paused at the same point, so the person chooses when to carry
  // on. Returns null when the state does not fit this timeline.
  static restore(steps, state, options) {
    const { live, finished, status } = words(options?.vocabulary);
    const fits =
      state &&
      Array.isArray(state.events) &&
      (state.steps === undefined || state.steps === steps.length) &&
      (live.has(state.status) || finished.has(state.status)) &&
      Number.isInteger(state.index) &&
      state.index >= 0 &&
      state.index <= steps.length - (finished.has(state.status) ? 0 : 1) &&
      typeof state.remaining === "number" &&
      typeof state.active === "number";
    if (!fits) return null;
    const runner = new Runner(steps, state, options);
    if (state.status === status.running) {
      state.status = status.paused;
      runner.emit(runner.words.event.paused, runner.clock(), state.index, "interrupted");
    }
    return runner;
  }

  get status() {
    return this.state.status;
  }

  get live() {
    return this.words.live.has(this.state.status);
  }

  get finished() {
    return this.words.finished.has(this.state.status);
  }

  get running() {
    return this.state.status === this.words.status.running;
  }

  get paused() {
    return this.state.status === this.words.status.paused;
  }

  get step() {
    return this.steps[Math.min(this.state.index, this.steps.length - 1)];
  }

  elapsedNow(now = this.clock()) {
    if (this.running && this.since !== null) {
      return this.elapsed + Math.max(0, (now - this.since) / 1000);
    }
    return this.elapsed;
  }

  remaining(now = this.clock()) {
    if (this.finished) return 0;
    return Math.max(0, this.step.seconds - this.elapsedNow(now));
  }

  progress(now = this.clock()) {
    if (this.state.status === this.words.status.completed) return 1;
    const total = this.steps.reduce((sum, step) => sum + step.seconds, 0);
    if (!total) return 0;
    const before = this.steps.slice(0, this.state.index).reduce((sum, s) => sum + s.seconds, 0);
    return Math.min(1, (before + this.elapsedNow(now)) / total);
  }

  start() {
    const { status, event } = this.words;
    this.require([status.not_started], "start");
    const now = this.clock();
    this.state.status = status.running;
    this.state.started_at = iso(now);
    this.since = now;
    this.emit(event.started, now, null);
    this.emit(event.step_started, now, 0);
    this.catchUp(now);
  }

  tick() {
    const before = this.state.events.length;
    if (this.running) this.catchUp(this.clock());
    return this.state.events.length - before;
  }

  pause() {
    this.require([this.words.status.running], "pause");
    const now = this.clock();
    this.catchUp(now);
    if (!this.running) return;
    this.hold(now);
    this.state.status = this.words.status.paused;
    this.emit(this.words.event.paused, now, this.state.index);
  }

  resume() {
    this.require([this.words.status.paused], "resume");
    const now = this.clock();
    this.state.status = this.words.status.running;
    this.since = now;
    this.emit(this.words.event.resumed, now, this.state.index);
    this.catchUp(now);
  }

  skip() {
    this.require([...this.words.live], "skip a step of");
    const now = this.clock();
    this.catchUp(now);
    if (!this.live) return;
    this.leave(false, now, this.elapsedNow(now));
    this.catchUp(now);
  }

  stop(reason) {
    this.require([...this.words.live], "stop");
    const now = this.clock();
    this.catchUp(now);
    if (!this.live) return;
    this.hold(now);
    this.state.status = this.words.status.stopped;
    this.emit(this.words.event.stopped, now, this.state.index, reason);
  }

  // Accepted even if the clock shows the session has just run out: the report must never be
  // lost to a late tick.
  sharpPain() {
    this.require([...this.words.live], "report sharp pain in");
    const now = this.clock();
    this.catchUp(now);
    const index = this.live ? this.state.index : this.steps.length - 1;
    this.hold(now);
    this.state.status = this.words.status.stopped_sharp_pain;
    this.emit(this.words.event.sharp_pain, now, index, this.exerciseNear(index) || "");
  }

  // The state as saved and uploaded, with the clock's reading folded in.
  snapshot(now = this.clock()) {
    const spent = Math.min(this.step.seconds, this.elapsedNow(now));
    this.state.remaining = this.finished ? 0 : round(this.step.seconds - spent);
    this.state.active = round(this.banked + spent);
    return this.state;
  }

  // The same summary as SessionRunner.summary(), key for key.
  summary(now = this.clock()) {
    const outcomes = Object.values(this.state.outcomes);
    const work = new Map();
    for (const step of this.steps) {
      if (!this.words.work.has(step.kind) || !step.exercise) continue;
      if (!work.has(step.exercise)) work.set(step.exercise, []);
      work.get(step.exercise).push(step.index);
    }
    const completed = [...work]
      .filter(([, indexes]) => indexes.every((i) => this.state.outcomes[String(i)] === "done"))
      .map(([slug]) => slug);
    return {
      status: this.state.status,
      steps_done: outcomes.filter((o) => o === "done").length,
      steps_skipped: outcomes.filter((o) => o === "skipped").length,
      seconds_active: roundHalfEven(this.banked + this.elapsedNow(now)),
      exercises_completed: completed,
      sharp_pain_exercise: this.sharpPainExercise(),
    };
  }

  sharpPainExercise() {
    for (let i = this.state.events.length - 1; i >= 0; i -= 1) {
      const event = this.state.events[i];
      if (event.kind === this.words.event.sharp_pain && event.step_index !== null) {
        return this.exerciseNear(event.step_index);
      }
    }
    return null;
  }

  exerciseNear(index) {
    // Pain in a rest or at the very end belongs to the exercise just done.
    if (!(index >= 0 && index < this.steps.length)) return null;
    for (let i = index; i >= 0; i -= 1) {
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
    while (this.live) {
      const step = this.steps[this.state.index];
      if (this.elapsedNow(now) < step.seconds) return;
      // The moment the step ran out, not the moment the clock was read.
      const at =
        this.running && this.since !== null
          ? this.since + (step.seconds - this.elapsed) * 1000
          : now;
      this.leave(true, at, step.seconds);
    }
  }

  leave(done, at, spent) {
    const { status, event } = this.words;
    const index = this.state.index;
    this.state.outcomes[String(index)] = done ? "done" : "skipped";
    this.banked += spent;
    this.emit(done ? event.step_finished : event.step_skipped, at, index);
    this.elapsed = 0;
    this.state.index = index + 1;
    if (index + 1 === this.steps.length) {
      this.state.status = status.completed;
      this.since = null;
      this.emit(event.completed, at, null);
      return;
    }
    if (this.running) this.since = at;
    this.emit(event.step_started, at, this.state.index);
  }
}
