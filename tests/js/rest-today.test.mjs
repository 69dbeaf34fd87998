// Sharp pain means stop, and no other session that day: the rule the player applies on its own
// when it has no connection, against the shared scenarios' sessions as runner.js records them.

import assert from "node:assert/strict";
import { beforeEach, describe, test } from "node:test";

import { localStorage } from "./browser.mjs";
import { restsToday } from "../../src/rollcoach/web/coach/static/coach/runner.js";
import { play, scenarios } from "./scenarios.mjs";

const { sessionsHere } = await import("../../src/rollcoach/web/coach/static/coach/store.js");

const all = Object.fromEntries(scenarios().map((scenario) => [scenario.name, scenario]));
const vocabulary = all["sharp-pain-between-exercises"].vocabulary;
const HOUR = 3600 * 1000;

// A session played through runner.js, begun at `start` (local time) instead of the scenario's own.
function session(name, start) {
  const scenario = { ...all[name], start: start.toISOString() };
  const { state, runner } = play(scenario);
  return { ...runner.snapshot(), events: state.events };
}

// Local times, whatever the time zone the tests run in.
const morning = new Date(2026, 10, 10, 9, 0);
const at = (day, hour, minute = 0) => new Date(2026, 10, day, hour, minute).getTime();

describe("no other session the day of a sharp-pain stop", () => {
  const stopped = session("sharp-pain-between-exercises", morning);

  test("the scenario ends stopped for sharp pain", () => {
    assert.equal(stopped.status, vocabulary.statuses.stopped_sharp_pain);
  });

  test("later that day, up to midnight, another session is refused", () => {
    for (const now of [morning.getTime() + 5 * 60 * 1000, at(10, 13), at(10, 23, 59)]) {
      assert.equal(restsToday([stopped], now, vocabulary), true, new Date(now).toString());
    }
  });

  test("from the next day, a session may start again", () => {
    assert.equal(restsToday([stopped], at(11, 0, 1), vocabulary), false);
    assert.equal(restsToday([stopped], at(12, 9), vocabulary), false);
  });

  test("a stop on another day does not close today", () => {
    const yesterday = session("sharp-pain-between-exercises", new Date(2026, 10, 9, 23, 50));
    assert.equal(restsToday([yesterday], at(10, 0, 5), vocabulary), false);
  });

  // As the Python engine ended each scenario: only a sharp-pain stop closes the day.
  for (const [name, scenario] of Object.entries(all)) {
    const sharp = scenario.expected.summary.status === vocabulary.statuses.stopped_sharp_pain;
    test(`${name}: ${sharp ? "nothing more today" : "another session may start"}`, () => {
      const played = session(name, morning);
      assert.equal(played.status, scenario.expected.summary.status);
      assert.equal(restsToday([played], at(10, 13), vocabulary), sharp);
    });
  }

  test("the scenarios hold sessions of both kinds", () => {
    const ends = new Set(Object.values(all).map((scenario) => scenario.expected.summary.status));
    assert.ok(ends.has(vocabulary.statuses.stopped_sharp_pain));
    assert.ok([...ends].some((status) => status !== vocabulary.statuses.stopped_sharp_pain));
  });

  test("one stop among other sessions is enough; none at all closes nothing", () => {
    const early = session("stopped-early", new Date(morning.getTime() - HOUR));
    assert.equal(restsToday([early, stopped, null, {}], at(10, 13), vocabulary), true);
    assert.equal(restsToday([], at(10, 13), vocabulary), false);
  });

  test("a session never started, or with a clock reading it cannot read, closes nothing", () => {
    const garbled = { ...stopped, started_at: "yesterday-ish" };
    assert.equal(
      restsToday([{ ...stopped, started_at: null }, garbled], at(10, 13), vocabulary),
      false,
    );
  });
});

describe("the sessions this device holds", () => {
  beforeEach(() => localStorage.clear());

  test("the latest, the queued and the refused ones all count", () => {
    const stopped = session("sharp-pain-between-exercises", morning);
    const later = session("completed", new Date(morning.getTime() + HOUR));
    for (const [where, store] of [
      ["latest", () => localStorage.setItem("rollcoach.session", JSON.stringify(stopped))],
      ["queued", () => localStorage.setItem("rollcoach.queue", JSON.stringify({ a: stopped }))],
      [
        "refused",
        () =>
          localStorage.setItem(
            "rollcoach.kept",
            JSON.stringify({ a: { payload: stopped, status: 409, error: "no" } }),
          ),
      ],
    ]) {
      localStorage.clear();
      localStorage.setItem("rollcoach.session", JSON.stringify(later));
      store();
      assert.equal(restsToday(sessionsHere(), at(10, 13), vocabulary), true, where);
    }
  });

  test("nothing stored, or storage that cannot be read, gives no session", () => {
    assert.deepEqual(sessionsHere(), []);
    localStorage.setItem("rollcoach.session", "{not json");
    localStorage.setItem("rollcoach.queue", "[1, 2]");
    localStorage.setItem("rollcoach.kept", JSON.stringify({ a: null, b: { payload: 3 } }));
    assert.deepEqual(sessionsHere(), []);
  });
});
