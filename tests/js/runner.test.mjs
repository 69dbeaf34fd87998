// runner.js against the shared scenarios, which the Python engine is tested against too
// (tests/session/test_shared_scenarios.py): the two engines must agree on every one.

import assert from "node:assert/strict";
import { describe, test } from "node:test";

import {
  freshState,
  roundHalfEven,
  Runner,
  words,
} from "../../src/rollcoach/web/coach/static/coach/runner.js";
import { play, scenarios } from "./scenarios.mjs";

const all = scenarios();

test("there are shared scenarios to play", () => {
  assert.ok(all.length >= 4, `only ${all.length} scenarios`);
});

for (const scenario of all) {
  describe(`scenario ${scenario.name}`, () => {
    const { snapshots, runner, state } = play(scenario);
    const expected = scenario.expected;

    test("the snapshot after every action is the Python engine's", () => {
      assert.equal(snapshots.length, expected.snapshots.length);
      snapshots.forEach((snapshot, number) => {
        const entry = scenario.script[number];
        assert.deepEqual(
          snapshot,
          expected.snapshots[number],
          `after action ${number} (${entry.action} at ${entry.at} s)`,
        );
      });
    });

    test("the events are the Python engine's", () => {
      assert.deepEqual(state.events, expected.events);
    });

    test("the summary is the Python engine's", () => {
      assert.deepEqual(runner.summary(), expected.summary);
    });

    test("the session began at the scenario's start", () => {
      assert.equal(state.started_at, scenario.start);
    });
  });
}

// Every word the runner writes comes from the vocabulary it is given: with each status and
// event kind renamed, the same scenario gives the renamed words and nothing else.
test("the runner takes its words from the vocabulary, never its own", () => {
  const renamed = (value) => `x-${value}`;
  for (const scenario of all) {
    const vocabulary = structuredClone(scenario.vocabulary);
    for (const key of ["statuses", "events"]) {
      for (const [name, value] of Object.entries(vocabulary[key])) {
        vocabulary[key][name] = renamed(value);
      }
    }
    vocabulary.live = vocabulary.live.map(renamed);
    vocabulary.finished = vocabulary.finished.map(renamed);
    const { snapshots, runner, state } = play(scenario, vocabulary);
    const expected = scenario.expected;
    assert.deepEqual(
      snapshots,
      expected.snapshots.map((snapshot) => ({ ...snapshot, status: renamed(snapshot.status) })),
      scenario.name,
    );
    assert.deepEqual(
      state.events,
      expected.events.map((event) => ({ ...event, kind: renamed(event.kind) })),
      scenario.name,
    );
    assert.deepEqual(runner.summary(), {
      ...expected.summary,
      status: renamed(expected.summary.status),
    });
  }
});

test("work step kinds come from the vocabulary too", () => {
  const scenario = all.find((s) => s.expected.summary.exercises_completed.length > 1);
  assert.ok(scenario, "a scenario that completes more than one exercise");
  const vocabulary = { ...scenario.vocabulary, work_kinds: ["hold"] };
  const { runner } = play(scenario, vocabulary);
  // Only exercises with a hold count once "roll" and "reps" are not work.
  const holds = new Set(
    scenario.timeline.steps.filter((s) => s.kind === "hold").map((s) => s.exercise),
  );
  assert.deepEqual(
    runner.summary().exercises_completed,
    scenario.expected.summary.exercises_completed.filter((slug) => holds.has(slug)),
  );
});

test("without a vocabulary the runner refuses to start", () => {
  const steps = all[0].timeline.steps;
  assert.throws(() => words(undefined), /vocabulary/);
  assert.throws(() => freshState({ clientId: "a", planId: 1, painBefore: 1, steps }), /vocabulary/);
  const state = freshState({
    clientId: "a",
    planId: 1,
    painBefore: 1,
    steps,
    vocabulary: all[0].vocabulary,
  });
  assert.throws(() => new Runner(steps, state), /vocabulary/);
});

test("seconds round as Python's round() does: halves to the even neighbour", () => {
  assert.deepEqual(
    [0.5, 1.5, 2.5, 102.5, 103.5, 2.4999, 2.5001, 7].map(roundHalfEven),
    [0, 2, 2, 102, 104, 2, 3, 7],
  );
});

test("a restored session comes back paused, and plays on like the original", () => {
  const scenario = all.find((s) => s.expected.summary.status === "completed");
  const vocabulary = scenario.vocabulary;
  const steps = scenario.timeline.steps;
  const start = Date.parse(scenario.start);
  let now = start;
  const clock = () => now;
  const runner = new Runner(
    steps,
    freshState({ clientId: "restore-1", planId: 1, painBefore: 3, steps, vocabulary }),
    { vocabulary, clock },
  );
  runner.start();
  now = start + 40_000;
  runner.tick();
  const saved = structuredClone(runner.snapshot());
  now = start + 100_000; // the tab was closed for a minute
  const again = Runner.restore(steps, structuredClone(saved), { vocabulary, clock });
  assert.ok(again);
  assert.equal(again.status, vocabulary.statuses.paused);
  assert.deepEqual(again.state.events.at(-1), {
    seq: saved.events.length,
    kind: vocabulary.events.paused,
    step_index: saved.index,
    at: new Date(now).toISOString(),
    detail: "interrupted",
  });
  assert.equal(again.remaining(), saved.remaining);
  again.resume();
  now += (scenario.timeline.total_seconds - 40) * 1000;
  again.tick();
  assert.equal(again.status, vocabulary.statuses.completed);
  assert.equal(again.summary().seconds_active, scenario.timeline.total_seconds);
  const wrong = { ...saved, steps: steps.length + 1 };
  assert.equal(Runner.restore(steps, wrong, { vocabulary, clock }), null);
});
