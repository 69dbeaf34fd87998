"""`make bench`: load on the busy pages against gunicorn (SQLite, PostgreSQL) and CLI start-up.

Traffic goes to 127.0.0.1 only, each run bounded by BENCH_SECONDS (default 60) and 50 connections.
Prints a table; with --record it also rewrites bench/RESULTS.md.
"""

from __future__ import annotations

import json
import os
import platform
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV = ROOT / ".venv" / "bin"
SECONDS = int(os.environ.get("BENCH_SECONDS", "60"))
CONNECTIONS = 50
# One process a core: the sync workers spend their time on the CPU, and more of them only queue.
WORKERS = int(os.environ.get("BENCH_WORKERS", str(os.cpu_count() or 2)))
THREADS = int(os.environ.get("BENCH_THREADS", "1"))
PG_SERVER = os.environ.get("BENCH_PG", "postgres://postgres@127.0.0.1:5432")
# For a quick look at a few pages or one database: BENCH_PAGES=today,progress BENCH_DATABASES=sqlite
PAGES = [p for p in os.environ.get("BENCH_PAGES", "").split(",") if p]
DATABASES = [d for d in os.environ.get("BENCH_DATABASES", "sqlite,postgresql").split(",") if d]

LUA = r"""
local counter = 0
local threads = {}
function setup(thread)
  thread:set("prefix", tostring(#threads + 1) .. "-" .. tostring(os.time()))
  table.insert(threads, thread)
end
function request()
  if wrk.body ~= nil and string.find(wrk.body, "PLAN_ID") then
    counter = counter + 1
    local n = (counter % #posters) + 1
    local poster = posters[n]
    -- CLIENT_ID: a new session every time; SESSION_ID: one session a poster, uploaded again.
    local body = string.gsub(wrk.body, "CLIENT_ID", prefix .. "-" .. tostring(counter))
    body = string.gsub(body, "SESSION_ID", prefix .. "-session-" .. tostring(n))
    body = string.gsub(body, "REVISION", tostring(counter))
    body = string.gsub(body, "PLAN_ID", tostring(poster[2]))
    local headers = {}
    for name, value in pairs(wrk.headers) do headers[name] = value end
    headers["Cookie"] = "sessionid=" .. poster[1] .. "; csrftoken=" .. csrf
    return wrk.format(nil, nil, headers, body)
  end
  return wrk.format()
end
function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'RESULT {"requests": %d, "duration_us": %d, "socket_errors": %d, "http_errors": %d, '
    .. '"p50": %.3f, "p95": %.3f, "p99": %.3f}\n',
    summary.requests, summary.duration, e.connect + e.read + e.write + e.timeout, e.status,
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000))
end
"""


@dataclass
class Row:
    database: str
    page: str
    rps: float
    p50: float
    p95: float
    p99: float
    errors: int
    requests: int


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


REDIS = os.environ.get("BENCH_REDIS", "redis://127.0.0.1:6379/14")


def redis_reachable() -> bool:
    import redis

    try:
        redis.Redis.from_url(REDIS, socket_connect_timeout=2).ping()
    except redis.RedisError:
        return False
    return True


def server_env(database_url: str, data_dir: Path) -> dict[str, str]:
    return {
        **os.environ,
        "DATABASE_URL": database_url,
        "ROLLCOACH_DATA_DIR": str(data_dir),
        "DEBUG": "false",
        "SECRET_KEY": "bench-" + "x" * 50,
        "ALLOWED_HOSTS": "127.0.0.1",
        # Plain http on loopback: the HTTPS-only defaults of production would redirect.
        "SECURE_SSL_REDIRECT": "false",
        "SESSION_COOKIE_SECURE": "false",
        "CSRF_COOKIE_SECURE": "false",
        "ROLLCOACH_BENCH": "1",
        # Production keeps its shared cache in Redis when it has one; so does the benchmark.
        **({"REDIS_URL": REDIS} if redis_reachable() else {}),
        "LOG_LEVEL": "WARNING",
    }


def cli_startup() -> tuple[float, float]:
    times = []
    for _ in range(15):
        started = time.perf_counter()
        subprocess.run([str(VENV / "rollcoach"), "--help"], capture_output=True, check=True)
        times.append(time.perf_counter() - started)
    return statistics.median(times), max(times)


def sync_body(seed: dict[str, object]) -> str:
    """A finished session upload; CLIENT_ID and PLAN_ID are filled per request and poster."""
    steps = int(str(seed["steps"]))
    body = json.dumps(
        {
            "client_id": "CLIENT_ID",
            "plan_id": 999999999,
            "revision": 1,
            "status": "completed",
            "index": steps - 1,
            "remaining": 0,
            "active": 540,
            "outcomes": {str(i): "done" for i in range(steps)},
            "pain_before": 5,
            "pain_after": 4,
            "started_at": seed["started_at"],
            "finished_at": seed["started_at"],
            "events": [
                {"seq": 1, "kind": "started", "step_index": None, "at": seed["started_at"]},
                {"seq": 2, "kind": "completed", "step_index": None, "at": seed["started_at"]},
            ],
        }
    )
    return body.replace("999999999", "PLAN_ID")


def update_body(seed: dict[str, object]) -> str:
    """A session in progress uploaded again, as the player does on every step: the first upload
    of each poster's session stores it, and every later one is an update with a higher revision."""
    started = seed["started_at"]
    body = json.dumps(
        {
            "client_id": "SESSION_ID",
            "plan_id": 999999999,
            "revision": 888888888,
            "status": "running",
            "index": 1,
            "remaining": 0,
            "active": 60,
            "outcomes": {"0": "done"},
            "pain_before": 5,
            "pain_after": None,
            "started_at": started,
            "events": [
                {"seq": 1, "kind": "started", "step_index": None, "at": started},
                {"seq": 2, "kind": "step-started", "step_index": 0, "at": started},
                {"seq": 3, "kind": "step-finished", "step_index": 0, "at": started},
                {"seq": 4, "kind": "step-started", "step_index": 1, "at": started},
            ],
        }
    )
    return body.replace("999999999", "PLAN_ID").replace("888888888", "REVISION")


def check(url: str, headers: dict[str, str], body: str | None) -> None:
    data = body.encode() if body else None
    request = urllib.request.Request(url, data=data, headers=headers)
    with urllib.request.urlopen(request, timeout=10) as response:
        if response.status != 200 or response.url != url:
            raise SystemExit(f"{url} answered {response.status} at {response.url}, not 200")


def wrk(url: str, headers: dict[str, str], body: str | None, script: Path) -> dict[str, float]:
    args = [
        "wrk",
        "-t2",
        f"-c{CONNECTIONS}",
        f"-d{SECONDS}s",
        "--timeout",
        "10s",
        "-s",
        str(script),
    ]
    for name, value in headers.items():
        args += ["-H", f"{name}: {value}"]
    env = dict(os.environ)
    if body is not None:
        # wrk reads the method and body from its script; pass them through the environment.
        script_with_body = script.with_name("post.lua")
        script_with_body.write_text(
            f"wrk.method = 'POST'\nwrk.body = {json.dumps(body)}\n" + script.read_text()
        )
        args[args.index(str(script))] = str(script_with_body)
    done = subprocess.run(
        [*args, url], capture_output=True, text=True, env=env, timeout=SECONDS + 60
    )
    line = next((x for x in done.stdout.splitlines() if x.startswith("RESULT ")), None)
    if line is None:
        raise SystemExit(f"wrk gave no result for {url}:\n{done.stdout}\n{done.stderr}")
    return json.loads(line.removeprefix("RESULT "))


def measure(database: str, database_url: str, work: Path) -> list[Row]:
    if redis_reachable():
        import redis

        redis.Redis.from_url(REDIS).flushdb()  # rate-limit counts of an earlier run start afresh
    data_dir = work / database
    env = server_env(database_url, data_dir)
    python = str(VENV / "python")
    subprocess.run(
        [python, "manage.py", "collectstatic", "--noinput", "-v0"], cwd=ROOT, env=env, check=True
    )
    seeded = subprocess.run(
        [python, str(ROOT / "bench" / "seed.py")],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    seed = json.loads(seeded.stdout)
    port = free_port()
    server = subprocess.Popen(
        [
            str(VENV / "gunicorn"),
            "rollcoach.web.wsgi",
            "-w",
            str(WORKERS),
            "--threads",
            str(THREADS),
            "-b",
            f"127.0.0.1:{port}",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(base + "/healthz", timeout=1)
                break
            except OSError:
                time.sleep(0.2)
        cookie = f"sessionid={seed['session']}; csrftoken={seed['csrf']}"
        signed_in = {"Cookie": cookie}
        posting = {
            **signed_in,
            "X-CSRFToken": str(seed["csrf"]),
            "Content-Type": "application/json",
        }
        targets = [
            ("hello (ceiling)", "/bench/hello", {}, None),
            ("home", "/", {}, None),
            ("today", "/today/", signed_in, None),
            ("exercise page", "/exercises/thoracic-spine-release/", {}, None),
            ("progress", "/progress/", signed_in, None),
            ("signed-in post (floor)", "/bench/signed-in-post", posting, sync_body(seed)),
            ("post session log", "/api/sessions/sync/", posting, sync_body(seed)),
            ("post session update", "/api/sessions/sync/", posting, update_body(seed)),
        ]
        script = work / "bench.lua"
        posters = ", ".join(f'{{"{s}", {p}}}' for s, p in seed["posters"])
        script.write_text(f'posters = {{{posters}}}\ncsrf = "{seed["csrf"]}"\n' + LUA)
        rows: list[Row] = []
        for name, path, headers, body in targets:
            if PAGES and not _reference(name) and not any(name.startswith(p) for p in PAGES):
                continue
            check_headers, check_body = headers, None
            if body:
                poster_session, poster_plan = seed["posters"][0]
                check_id = f"bench-check-{len(rows)}"
                check_body = body.replace("CLIENT_ID", check_id).replace("SESSION_ID", check_id)
                check_body = check_body.replace("PLAN_ID", str(poster_plan))
                check_body = check_body.replace("REVISION", "1")
                cookie = f"sessionid={poster_session}; csrftoken={seed['csrf']}"
                check_headers = {**headers, "Cookie": cookie}
            check(base + path, check_headers, check_body)
            result = wrk(base + path, headers, body, script)
            seconds = result["duration_us"] / 1e6
            rows.append(
                Row(
                    database,
                    name,
                    result["requests"] / seconds,
                    result["p50"],
                    result["p95"],
                    result["p99"],
                    int(result["socket_errors"] + result["http_errors"]),
                    int(result["requests"]),
                )
            )
            print(
                f"  {database:10} {name:18} {rows[-1].rps:8.0f} req/s  p95 {rows[-1].p95:6.1f} ms",
                flush=True,
            )
        return rows
    finally:
        server.terminate()
        server.wait(timeout=30)


def postgres_database(work: Path) -> str | None:
    try:
        import psycopg

        with psycopg.connect(f"{PG_SERVER}/postgres", autocommit=True, connect_timeout=3) as conn:
            conn.execute("DROP DATABASE IF EXISTS rollcoach_bench WITH (FORCE)")
            conn.execute("CREATE DATABASE rollcoach_bench")
    except Exception as error:  # noqa: BLE001 - any failure means: no PostgreSQL here
        print(f"PostgreSQL not reachable at {PG_SERVER} ({error}): measuring SQLite only")
        return None
    return f"{PG_SERVER}/rollcoach_bench"


def table(rows: list[Row], cli: tuple[float, float]) -> str:
    lines = [
        "| database | page | req/s | % of hello | p50 ms | p95 ms | p99 ms | errors | requests |",
        "|---|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for row in rows:
        ceiling = _ceiling(rows, row.database)
        lines.append(
            f"| {row.database} | {row.page} | {row.rps:.0f} | {100 * row.rps / ceiling:.0f} % | "
            f"{row.p50:.1f} | {row.p95:.1f} | {row.p99:.1f} | {row.errors} | {row.requests} |"
        )
    lines.append("")
    lines.append(
        f"`rollcoach --help`: median {cli[0] * 1000:.0f} ms, "
        f"slowest {cli[1] * 1000:.0f} ms (15 runs)"
    )
    return "\n".join(lines)


def _reference(page: str) -> bool:
    return page.endswith(("(ceiling)", "(floor)"))


def verdict(rows: list[Row], cli: tuple[float, float]) -> list[str]:
    misses = []
    for row in rows:
        ceiling = _ceiling(rows, row.database)
        if row.errors:
            misses.append(f"{row.database} {row.page}: {row.errors} errors")
        if _reference(row.page):
            continue
        if row.p95 >= 100:
            misses.append(f"{row.database} {row.page}: p95 {row.p95:.0f} ms >= 100 ms")
        if row.rps < 0.5 * ceiling:
            misses.append(f"{row.database} {row.page}: {row.rps:.0f} req/s < 50 % of hello")
    if cli[0] >= 0.3:
        misses.append(f"rollcoach --help takes {cli[0]:.2f} s >= 0.3 s")
    return misses


def floor_notes(rows: list[Row]) -> list[str]:
    """What the floor says of the upload rows: no upload can be cheaper than it."""
    notes = []
    for floor in (r for r in rows if r.page.endswith("(floor)")):
        ceiling = _ceiling(rows, floor.database)
        share = 100 * floor.rps / ceiling
        beyond = ", so no upload can reach 50 % of hello here" if share < 50 else ""
        notes.append(
            f"{floor.database}: a signed-in POST that stores nothing reaches {share:.0f} % of "
            f"hello; every upload does its work on top of that{beyond}"
        )
    return notes


def _ceiling(rows: list[Row], database: str) -> float:
    return next(r.rps for r in rows if r.database == database and r.page.startswith("hello"))


def main() -> None:
    if shutil.which("wrk") is None:
        raise SystemExit("wrk is not installed (Debian package wrk): `make bench` installs it")
    cli = cli_startup()
    rows: list[Row] = []
    with tempfile.TemporaryDirectory(prefix="rollcoach-bench-") as tmp:
        work = Path(tmp)
        if "sqlite" in DATABASES:
            rows += measure("sqlite", f"sqlite:///{work / 'bench.db'}", work)
        pg = postgres_database(work) if "postgresql" in DATABASES else None
        if pg:
            rows += measure("postgresql", pg, work)
    text = table(rows, cli)
    print()
    print(text)
    misses = verdict(rows, cli)
    notes = floor_notes(rows)
    print()
    print("Targets met." if not misses else "Targets missed:\n- " + "\n- ".join(misses))
    if notes:
        print("The floor:\n- " + "\n- ".join(notes))
    if "--record" in sys.argv:
        cpu = platform.processor() or platform.machine()
        python = platform.python_version()
        header = (
            f"# Benchmark results\n\nRecorded {datetime.now(UTC):%Y-%m-%d %H:%M} UTC on "
            f"{platform.node()} ({os.cpu_count()} cores, {cpu}, Python {python}), "
            f"gunicorn with {WORKERS} sync workers, "
            f"shared cache in {'Redis' if redis_reachable() else 'the database'}, "
            f"wrk -t2 -c{CONNECTIONS} -d{SECONDS}s over loopback.\n\n"
            "Targets: zero errors; every page at least 50 % of the hello ceiling; "
            "p95 under 100 ms; `rollcoach --help` under 0.3 s.\n\n"
        )
        verdict_text = "All targets met." if not misses else "Missed:\n- " + "\n- ".join(misses)
        if notes:
            verdict_text += "\n\nThe floor:\n- " + "\n- ".join(notes)
        (ROOT / "bench" / "RESULTS.md").write_text(header + text + "\n\n" + verdict_text + "\n")


if __name__ == "__main__":
    main()
