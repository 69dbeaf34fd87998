// The session's words live in the domain (rollcoach.session.vocabulary), which the player is given
// in its config: none of them is typed again in the JS. And player.js does nothing at import.

import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";

import { scenarios } from "./scenarios.mjs";

const STATIC = new URL("../../src/rollcoach/web/coach/static/coach/", import.meta.url);
const source = (name) => readFileSync(new URL(name, STATIC), "utf8");
const vocabulary = scenarios()[0].vocabulary;
const quoted = (words) => words.flatMap((word) => [`"${word}"`, `'${word}'`, `\`${word}\``]);

function typedIn(name, words) {
  // Element ids, as in $("reps"), name parts of the page, not words of the session.
  const text = source(name).replace(/\$\("[^"]*"\)/g, "");
  return quoted(words).filter((word) => text.includes(word));
}

test("runner.js types no status, event kind or work step kind", () => {
  const words = [
    ...Object.values(vocabulary.statuses),
    ...Object.values(vocabulary.events),
    ...vocabulary.work_kinds,
  ];
  assert.deepEqual(typedIn("runner.js", words), []);
});

test("player.js types no status, step kind, step label or ending", () => {
  const endings = Object.values(vocabulary.endings).flatMap(({ title, note }) => [title, note]);
  const words = [
    ...Object.values(vocabulary.statuses),
    ...Object.keys(vocabulary.step_labels),
    ...Object.values(vocabulary.step_labels),
    ...endings,
  ];
  assert.deepEqual(typedIn("player.js", words), []);
});

test("importing player.js touches nothing; the page calls init(config)", async () => {
  const touched = [];
  const watch = (name) =>
    new Proxy(
      {},
      {
        get(target, key) {
          touched.push(`${name}.${String(key)}`);
          return undefined;
        },
      },
    );
  globalThis.document = watch("document");
  globalThis.window = watch("window");
  globalThis.localStorage = watch("localStorage");
  // offline.js registers the worker where there is one: Node has none to offer.
  globalThis.navigator = {};
  const player = await import("../../src/rollcoach/web/coach/static/coach/player.js");
  assert.equal(typeof player.init, "function");
  // cues.js reads the mute setting once; nothing else may be touched.
  assert.deepEqual(touched, ["localStorage.getItem"]);
  assert.match(source("player-page.js"), /\binit\(JSON\.parse\(/);
});
