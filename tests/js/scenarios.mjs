// The shared session scenarios (tests/scenarios/*.json), written from the Python engine by
// tests/scenarios/make_scenarios.py, and a way to play one through runner.js.

import { readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

import { freshState, Runner } from "../../src/rollcoach/web/coach/static/coach/runner.js";

const FOLDER = join(dirname(fileURLToPath(import.meta.url)), "..", "scenarios");

export function scenarios() {
  return readdirSync(FOLDER)
    .filter((name) => name.endsWith(".json"))
    .sort()
    .map((name) => JSON.parse(readFileSync(join(FOLDER, name), "utf8")));
}

const round = (seconds) => Math.round(seconds * 1000) / 1000;

function act(runner, entry) {
  switch (entry.action) {
    case "start":
      return runner.start();
    case "tick":
      return runner.tick();
    case "pause":
      return runner.pause();
    case "resume":
      return runner.resume();
    case "skip":
      return runner.skip();
    case "stop":
      return runner.stop(entry.reason);
    case "sharp_pain":
      return runner.sharpPain();
    default:
      throw new TypeError(`unknown scripted action ${entry.action}`);
  }
}

// Plays the scenario's script on runner.js with a fake clock; `vocabulary` may replace the
// scenario's own. Returns a snapshot after every action, the runner and its state.
export function play(scenario, vocabulary = scenario.vocabulary) {
  const start = Date.parse(scenario.start);
  let now = start;
  const steps = scenario.timeline.steps;
  const state = freshState({
    clientId: `scenario-${scenario.name}`,
    planId: 1,
    painBefore: 5,
    steps,
    vocabulary,
  });
  const runner = new Runner(steps, state, { vocabulary, clock: () => now });
  const snapshots = scenario.script.map((entry) => {
    now = start + Math.round(entry.at * 1000);
    let refused = false;
    try {
      act(runner, entry);
    } catch (error) {
      if (!/^cannot /.test(error.message)) throw error;
      refused = true;
    }
    const snap = runner.snapshot();
    return {
      refused,
      status: snap.status,
      index: snap.index,
      remaining: round(snap.remaining),
      active: round(snap.active),
      outcomes: { ...snap.outcomes },
      event_count: snap.events.length,
    };
  });
  return { snapshots, runner, state };
}
