"""`make bench`: load on the busy pages against gunicorn (SQLite, PostgreSQL) and CLI start-up.

Two tables for each database: capacity at a fixed offered rate (locust, `locustfile.py`) and
closeness to the limit at 50 connections (wrk). Traffic goes to 127.0.0.1 only; each row is
bounded in time. With --before REV (or a folder) the same harness measures that code too, and the
tables give its figures beside the current ones. Prints the tables; --record writes RESULTS.md.
"""

from __future__ import annotations

import argparse
import json
import math
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
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from benchreport import (
    FLOOR,
    HELLO,
    CpuWindow,
    Kind,
    RateRow,
    Sample,
    WrkRow,
    busy_machine,
    cpu_table,
    days_back,
    fill,
    proc_pid_ticks,
    rate_table,
    summarize,
    summary_lines,
    wrk_table,
)

ROOT = Path(__file__).resolve().parent.parent
VENV = ROOT / ".venv" / "bin"
# The load generator lives in its own environment (bench/requirements.txt), away from the app's.
LOCUST = Path(os.environ.get("BENCH_LOCUST", str(ROOT / "bench" / ".venv" / "bin" / "locust")))
SECONDS = int(os.environ.get("BENCH_SECONDS", "30"))  # each wrk row
RATE_SECONDS = int(os.environ.get("BENCH_RATE_SECONDS", "30"))  # each fixed-rate row, measured
WARMUP = float(os.environ.get("BENCH_WARMUP", "2"))
# The window closes this long before the run stops: what is still unanswered then has waited it.
TAIL = 2.0
PAGE_RATE = float(os.environ.get("BENCH_PAGE_RATE", "300"))
UPLOAD_RATE = float(os.environ.get("BENCH_UPLOAD_RATE", "150"))
USER_RATE = float(os.environ.get("BENCH_USER_RATE", "2"))  # requests a second from each user
CONNECTIONS = 50
# One process a core: the sync workers spend their time on the CPU, and more of them only queue.
WORKERS = int(os.environ.get("BENCH_WORKERS", str(os.cpu_count() or 2)))
THREADS = int(os.environ.get("BENCH_THREADS", "1"))
PG_SERVER = os.environ.get("BENCH_PG", "postgres://postgres@127.0.0.1:5432")
# Each tree gets a Redis database of its own: this one for the first, the one below for the next.
REDIS = os.environ.get("BENCH_REDIS", "redis://127.0.0.1:6379/14")


def redis_for(index: int) -> str:
    base, _, number = REDIS.rpartition("/")
    return f"{base}/{int(number) - index}"


# For a quick look at a few rows or one database: BENCH_PAGES=today,progress BENCH_DATABASES=sqlite
PAGES = [p for p in os.environ.get("BENCH_PAGES", "").split(",") if p]
DATABASES = [d for d in os.environ.get("BENCH_DATABASES", "sqlite,postgresql").split(",") if d]
TABLES = [t for t in os.environ.get("BENCH_TABLES", "rate,wrk").split(",") if t]

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
    -- STARTED_AT: each poster's next new session a day earlier (a day holds only so many).
    local day = days[(math.floor(counter / #posters) % #days) + 1]
    body = string.gsub(body, "STARTED_AT", day)
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


@dataclass(frozen=True)
class Target:
    name: str
    path: str
    kind: Kind
    upload: str | None = None  # "new" or "update" for the posts that carry a session
    rate: float = PAGE_RATE


TARGETS = [
    Target(HELLO, "/bench/hello", Kind.HELLO),
    Target(FLOOR, "/bench/signed-in-post", Kind.FLOOR, upload="new", rate=UPLOAD_RATE),
    Target("home", "/", Kind.PUBLIC),
    Target("exercise page", "/exercises/thoracic-spine-release/", Kind.PUBLIC),
    Target("article page", "/articles/foam-rolling-safe-start/", Kind.PUBLIC),
    Target("today", "/today/", Kind.SIGNED_IN),
    Target("progress", "/progress/", Kind.SIGNED_IN),
    Target("session player", "/session/", Kind.SIGNED_IN),
    Target("post session log", "/api/sessions/sync/", Kind.UPLOAD, upload="new", rate=UPLOAD_RATE),
    Target(
        "post session update", "/api/sessions/sync/", Kind.UPLOAD, upload="update", rate=UPLOAD_RATE
    ),
]


@dataclass
class Tree:
    """A source tree to measure: its src/ goes on PYTHONPATH, its own bench/seed.py seeds."""

    label: str
    path: Path
    described: str
    wrk: list[WrkRow] = field(default_factory=list)
    rate: list[RateRow] = field(default_factory=list)
    cli: tuple[float, float] = (math.nan, math.nan)


def selected(target: Target) -> bool:
    reference = target.kind in (Kind.HELLO, Kind.FLOOR)
    return not PAGES or reference or any(target.name.startswith(p) for p in PAGES)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def redis_reachable() -> bool:
    import redis

    try:
        redis.Redis.from_url(REDIS, socket_connect_timeout=2).ping()
    except redis.RedisError:
        return False
    return True


def clear_rate_limits(url: str = REDIS) -> None:
    """Every upload row starts with fresh rate-limit windows, as if it ran alone."""
    if not redis_reachable():
        return
    import redis

    client = redis.Redis.from_url(url)
    keys = list(client.scan_iter(match="*ratelimit:*", count=1000))
    if keys:
        client.delete(*keys)


def server_env(
    tree: Path, database_url: str, data_dir: Path, redis_url: str = REDIS
) -> dict[str, str]:
    python_path = os.pathsep.join(p for p in (str(tree / "src"), os.environ.get("PYTHONPATH")) if p)
    return {
        **os.environ,
        "PYTHONPATH": python_path,
        "DATABASE_URL": database_url,
        "ROLLCOACH_DATA_DIR": str(data_dir),
        "DEBUG": "false",
        # No mail is sent in a benchmark; production refuses the console backend unless told.
        "ALLOW_CONSOLE_EMAIL": "true",
        "SECRET_KEY": "bench-" + "x" * 50,
        "ALLOWED_HOSTS": "127.0.0.1",
        # Plain http on loopback: the HTTPS-only defaults of production would redirect.
        "SECURE_SSL_REDIRECT": "false",
        "SESSION_COOKIE_SECURE": "false",
        "CSRF_COOKIE_SECURE": "false",
        "ROLLCOACH_BENCH": "1",
        # Production keeps its shared cache in Redis when it has one; so does the benchmark.
        **({"REDIS_URL": redis_url} if redis_reachable() else {}),
        "LOG_LEVEL": "WARNING",
    }


def cli_startup(tree: Path) -> tuple[float, float]:
    env = {**os.environ, "PYTHONPATH": str(tree / "src")}
    times = []
    for _ in range(15):
        started = time.perf_counter()
        subprocess.run(
            [str(VENV / "rollcoach"), "--help"], capture_output=True, check=True, env=env
        )
        times.append(time.perf_counter() - started)
    return statistics.median(times), max(times)


DAYS = 400  # new sessions go back this many days, one a poster a day, before starting over


def sync_body(seed: dict[str, Any]) -> str:
    """A finished session upload; CLIENT_ID, STARTED_AT and PLAN_ID are filled per request."""
    steps = int(seed["steps"])
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
            "started_at": "STARTED_AT",
            "finished_at": "STARTED_AT",
            "events": [
                {"seq": 1, "kind": "started", "step_index": None, "at": "STARTED_AT"},
                {"seq": 2, "kind": "completed", "step_index": None, "at": "STARTED_AT"},
            ],
        }
    )
    return body.replace("999999999", "PLAN_ID")


def update_body(seed: dict[str, Any]) -> str:
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


def body_for(target: Target, seed: dict[str, Any]) -> str | None:
    if target.upload is None:
        return None
    return update_body(seed) if target.upload == "update" else sync_body(seed)


def headers_for(target: Target, seed: dict[str, Any]) -> dict[str, str]:
    if target.upload is not None:
        return {
            "Cookie": f"sessionid={seed['session']}; csrftoken={seed['csrf']}",
            "X-CSRFToken": str(seed["csrf"]),
            "Content-Type": "application/json",
        }
    if target.kind is Kind.SIGNED_IN:
        # A signed-in browser has a CSRF cookie too: the sign-in page set it.
        return {"Cookie": f"sessionid={seed['session']}; csrftoken={seed['csrf']}"}
    return {}  # a first visit: no cookie at all


def check(url: str, headers: dict[str, str], body: str | None) -> None:
    data = body.encode() if body else None
    request = urllib.request.Request(url, data=data, headers=headers)
    with urllib.request.urlopen(request, timeout=10) as response:
        if response.status != 200 or response.url != url:
            raise SystemExit(f"{url} answered {response.status} at {response.url}, not 200")


def check_target(base: str, target: Target, seed: dict[str, Any], number: int) -> None:
    """One request before the load: the row must answer 200 where it is, signed in."""
    headers, body = headers_for(target, seed), body_for(target, seed)
    if body is not None:
        poster_session, poster_plan = seed["posters"][0]
        check_id = f"bench-check-{number}-{time.time_ns()}"
        body = fill(body, check_id, int(poster_plan), 1, str(seed["started_at"]))
        headers = {**headers, "Cookie": f"sessionid={poster_session}; csrftoken={seed['csrf']}"}
    check(base + target.path, headers, body)


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
    if body is not None:
        # wrk reads the method and body from its script.
        script_with_body = script.with_name("post.lua")
        script_with_body.write_text(
            f"wrk.method = 'POST'\nwrk.body = {json.dumps(body)}\n" + script.read_text()
        )
        args[args.index(str(script))] = str(script_with_body)
    done = subprocess.run([*args, url], capture_output=True, text=True, timeout=SECONDS + 60)
    line = next((x for x in done.stdout.splitlines() if x.startswith("RESULT ")), None)
    if line is None:
        raise SystemExit(f"wrk gave no result for {url}:\n{done.stdout}\n{done.stderr}")
    result: dict[str, float] = json.loads(line.removeprefix("RESULT "))
    return result


def locust(
    base: str, target: Target, seed: dict[str, Any], work: Path, server_pids: list[int], tag: str
) -> dict[str, Any]:
    users = max(1, math.ceil(target.rate / USER_RATE))
    out = work / "locust.json"
    out.unlink(missing_ok=True)
    spec = {
        "name": target.name,
        "path": target.path,
        "method": "GET" if target.upload is None else "POST",
        "headers": headers_for(target, seed),
        "body": body_for(target, seed),
        "upload": target.upload,
        "posters": seed["posters"] if target.upload else [],
        "csrf": seed["csrf"],
        "prefix": tag,
        "days": days_back(str(seed["started_at"]), DAYS),
    }
    env = {
        **os.environ,
        "BENCH_LOCUST_TARGET": json.dumps(spec),
        "BENCH_LOCUST_OUT": str(out),
        "BENCH_USER_RATE": str(target.rate / users),
        "BENCH_WARMUP": str(WARMUP),
        "BENCH_SERVER_PIDS": ",".join(str(p) for p in server_pids),
    }
    # All users start within a second; the window opens WARMUP s later and runs RATE_SECONDS,
    # then the run goes on TAIL s more.
    run_time = math.ceil(1 + WARMUP + RATE_SECONDS + TAIL)
    args = [
        str(LOCUST),
        "-f",
        str(ROOT / "bench" / "locustfile.py"),
        "--headless",
        "--users",
        str(users),
        "--spawn-rate",
        str(users),
        "--run-time",
        f"{run_time}s",
        "--host",
        base,
        "--only-summary",
        "--loglevel",
        "ERROR",
        "--exit-code-on-error",
        "0",
    ]
    done = subprocess.run(args, capture_output=True, text=True, env=env, timeout=run_time + 120)
    if not out.exists():
        raise SystemExit(f"locust wrote no result for {target.name}:\n{done.stdout}\n{done.stderr}")
    result: dict[str, Any] = json.loads(out.read_text())
    return result


def rate_row(database: str, target: Target, result: dict[str, Any]) -> RateRow:
    marks = result["marks"]
    begin, end = marks.get("begin"), marks["end"]
    if begin is None:
        raise SystemExit(f"{target.name}: the measured window never opened")
    cpu = CpuWindow(
        seconds=end["at"] - begin["at"],
        cores=int(result["cores"]),
        generator=end["generator"] - begin["generator"],
        server=end["server"] - begin["server"],
        machine_busy=end["machine_busy"] - begin["machine_busy"],
        machine_total=end["machine_total"] - begin["machine_total"],
    )
    samples = [
        Sample(start, ms, bool(ok), int(status)) for start, ms, ok, status in result["samples"]
    ]
    window = (begin["at"], end["at"] - TAIL)
    return summarize(database, target.name, target.kind, target.rate, window, samples, cpu)


def server_ticks(pids: list[int]) -> float:
    total = 0.0
    for pid in pids:
        try:
            total += proc_pid_ticks(Path(f"/proc/{pid}/stat").read_text())
        except OSError:
            pass
    return total


def drain(served: list[Served], limit: float = 180.0) -> None:
    """Waits until every server is idle: a row whose load outran the server leaves requests in
    its listen queue, which would otherwise be served during the next row."""
    tick = os.sysconf("SC_CLK_TCK")
    deadline = time.monotonic() + limit
    quiet = 0
    last = [server_ticks(s.pids) for s in served]
    while quiet < 2 and time.monotonic() < deadline:
        time.sleep(0.5)
        now = [server_ticks(s.pids) for s in served]
        busiest = max((b - a) / tick / 0.5 for a, b in zip(last, now, strict=True))
        quiet = quiet + 1 if busiest < 0.05 else 0
        last = now


def worker_pids(master: int) -> list[int]:
    try:
        children = Path(f"/proc/{master}/task/{master}/children").read_text().split()
    except OSError:
        children = []
    return [master, *(int(c) for c in children)]


def load_average() -> float:
    return os.getloadavg()[0]


@contextmanager
def server(tree: Path, env: dict[str, str], log: Path) -> Iterator[tuple[str, list[int]]]:
    """gunicorn on the tree; what it logs (a line for every 4xx answer) goes to `log`."""
    port = free_port()
    output = log.open("w")
    process = subprocess.Popen(
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
        cwd=tree,
        env=env,
        stdout=output,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(150):
            try:
                urllib.request.urlopen(base + "/healthz", timeout=1)
                break
            except OSError:
                time.sleep(0.2)
        else:
            raise SystemExit(f"gunicorn did not answer at {base}/healthz:\n{log.read_text()}")
        time.sleep(0.5)  # every worker up, not only the first one to answer
        yield base, worker_pids(process.pid)
    finally:
        process.terminate()
        process.wait(timeout=30)
        output.close()


def seed_database(tree: Path, env: dict[str, str]) -> dict[str, Any]:
    python = str(VENV / "python")
    subprocess.run(
        [python, "manage.py", "collectstatic", "--noinput", "-v0"], cwd=tree, env=env, check=True
    )
    seed_script = tree / "bench" / "seed.py"
    if not seed_script.exists():
        seed_script = ROOT / "bench" / "seed.py"
    seeded = subprocess.run(
        [python, str(seed_script)], cwd=tree, env=env, check=True, capture_output=True, text=True
    )
    seed: dict[str, Any] = json.loads(seeded.stdout)
    return seed


@dataclass
class Served:
    """One tree's server, up and seeded, for one database."""

    tree: Tree
    base: str
    pids: list[int]
    seed: dict[str, Any]
    script: Path
    redis_url: str


@contextmanager
def serve(tree: Tree, index: int, database: str, work: Path) -> Iterator[Served | None]:
    """Seeds a database of its own for the tree and starts gunicorn on it; None when this
    database is not to be had (no PostgreSQL server)."""
    folder = work / tree.label / database
    folder.mkdir(parents=True, exist_ok=True)
    if database == "postgresql":
        url = postgres_database(f"rollcoach_bench_{tree.label}")
        if url is None:
            yield None
            return
    else:
        url = f"sqlite:///{folder / 'bench.db'}"
    redis_url = redis_for(index)
    if redis_reachable():
        import redis

        redis.Redis.from_url(redis_url).flushdb()  # sessions and rate limits of an earlier run
    env = server_env(tree.path, url, folder / "data", redis_url)
    print(f"{tree.label}: seeding {database}", flush=True)
    seed = seed_database(tree.path, env)
    script = folder / "bench.lua"
    posters = ", ".join(f'{{"{s}", {p}}}' for s, p in seed["posters"])
    days = ", ".join(f'"{d}"' for d in days_back(str(seed["started_at"]), DAYS))
    script.write_text(
        f'posters = {{{posters}}}\ncsrf = "{seed["csrf"]}"\ndays = {{{days}}}\n' + LUA
    )
    with server(tree.path, env, folder / "gunicorn.log") as (base, pids):
        yield Served(tree, base, pids, seed, script, redis_url)


def in_turn(served: list[Served], number: int) -> list[Served]:
    """Trees take turns row by row, first one then the other, then the other way round (ABBA),
    so a machine that gets busier or quieter during the run favours neither."""
    return served if number % 2 == 0 else served[::-1]


def measure(trees: list[Tree], database: str, work: Path) -> tuple[float, float] | None:
    """Every row on every tree, for one database, with the trees' servers up side by side;
    the load averages when it began and ended."""
    with ExitStack() as stack:
        started = [stack.enter_context(serve(t, i, database, work)) for i, t in enumerate(trees)]
        served = [s for s in started if s is not None]
        if not served:
            return None
        load_before = load_average()
        targets = [t for t in TARGETS if selected(t)]
        for one in served:
            for number, target in enumerate(targets):
                check_target(one.base, target, one.seed, number)
        if "rate" in TABLES:
            for number, target in enumerate(targets):
                for one in in_turn(served, number):
                    drain(served)
                    if target.upload:
                        clear_rate_limits(one.redis_url)
                    tag = f"{one.tree.label}-{database}-{number}-{time.time_ns()}"
                    result = locust(one.base, target, one.seed, work, one.pids, tag)
                    row = rate_row(database, target, result)
                    one.tree.rate.append(row)
                    print(
                        f"  {one.tree.label:6} {database:10} {target.name:22} "
                        f"{row.offered:4.0f}/s offered {row.achieved:6.0f}/s  "
                        f"p95 {row.p95:6.1f} ms  errors {row.errors}  "
                        f"generator {100 * row.cpu.generator_share():3.0f} %  "
                        f"others {100 * row.cpu.others_share():3.0f} %",
                        flush=True,
                    )
        if "wrk" in TABLES:
            for number, target in enumerate(targets):
                for one in in_turn(served, number):
                    drain(served)
                    if target.upload:
                        clear_rate_limits(one.redis_url)
                    result = wrk(
                        one.base + target.path,
                        headers_for(target, one.seed),
                        body_for(target, one.seed),
                        one.script,
                    )
                    seconds = result["duration_us"] / 1e6
                    wrk_row = WrkRow(
                        database,
                        target.name,
                        target.kind,
                        result["requests"] / seconds,
                        result["p50"],
                        result["p95"],
                        result["p99"],
                        int(result["socket_errors"] + result["http_errors"]),
                        int(result["requests"]),
                    )
                    one.tree.wrk.append(wrk_row)
                    print(
                        f"  {one.tree.label:6} {database:10} {target.name:22} "
                        f"{wrk_row.rps:8.0f} req/s  p95 {wrk_row.p95:6.1f} ms  (50 connections)",
                        flush=True,
                    )
        return load_before, load_average()


def postgres_database(name: str = "rollcoach_bench") -> str | None:
    """A new, empty database of that name (an earlier one is dropped); None without a server."""
    try:
        import psycopg

        with psycopg.connect(f"{PG_SERVER}/postgres", autocommit=True, connect_timeout=3) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            conn.execute(f'CREATE DATABASE "{name}"')
    except Exception as error:  # noqa: BLE001 - any failure means: no PostgreSQL here
        print(f"PostgreSQL not reachable at {PG_SERVER} ({error}): measuring SQLite only")
        return None
    return f"{PG_SERVER}/{name}"


def _git(*args: str) -> str:
    done = subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True, check=True)
    return done.stdout.strip()


def tree_for(label: str, spec: str, work: Path) -> Tree:
    """A folder as it is, or a commit of this repository unpacked (git archive) into `work`."""
    folder = Path(spec).expanduser()
    if folder.is_dir():
        path = folder.resolve()
        try:
            head = subprocess.run(
                ["git", "-C", str(path), "log", "-1", "--format=%h %s"],
                capture_output=True,
                text=True,
                check=True,
            ).stdout.strip()
            dirty = subprocess.run(
                ["git", "-C", str(path), "status", "--porcelain", "--", "src"],
                capture_output=True,
                text=True,
                check=True,
            ).stdout.strip()
            described = f"`{head[:120]}`" + (" with uncommitted changes in src/" if dirty else "")
        except (subprocess.CalledProcessError, FileNotFoundError):
            described = f"the folder {path}"
        return Tree(label, path, described)
    commit = _git("rev-parse", "--verify", f"{spec}^{{commit}}")
    path = work / f"src-{label}"
    path.mkdir(parents=True)
    archive = subprocess.Popen(["git", "archive", commit], cwd=ROOT, stdout=subprocess.PIPE)
    subprocess.run(["tar", "-x", "-C", str(path)], stdin=archive.stdout, check=True)
    if archive.wait() != 0:
        raise SystemExit(f"git archive {commit} failed")
    return Tree(label, path, f"`{_git('log', '-1', '--format=%h %s', commit)[:120]}`")


def locust_version() -> str:
    done = subprocess.run([str(LOCUST), "--version"], capture_output=True, text=True)
    words = (done.stdout or done.stderr).split()
    return " ".join(words[:2]) if done.returncode == 0 and words else "locust"


def results_markdown(
    trees: list[Tree], load_start: float, load_end: float, loads: dict[str, tuple[float, float]]
) -> str:
    after = trees[-1]
    before = trees[0] if len(trees) > 1 else None
    cores = os.cpu_count() or 1
    others = [r.cpu.others_share() for t in trees for r in t.rate]
    busy = busy_machine(load_start, others, cores)
    median_others = statistics.median(others) if others else math.nan
    lines = [
        "# Benchmark results",
        "",
        f"Recorded {datetime.now(UTC):%Y-%m-%d %H:%M} UTC on {platform.node()} ({cores} cores, "
        f"{platform.processor() or platform.machine()}, Python {platform.python_version()}), "
        f"gunicorn with {WORKERS} sync workers, shared cache in "
        f"{'Redis' if redis_reachable() else 'the database'}, over loopback. "
        f"Fixed rate: {locust_version()}, FastHttpUser, {USER_RATE:g} requests a second from "
        f"each user, {RATE_SECONDS} s measured a row after {WARMUP:g} s of warm-up. "
        f"50 connections: wrk -t2 -c{CONNECTIONS} -d{SECONDS}s.",
        "",
    ]
    load_note = (
        f"load average {load_start:.2f} before the run and {load_end:.2f} after "
        f"({'; '.join(f'{db} rows from {a:.2f} to {b:.2f}' for db, (a, b) in loads.items())}); "
        f"other processes took a median {100 * median_others:.0f} % of the machine's CPU "
        "during the fixed-rate rows"
    )
    if busy:
        lines += [
            f"**Taken on a busy machine**: {load_note}. Figures are noisy; re-record on an idle "
            "machine with `make bench`.",
            "",
        ]
    else:
        lines += [f"Machine: {load_note}.", ""]
    if before is not None:
        lines += [f"Before: {before.described}. After: {after.described}.", ""]
    else:
        lines += [f"Code: {after.described}.", ""]
    lines += [
        "Targets. At a fixed offered rate, each row on its own: zero errors, p95 under 100 ms, "
        f"and at least 95 % of the offered rate achieved ({PAGE_RATE:.0f} views a second of each "
        f"page, {UPLOAD_RATE:.0f} uploads a second; hello and the floor are references). "
        "At 50 connections: every public page at least 50 % of hello, every signed-in page at "
        "least 50 % of the floor (a signed-in POST that stores nothing); uploads are given as a "
        "share of the floor. `rollcoach --help` under 0.3 s.",
        "",
        "## Capacity at a fixed offered rate",
        "",
        "Generator CPU: the load generator's share of the whole machine "
        f"({cores} cores) during the measured window.",
        "",
        rate_table(after.rate, before.rate if before else ()),
        "",
        "## Closeness to the limit at 50 connections",
        "",
        wrk_table(after.wrk, before.wrk if before else ()),
        "",
        "## Where the CPU went during the fixed-rate rows",
        "",
    ]
    for tree in trees:
        if tree.rate:
            lines += [cpu_table(tree.rate, tree.label), ""]
    # Written by hand, each with the runs behind it: what stays bespoke, and what uploads cost.
    for name in ("KEPT.md", "UPLOADS.md"):
        notes = ROOT / "bench" / name
        if notes.exists():
            lines += [notes.read_text().strip(), ""]
    lines += ["## Missed", ""]
    for tree in trees:
        label = tree.label if before is not None else ""
        misses = summary_lines(tree.wrk, tree.rate, label)
        if tree.cli[0] >= 0.3:
            misses.append(
                f"{label + ': ' if label else ''}`rollcoach --help` takes "
                f"{tree.cli[0]:.2f} s >= 0.3 s"
            )
        lines += [f"- {m}" for m in misses] or [f"- {tree.label}: none"]
    lines += [""]
    for tree in trees:
        lines.append(
            f"`rollcoach --help` ({tree.label}): median {tree.cli[0] * 1000:.0f} ms, slowest "
            f"{tree.cli[1] * 1000:.0f} ms (15 runs)  "
        )
    return "\n".join(lines).rstrip() + "\n"


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--record", action="store_true", help="write bench/RESULTS.md")
    parser.add_argument(
        "--src",
        default=os.environ.get("BENCH_SRC", str(ROOT)),
        help="the code to measure as 'after': a folder or a commit (default: this checkout)",
    )
    parser.add_argument(
        "--before",
        default=os.environ.get("BENCH_BEFORE", ""),
        help="the code to measure as 'before', a folder or a commit (e.g. dae9ef9)",
    )
    return parser.parse_args(argv)


def main(argv: list[str]) -> None:
    args = parse_args(argv)
    if "wrk" in TABLES and shutil.which("wrk") is None:
        raise SystemExit("wrk is not installed (Debian package wrk): `make bench` installs it")
    if "rate" in TABLES and not LOCUST.exists():
        raise SystemExit(f"locust is not at {LOCUST}: `make bench` installs it")
    load_start = load_average()
    with tempfile.TemporaryDirectory(prefix="rollcoach-bench-") as tmp:
        work = Path(tmp)
        trees = [tree_for("after", args.src, work)]
        if args.before:
            trees.insert(0, tree_for("before", args.before, work))
        for tree in trees:
            tree.cli = cli_startup(tree.path)
        loads = {}
        for database in DATABASES:
            measured = measure(trees, database, work)
            if measured is not None:
                loads[database] = measured
    load_end = load_average()
    text = results_markdown(trees, load_start, load_end, loads)
    print()
    print(text)
    if args.record:
        (ROOT / "bench" / "RESULTS.md").write_text(text)


if __name__ == "__main__":
    main(sys.argv[1:])
