// store.js against a real HTTP server on 127.0.0.1, through Node's real fetch.

import assert from "node:assert/strict";
import { createServer } from "node:http";
import { afterEach, beforeEach, describe, test } from "node:test";

import { document, localStorage, window } from "./browser.mjs";

const { kept, loadState, queue, Store, verdict } =
  await import("../../src/rollcoach/web/coach/static/coach/store.js");

const PATH = "/api/sessions/sync/";

// A server whose answer to each upload `answer(request, number)` decides: { status, body, type }
// or { drop: true } to close the connection without answering (an answer lost on the way).
async function serve(answer = () => ({ status: 200, body: { ok: true } })) {
  const requests = [];
  const server = createServer(async (req, res) => {
    let text = "";
    for await (const chunk of req) text += chunk;
    const request = { method: req.method, url: req.url, headers: req.headers, body: text };
    requests.push(request);
    const reply = await answer(request, requests.length);
    if (reply.drop) {
      req.socket.destroy();
      return;
    }
    const body = typeof reply.body === "string" ? reply.body : JSON.stringify(reply.body ?? {});
    res.writeHead(reply.status, { "Content-Type": reply.type || "application/json" });
    res.end(body);
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  const close = () =>
    new Promise((resolve) => {
      server.closeAllConnections();
      server.close(resolve);
    });
  const { port } = server.address();
  return { url: `http://127.0.0.1:${port}${PATH}`, requests, close, sent: () => bodies(requests) };
}

function bodies(requests) {
  return requests.map((request) => JSON.parse(request.body));
}

// An address where nothing listens: every fetch fails as it does offline.
async function nowhere() {
  const { url, close } = await serve();
  await close();
  return url;
}

function session(clientId = "session-aaaa-0001", changes = {}) {
  return {
    client_id: clientId,
    plan_id: 7,
    steps: 3,
    revision: 0,
    status: "running",
    index: 0,
    remaining: 10,
    active: 0,
    outcomes: {},
    pain_before: 5,
    pain_after: null,
    started_at: "2026-05-04T09:00:00.000Z",
    events: [{ seq: 0, kind: "started", step_index: null, at: "2026-05-04T09:00:00.000Z" }],
    ...changes,
  };
}

const opened = [];
const servers = [];

function store(url) {
  const reports = [];
  const made = new Store({ url, csrf: "from-the-page", onChange: (r) => reports.push(r) });
  made.reports = reports;
  opened.push(made);
  return made;
}

async function server(answer) {
  const made = await serve(answer);
  servers.push(made);
  return made;
}

async function until(check, ms = 5000) {
  const deadline = Date.now() + ms;
  while (!check()) {
    assert.ok(Date.now() < deadline, `still false after ${ms} ms: ${check}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

beforeEach(() => {
  localStorage.clear();
  document.cookie = "csrftoken=from-the-cookie";
});

afterEach(async () => {
  for (const made of opened.splice(0)) made.close();
  for (const made of servers.splice(0)) await made.close();
});

describe("saving", () => {
  test("raises the revision and queues the newest copy of each session", async () => {
    const made = store(await nowhere());
    const first = session("session-aaaa-0001");
    const second = session("session-bbbb-0002");
    await made.save(first);
    first.index = 1;
    await made.save(first);
    await made.save(second);
    assert.equal(first.revision, 2);
    assert.equal(second.revision, 1);
    assert.deepEqual(Object.keys(queue()).sort(), ["session-aaaa-0001", "session-bbbb-0002"]);
    assert.deepEqual(queue()["session-aaaa-0001"], first);
    assert.deepEqual(loadState(), second);
    // A copy older than the queued one (another tab, say) never replaces it.
    await made.save(session("session-aaaa-0001", { index: 0 }));
    assert.equal(queue()["session-aaaa-0001"].revision, 2);
    assert.equal(queue()["session-aaaa-0001"].index, 1);
    // The queue holds copies: changing the live state later does not change what is queued.
    first.index = 2;
    assert.equal(queue()["session-aaaa-0001"].index, 1);
    assert.equal(made.reports.at(-1).pending, 2);
  });

  test("a stored answer empties the queue", async () => {
    const api = await server();
    const made = store(api.url);
    const state = session();
    await made.save(state);
    assert.deepEqual(queue(), {});
    assert.deepEqual(api.sent(), [state]);
    const [request] = api.requests;
    assert.equal(request.method, "POST");
    assert.equal(request.url, PATH);
    assert.equal(request.headers["content-type"], "application/json");
    assert.equal(request.headers["x-csrftoken"], "from-the-cookie");
    assert.deepEqual(made.reports.at(-1), { pending: 0, problem: "", loggedOut: false, kept: {} });
  });

  test("without a CSRF cookie it sends the page's token", async () => {
    document.cookie = "";
    const api = await server();
    await store(api.url).save(session());
    assert.equal(api.requests[0].headers["x-csrftoken"], "from-the-page");
  });

  test("a newer save while one is on its way is sent after it, not forgotten", async () => {
    let release;
    const held = new Promise((resolve) => {
      release = resolve;
    });
    const api = await server(async (request, number) => {
      if (number === 1) await held;
      return { status: 200, body: { ok: true } };
    });
    const made = store(api.url);
    const state = session();
    const first = made.save(state);
    await until(() => api.requests.length === 1);
    state.index = 1;
    const second = made.save(state);
    release();
    await Promise.all([first, second]);
    assert.deepEqual(
      api.sent().map((body) => [body.revision, body.index]),
      [
        [1, 0],
        [2, 1],
      ],
    );
    assert.deepEqual(queue(), {});
  });
});

describe("sending again", () => {
  test("the same payload sent twice, after an answer was lost, is harmless", async () => {
    const api = await server((request, number) =>
      number === 1 ? { drop: true } : { status: 200, body: { ok: true } },
    );
    const made = store(api.url);
    await made.save(session());
    assert.equal(made.pending(), 1, "no answer: still queued");
    await made.flush();
    const [once, twice] = api.sent();
    assert.deepEqual(twice, once);
    assert.equal(twice.revision, 1);
    assert.deepEqual(queue(), {});
    assert.deepEqual(kept(), {});
    assert.equal(made.reports.at(-1).problem, "");
  });

  test("offline, it keeps the session queued and waits longer each time", async () => {
    const made = store(await nowhere());
    const state = session();
    await made.save(state);
    assert.deepEqual(queue()[state.client_id], state);
    assert.equal(made.delay, 1000);
    await made.flush();
    assert.equal(made.delay, 2000);
    await made.flush();
    assert.equal(made.delay, 4000);
    made.attempt = 20;
    await made.flush();
    assert.equal(made.delay, 60000, "never more than a minute");
    assert.deepEqual(made.reports.at(-1), { pending: 1, problem: "", loggedOut: false, kept: {} });
    assert.deepEqual(kept(), {});
  });

  test("after a failure it tries again by itself", async () => {
    const api = await server((request, number) =>
      number === 1 ? { status: 503, body: "busy", type: "text/plain" } : { status: 200, body: {} },
    );
    const made = store(api.url);
    await made.save(session());
    assert.equal(made.pending(), 1);
    assert.equal(made.delay, 1000);
    await until(() => made.pending() === 0, 3000);
    assert.equal(api.requests.length, 2);
  });

  test("back online, it tries at once and starts the waits over", async () => {
    const api = await server((request, number) =>
      number <= 2 ? { status: 429, body: { error: "Too many uploads" } } : { status: 200 },
    );
    const made = store(api.url);
    await made.save(session());
    await made.flush();
    assert.equal(made.delay, 2000);
    window.dispatchEvent(new Event("online"));
    await until(() => made.pending() === 0);
    assert.equal(made.attempt, 0);
  });

  test("a 429 or a 5xx is tried again later, never given up", () => {
    for (const status of [408, 425, 429, 500, 502, 503, 504]) {
      assert.equal(verdict(status), "retry", status);
    }
    for (const status of [400, 404, 409, 410, 413, 422]) {
      assert.equal(verdict(status), "refused", status);
    }
    assert.equal(verdict(401), "login");
    assert.equal(verdict(403), "login");
    assert.equal(verdict(200), "stored");
    assert.equal(verdict(201), "stored");
  });
});

describe("a session the server refuses", () => {
  for (const status of [400, 404, 409, 413, 422]) {
    test(`after a ${status} it is kept on this device, not sent again`, async () => {
      const error = `refused with ${status}: index must be a whole number from 0 to 13`;
      const api = await server((request) => {
        const body = JSON.parse(request.body);
        if (body.client_id === "session-bad-0001") return { status, body: { error } };
        return { status: 200, body: { ok: true } };
      });
      const made = store(await nowhere());
      const bad = session("session-bad-0001");
      const good = session("session-good-0002");
      await made.save(bad);
      await made.save(good);
      made.close();
      // The page comes back online with both queued, the refused one first.
      const page = store(api.url);
      await page.flush();
      assert.deepEqual(queue(), {}, "the refused session no longer blocks the queue");
      assert.deepEqual(
        api.sent().map((body) => body.client_id),
        ["session-bad-0001", "session-good-0002"],
      );
      const refused = kept()["session-bad-0001"];
      assert.deepEqual(refused.payload, bad);
      assert.equal(refused.status, status);
      assert.equal(refused.error, error);
      assert.ok(!Number.isNaN(Date.parse(refused.at)));
      assert.deepEqual(Object.keys(kept()), ["session-bad-0001"]);
      const report = page.reports.at(-1);
      assert.equal(report.problem, error);
      assert.equal(report.pending, 0);
      assert.deepEqual(report.kept, kept());
      assert.equal(page.timer, null, "no retry is waiting");

      // Later states of the same session stay with it, unsent; other sessions still go.
      bad.index = 2;
      await page.save(bad);
      await page.flush();
      assert.equal(api.requests.length, 2);
      assert.equal(kept()["session-bad-0001"].payload.revision, 2);
      assert.equal(kept()["session-bad-0001"].payload.index, 2);
      assert.deepEqual(loadState(), bad, "the device still has the newest state");
      await page.save(session("session-next-0003"));
      assert.equal(api.requests.length, 3);
    });
  }

  test("without a JSON reason, the status stands for it", async () => {
    const api = await server(() => ({
      status: 413,
      body: "<h1>Request Entity Too Large</h1>",
      type: "text/html",
    }));
    const made = store(api.url);
    await made.save(session());
    assert.equal(made.problem, "the server answered 413 (Payload Too Large)");
    assert.equal(kept()["session-aaaa-0001"].error, made.problem);
  });
});

describe("logged out", () => {
  for (const status of [401, 403]) {
    test(`after a ${status} it waits for a reload or the network, keeping the queue`, async () => {
      let answer = { status, body: { error: "Log in to save your session." } };
      const api = await server(() => answer);
      const made = store(api.url);
      const state = session();
      await made.save(state);
      assert.equal(made.pending(), 1);
      assert.equal(made.loggedOut, true);
      assert.equal(made.timer, null, "no retry is waiting");
      assert.deepEqual(made.reports.at(-1), { pending: 1, problem: "", loggedOut: true, kept: {} });
      await made.save(state);
      await made.flush();
      assert.equal(api.requests.length, 1, "nothing more is sent");
      assert.equal(queue()[state.client_id].revision, 2, "the newest copy waits");

      answer = { status: 200, body: { ok: true } };
      window.dispatchEvent(new Event("online"));
      await until(() => made.pending() === 0);
      assert.equal(made.loggedOut, false);
      assert.equal(api.sent().at(-1).revision, 2);
      assert.deepEqual(kept(), {});
    });
  }

  test("a reloaded page tries again", async () => {
    let answer = { status: 401, body: { error: "Log in to save your session." } };
    const api = await server(() => answer);
    await store(api.url).save(session());
    answer = { status: 200, body: { ok: true } };
    const reloaded = store(api.url);
    await reloaded.flush();
    assert.deepEqual(queue(), {});
    assert.equal(api.requests.length, 2);
  });
});
