// The guided session in the browser: one step at a time, with a countdown, a pace cue, spoken
// cues and a sharp-pain stop that always works. The runner keeps time; this file draws it.
// Importing it does nothing: the page calls init(config) with the player's config (built by
// rollcoach.web.coach.player.player_page), whose vocabulary holds every word it shows.

import { hush, isMuted, keepAwake, say, setMuted, tickSound, wakeAudio } from "./cues.js";
import { keepPictures } from "./offline.js";
import { freshState, restsToday, Runner } from "./runner.js";
import { loadState, sessionsHere, Store } from "./store.js";

const $ = (id) => document.getElementById(id);
const TICK_MS = 250;
const REP_MOVE_IN = 2; // of the seconds each rep spends moving (3), the first 2 move in

// Set by init().
let root = null;
let config = null;
let vocabulary = null;
let steps = [];
let live = new Set();
let work = new Set();
let store = null;
let runner = null;
let shownIndex = -1;
let shownStroke = -1;
let shownText = "";
let measureBar = () => {};

// ----- what is on screen

function show(screen) {
  for (const id of ["screen-start", "screen-live", "screen-end"]) $(id).hidden = id !== screen;
}

function clock(seconds) {
  const whole = Math.max(0, Math.ceil(seconds - 0.001));
  return `${Math.floor(whole / 60)}:${String(whole % 60).padStart(2, "0")}`;
}

function exerciseFor(index) {
  // A rest between exercises shows what comes next.
  for (let i = index; i < steps.length; i += 1) {
    if (steps[i].exercise) return steps[i].exercise;
  }
  return null;
}

function heading(step) {
  const name = step.exercise && config.names[step.exercise];
  return work.has(step.kind) && name ? name : step.title;
}

function meta(step) {
  const parts = [];
  if (step.side) parts.push(`${step.side[0].toUpperCase()}${step.side.slice(1)} side`);
  if (step.set_number && step.sets > 1) parts.push(`set ${step.set_number} of ${step.sets}`);
  return parts.join(" · ");
}

function drawStep(step) {
  const index = runner.state.index;
  $("step-kind").textContent = vocabulary.step_labels[step.kind] || "";
  $("step-title").textContent = heading(step);
  $("step-meta").textContent = meta(step);
  $("step-meta").hidden = !meta(step);
  $("step-cue").textContent = step.cue;
  $("step-count").textContent = `Step ${index + 1} of ${steps.length}`;
  const slug = exerciseFor(index);
  const picture = $("step-picture");
  if (slug) {
    const url = `/exercises/${slug}/picture.svg`;
    if (picture.dataset.slug !== slug) {
      picture.dataset.slug = slug;
      picture.alt = `Drawing: ${config.names[slug] || slug}`;
      picture.src = url;
    }
    picture.hidden = false;
  } else {
    picture.hidden = true;
  }
  // Only rolling has a pace, and only repetitions a count.
  $("pace").hidden = !step.pace_seconds;
  $("reps").hidden = !step.reps;
  shownStroke = -1;
}

function drawPace(step, elapsed) {
  const stroke = Math.floor(elapsed / step.pace_seconds);
  if (stroke === shownStroke) return;
  shownStroke = stroke;
  const up = stroke % 2 === 0;
  const pace = $("pace");
  pace.classList.toggle("down", !up);
  pace.classList.remove("pulse");
  void pace.offsetWidth; // restarts the pulse animation
  pace.classList.add("pulse");
  $("pace-arrow").textContent = up ? "↑" : "↓";
  $("pace-text").textContent = up ? "Roll slowly up" : "Roll slowly down";
  if (runner.running) tickSound();
}

function drawReps(step, elapsed) {
  const hold = step.hold_seconds || 0;
  const each = hold + vocabulary.rep_move_seconds;
  const rep = Math.min(step.reps, Math.floor(elapsed / each) + 1);
  const into = elapsed - (rep - 1) * each;
  let phase = "";
  if (hold) {
    if (into < REP_MOVE_IN) phase = " — move in";
    else if (into < REP_MOVE_IN + hold) phase = ` — hold ${Math.ceil(REP_MOVE_IN + hold - into)}`;
    else phase = " — release";
  }
  $("reps").textContent = `Rep ${rep} of ${step.reps}${phase}`;
}

function draw() {
  if (!runner || !runner.live) return;
  const step = runner.step;
  if (runner.state.index !== shownIndex) {
    shownIndex = runner.state.index;
    drawStep(step);
    announce(heading(step));
    if (runner.running) say(spoken(step));
  }
  const remaining = runner.remaining();
  const text = clock(remaining);
  if (text !== shownText) {
    shownText = text;
    $("countdown").textContent = text;
  }
  $("progress").value = runner.progress();
  const elapsed = step.seconds - remaining;
  if (step.pace_seconds) drawPace(step, elapsed);
  if (step.reps) drawReps(step, elapsed);
  const paused = runner.paused;
  $("pause-button").textContent = paused ? "Resume" : "Pause";
  $("paused-note").hidden = !paused;
  root.classList.toggle("is-paused", paused);
}

// What a voice says as a step begins: the domain builds it once (a step stored before it did
// falls back to its cue alone, never the title and cue run together).
function spoken(step) {
  return step.spoken || step.cue || step.title;
}

function reveal(blockId, headingId) {
  $(blockId).scrollIntoView({ block: "start" });
  $(headingId).focus({ preventScroll: true });
}

function announce(text) {
  $("announce").textContent = text;
}

// The store's news: see store.js for what each answer of the server leads to.
function showSync({ pending, problem, loggedOut, kept }) {
  const status = $("sync-status");
  if (loggedOut) {
    const link = document.createElement("a");
    link.href = root.dataset.loginUrl;
    link.textContent = "Log in again";
    status.replaceChildren("You are logged out: your session is kept on this device. ", link);
    status.append(" to upload it.");
    return;
  }
  const mine = runner ? kept[runner.state.client_id] : null;
  const refusal = mine ? mine.error : problem;
  let text = "";
  if (refusal) {
    const which = mine || !runner ? "This session" : "An earlier session";
    const reason = refusal.replace(/\.$/, "");
    text = `${which} could not be saved to your account (the server said: ${reason}).`;
    text += " It is kept on this device.";
  } else if (pending && !navigator.onLine) {
    text = "Saved on this device. It will upload when you are back online.";
  } else if (pending) text = "Saving…";
  else if (runner) text = "Saved.";
  status.textContent = text;
}

function drawMute() {
  const button = $("mute-button");
  const muted = isMuted();
  button.textContent = muted ? vocabulary.mute_labels.unmute : vocabulary.mute_labels.mute;
  button.setAttribute("aria-pressed", String(muted));
}

// The page scrolls above the sharp-pain bar (player.css): it keeps as much room as the bar
// takes, whatever the font size or the phone's safe area.
function keepRoomForBar() {
  const bar = document.querySelector(".sharp-bar");
  const measure = () => {
    const height = bar.hidden ? 0 : bar.getBoundingClientRect().height;
    document.documentElement.style.setProperty("--sharp-bar", `${Math.ceil(height)}px`);
  };
  if ("ResizeObserver" in window) new ResizeObserver(measure).observe(bar);
  measure();
  return measure;
}

// ----- moving through the session

function save() {
  store.save(runner.snapshot());
}

function showLive() {
  show("screen-live");
  draw();
  keepAwake(runner.running);
}

function finish() {
  hush();
  keepAwake(false);
  const status = runner.status;
  const sharp = status === vocabulary.statuses.stopped_sharp_pain;
  $("sharp-advice").hidden = !sharp;
  // After a sharp-pain stop the advice is on screen and the bar has done its work; after any
  // other ending it stays, as before a session: sharp pain can come afterwards too.
  document.querySelector(".sharp-bar").hidden = sharp;
  measureBar();
  const ending = vocabulary.endings[status];
  $("end-title").textContent = ending.title;
  $("end-note").textContent = ending.note;
  show("screen-end");
  const asked = runner.state.pain_after !== null;
  $("end-form").hidden = asked;
  if (asked) summarise();
  if (sharp) {
    say(vocabulary.spoken.sharp_pain);
    reveal("sharp-advice", "sharp-heading");
  } else {
    if (status === vocabulary.statuses.completed) say(spoken(steps[steps.length - 1]));
    reveal("screen-end", "end-title");
  }
}

function after(action) {
  if (!runner) return;
  try {
    action();
  } catch {
    return; // e.g. a key pressed as the session ended: nothing to do
  }
  save();
  if (runner.finished) finish();
  else showLive();
}

function tick() {
  if (!runner || !runner.running) return;
  if (runner.tick()) {
    save();
    if (runner.finished) {
      finish();
      return;
    }
  }
  draw();
}

function togglePause() {
  if (!runner) return;
  wakeAudio();
  after(() => (runner.running ? runner.pause() : runner.resume()));
}

function skip() {
  after(() => runner.skip());
}

function sharpPain() {
  if (runner && runner.live) {
    after(() => runner.sharpPain());
    return;
  }
  // Before or after a session there is nothing to stop, but the advice still applies.
  $("sharp-advice").hidden = false;
  reveal("sharp-advice", "sharp-heading");
}

function toggleMute() {
  setMuted(!isMuted());
  drawMute();
}

function chosenPain(form) {
  const checked = form.querySelector("input[type=radio]:checked");
  return checked ? Number(checked.value) : null;
}

function painMissing(form, errorId) {
  const error = $(errorId);
  error.textContent = "Choose a number from 0 (no pain) to 10 (worst) first.";
  error.hidden = false;
  form.querySelector("input[type=radio]").focus();
}

function newClientId() {
  if (crypto.randomUUID) return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

function checkIsStale() {
  return !config.check_until || Date.now() > Date.parse(config.check_until);
}

// After a sharp-pain stop today, as this device knows it (with no connection the server cannot
// say): no other session, in the server's own words.
function restingToday() {
  return restsToday(sessionsHere(), Date.now(), vocabulary);
}

// A page kept from before its config carried the server's words shows the sharp-pain advice.
function showRest() {
  const notice = $("rest-today");
  notice.textContent = config.rest_today || $("sharp-advice").querySelector("p").textContent;
  notice.hidden = false;
  $("start-form").hidden = true;
}

function startSession(event) {
  event.preventDefault();
  const form = event.currentTarget;
  if (restingToday()) {
    showRest();
    $("rest-today").focus();
    return;
  }
  if (checkIsStale()) {
    $("check-stale").hidden = false;
    return;
  }
  const pain = chosenPain(form);
  if (pain === null) {
    painMissing(form, "pain-before-error");
    return;
  }
  $("pain-before-error").hidden = true;
  wakeAudio();
  const state = freshState({
    clientId: newClientId(),
    planId: config.plan_id,
    painBefore: pain,
    steps,
    vocabulary,
  });
  runner = new Runner(steps, state, { vocabulary });
  shownIndex = -1;
  after(() => runner.start());
  // On a phone the header scrolls away, leaving the step, the clock and the controls in view.
  reveal("screen-live", "step-title");
}

function savePainAfter(event) {
  event.preventDefault();
  const form = event.currentTarget;
  const pain = chosenPain(form);
  if (pain === null) {
    painMissing(form, "pain-after-error");
    return;
  }
  $("pain-after-error").hidden = true;
  runner.state.pain_after = pain;
  save();
  form.hidden = true;
  summarise();
  $("summary-title").focus();
}

function summarise() {
  const summary = runner.summary();
  const minutes = Math.floor(summary.seconds_active / 60);
  const seconds = summary.seconds_active % 60;
  $("sum-steps").textContent = `${summary.steps_done} done, ${summary.steps_skipped} skipped`;
  $("sum-time").textContent = `${minutes} min ${seconds} s`;
  $("sum-pain").textContent =
    `${runner.state.pain_before} before, ${runner.state.pain_after} after`;
  $("summary").hidden = false;
}

// ----- picking up where the person left off

// The copy on this device wins over the server's unless the server holds a newer revision of
// the same session; a finished session is not resumed.
function choose(local, server) {
  const mine = local && local.plan_id === config.plan_id && local.events ? local : null;
  let pick = server || null;
  if (mine && server && mine.client_id === server.client_id) {
    pick = mine.revision >= server.revision ? mine : server;
  } else if (mine && (!server || live.has(mine.status))) {
    pick = mine;
  }
  return pick && live.has(pick.status) ? pick : null;
}

function resumeFrom(state) {
  const restored = Runner.restore(steps, JSON.parse(JSON.stringify(state)), { vocabulary });
  if (!restored) return false;
  const wasRunning = state.status === vocabulary.statuses.running;
  runner = restored;
  shownIndex = -1;
  // Revisions only grow: continue above the higher of the two copies.
  runner.state.revision = Math.max(state.revision, loadState()?.revision || 0);
  if (wasRunning || runner.state.revision !== state.revision) save();
  showLive();
  return true;
}

async function refreshFromServer() {
  // Only a page still waiting to start or to resume may pick up the server's copy.
  const waiting = () => !runner || runner.paused;
  if (!waiting()) return;
  try {
    const response = await fetch(`${root.dataset.stateUrl}?plan=${config.plan_id}`, {
      credentials: "same-origin",
    });
    const answer = await response.json();
    if (!answer.resume || !waiting()) return;
    const current = runner ? runner.snapshot() : loadState();
    const pick = choose(current, answer.resume);
    const newer =
      !current || current.client_id !== pick?.client_id || pick.revision > current.revision;
    if (pick === answer.resume && newer) resumeFrom(pick);
  } catch {
    // Offline or logged out: the copy on this device stands.
  }
}

// ----- wiring

function onKey(event) {
  if (event.ctrlKey || event.metaKey || event.altKey || !runner || !runner.live) {
    return;
  }
  const tag = event.target.tagName;
  if (["INPUT", "TEXTAREA", "SELECT"].includes(tag)) return;
  // Space on a focused button presses that button, as everywhere else.
  if (event.key === " " && ["BUTTON", "A"].includes(tag)) return;
  const actions = {
    " ": togglePause,
    n: skip,
    N: skip,
    ArrowRight: skip,
    m: toggleMute,
    M: toggleMute,
    s: sharpPain,
    S: sharpPain,
  };
  const action = actions[event.key];
  if (action) {
    event.preventDefault();
    action();
  }
}

function pictureUrls() {
  const slugs = new Set(steps.map((step) => step.exercise).filter(Boolean));
  return [...slugs].map((slug) => `/exercises/${slug}/picture.svg`);
}

export function init(settings) {
  config = settings;
  vocabulary = config.vocabulary;
  steps = config.timeline.steps;
  live = new Set(vocabulary.live);
  work = new Set(vocabulary.work_kinds);
  root = $("player");
  measureBar = keepRoomForBar();
  store = new Store({ url: root.dataset.syncUrl, csrf: root.dataset.csrf, onChange: showSync });
  drawMute();
  $("start-form").addEventListener("submit", startSession);
  $("end-form").addEventListener("submit", savePainAfter);
  $("pause-button").addEventListener("click", togglePause);
  $("skip-button").addEventListener("click", skip);
  $("mute-button").addEventListener("click", toggleMute);
  $("stop-button").addEventListener("click", () => after(() => runner.stop("ended early")));
  $("sharp-button").addEventListener("click", sharpPain);
  $("step-picture").addEventListener("error", (event) => {
    event.target.hidden = true; // no picture is better than a broken one
  });
  document.addEventListener("keydown", onKey);
  // Back online, another device may have moved the same session on.
  window.addEventListener("online", refreshFromServer);
  document.addEventListener("visibilitychange", () => {
    if (document.visibilityState === "visible" && runner?.running) keepAwake(true);
  });
  // Closing the tab keeps the exact second the person reached.
  window.addEventListener("pagehide", () => {
    if (runner && runner.live) save();
  });
  if (restingToday()) showRest();
  else if (checkIsStale()) $("check-stale").hidden = false;
  const pick = choose(loadState(), config.resume);
  if (!(pick && resumeFrom(pick))) show("screen-start");
  root.classList.add("ready");
  setInterval(tick, TICK_MS);
  keepPictures(pictureUrls());
  store.flush();
  refreshFromServer();
}
