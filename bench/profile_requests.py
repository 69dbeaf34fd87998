"""Where one request's time goes: the benchmark's rows served in-process, timed and profiled.

Seeds a database as `run.py` does (with the measured tree's own bench/seed.py), then calls the
WSGI application directly, with the benchmark's cookies and bodies: no server, no load generator.
For each row it gives the time of a request without the profiler, its SQL queries and Redis
commands, and from cProfile the share of the time spent in each layer and the costliest functions.

    .venv/bin/python bench/profile_requests.py --rows today,progress,"post session log"
    .venv/bin/python bench/profile_requests.py --src dae9ef9 --database postgresql --record

--record writes bench/PROFILE.md (or --out FILE).
"""

from __future__ import annotations

import argparse
import cProfile
import io
import os
import pstats
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from benchreport import days_back, fill
from run import (
    DAYS,
    PG_SERVER,
    REDIS,
    ROOT,
    TARGETS,
    Target,
    body_for,
    clear_rate_limits,
    headers_for,
    postgres_database,
    redis_reachable,
    seed_database,
    server_env,
    tree_for,
)

# Layers by the file a function's own time is spent in; the first match wins.
LAYERS: list[tuple[str, tuple[str, ...]]] = [
    ("templates and forms", ("django/template/", "django/templatetags/", "django/forms/")),
    (
        "ORM (query building, models)",
        ("django/db/models/", "django/db/utils", "django/db/transaction"),
    ),
    ("database driver and server", ("django/db/backends/", "sqlite3", "psycopg")),
    (
        "sessions, cache, Redis",
        ("django/contrib/sessions/", "django/core/cache/", "redis/", "hiredis"),
    ),
    ("pydantic", ("pydantic",)),
    ("rollcoach", ("/rollcoach/",)),
    ("Django request path (middleware, urls, auth, http)", ("django/",)),
    ("waiting on sockets", ("socket", "select", "poll", "recv", "send")),
]


def layer_of(filename: str, function: str) -> str:
    """Which layer a profiled function belongs to; builtins ('~') go by their name."""
    where = function if filename == "~" else filename.replace(os.sep, "/")
    for layer, marks in LAYERS:
        if filename != "~" and layer == "waiting on sockets":
            continue
        if any(mark in where for mark in marks):
            return layer
    return "Python and other libraries"


def _library(filename: str) -> bool:
    """Python's own code: builtins and the standard library, not an installed package."""
    path = filename.replace(os.sep, "/")
    return filename == "~" or ("/lib/python" in path and "/site-packages/" not in path)


def layer_of_entry(raw: dict[Any, Any], key: tuple[str, int, str], depth: int = 0) -> str:
    """A function's layer; Python's own functions (json, copy, builtins...) count for the layer
    of the caller that spent the most time in them, so their time lands where it is asked for."""
    filename, _line, function = key
    if not _library(filename) or depth >= 6:
        return layer_of(filename, function)
    callers: dict[Any, Any] = raw[key][4] if key in raw else {}
    if not callers:
        return layer_of(filename, function)
    caller = max(callers.items(), key=lambda item: item[1][3])[0]
    layer = layer_of_entry(raw, caller, depth + 1)
    if layer == "Python and other libraries" and filename == "~":
        return layer_of(filename, function)  # a socket wait keeps its own name
    return layer


@dataclass
class Counted:
    """What a request sent to the database and to Redis."""

    queries: list[tuple[str, float]] = field(default_factory=list)
    redis: list[tuple[str, float]] = field(default_factory=list)


@contextmanager
def counting() -> Iterator[Counted]:
    from django.db import connection

    counted = Counted()

    def wrapper(
        execute: Callable[..., Any], sql: str, params: Any, many: bool, context: Any
    ) -> Any:
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            counted.queries.append((sql, 1000 * (time.perf_counter() - started)))

    patched = None
    try:
        import redis

        original: Callable[..., Any] = redis.Redis.execute_command

        def execute_command(self: Any, *args: Any, **options: Any) -> Any:
            started = time.perf_counter()
            try:
                return original(self, *args, **options)
            finally:
                counted.redis.append((str(args[0]), 1000 * (time.perf_counter() - started)))

        redis.Redis.execute_command = execute_command  # type: ignore[method-assign]
        patched = (redis.Redis, original)
    except ImportError:
        pass
    try:
        with connection.execute_wrapper(wrapper):
            yield counted
    finally:
        if patched is not None:
            patched[0].execute_command = patched[1]  # type: ignore[method-assign]


class Caller:
    """Builds each request of one row and hands it to the WSGI application."""

    def __init__(self, app: Any, target: Target, seed: dict[str, Any], tag: str) -> None:
        self.app, self.target, self.seed, self.tag = app, target, seed, tag
        self.count = 0
        self.template = body_for(target, seed)
        self.days = days_back(str(seed["started_at"]), DAYS)

    def environ(self) -> dict[str, Any]:
        self.count += 1
        headers = headers_for(self.target, self.seed)
        body = b""
        if self.template is not None:
            posters = self.seed["posters"]
            session, plan = posters[self.count % len(posters)]
            headers["Cookie"] = f"sessionid={session}; csrftoken={self.seed['csrf']}"
            if self.target.upload == "update":
                client_id = f"{self.tag}-{self.count % len(posters)}"
            else:
                client_id = f"{self.tag}-{self.count}"
            day = self.days[(self.count // len(posters)) % len(self.days)]
            body = fill(self.template, client_id, int(plan), self.count, day).encode()
        environ: dict[str, Any] = {
            "REQUEST_METHOD": "GET" if self.template is None else "POST",
            "PATH_INFO": self.target.path,
            "QUERY_STRING": "",
            "SERVER_NAME": "127.0.0.1",
            "SERVER_PORT": "8000",
            "SERVER_PROTOCOL": "HTTP/1.1",
            "HTTP_HOST": "127.0.0.1",
            "REMOTE_ADDR": "127.0.0.1",
            "CONTENT_LENGTH": str(len(body)),
            "wsgi.version": (1, 0),
            "wsgi.url_scheme": "http",
            "wsgi.input": io.BytesIO(body),
            "wsgi.errors": sys.stderr,
            "wsgi.multithread": False,
            "wsgi.multiprocess": True,
            "wsgi.run_once": False,
        }
        for name, value in headers.items():
            key = name.upper().replace("-", "_")
            environ[key if key == "CONTENT_TYPE" else f"HTTP_{key}"] = value
        return environ

    def __call__(self) -> None:
        status: list[str] = []

        def start_response(line: str, headers: Any, exc_info: Any = None) -> None:
            status.append(line)

        result = self.app(self.environ(), start_response)
        try:
            for _ in result:
                pass
        finally:
            close = getattr(result, "close", None)
            if close is not None:
                close()
        if not status or not status[0].startswith("200"):
            raise SystemExit(f"{self.target.name} answered {status}, not 200")


def _short(sql: str, width: int = 110) -> str:
    one_line = " ".join(sql.split())
    return one_line if len(one_line) <= width else one_line[: width - 1] + "…"


def profile_row(caller: Caller, repeat: int, top: int) -> tuple[str, str]:
    """The row's line of the summary table, and its section."""
    for _ in range(20):  # warm: connections, caches, templates
        caller()
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        caller()
        times.append(1000 * (time.perf_counter() - started))
    with counting() as counted:
        caller()
    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(repeat):
        caller()
    profiler.disable()
    stats = pstats.Stats(profiler)
    raw: dict[Any, Any] = stats.stats  # type: ignore[attr-defined]
    total = sum(entry[2] for entry in raw.values())
    layers: dict[str, float] = {}
    for key, entry in raw.items():
        layer = layer_of_entry(raw, key)
        layers[layer] = layers.get(layer, 0.0) + entry[2]
    name = caller.target.name
    lines = [
        f"### {name} ({caller.target.path})",
        "",
        f"{statistics.median(times):.2f} ms a request (median of {repeat}, no profiler; "
        f"mean {statistics.mean(times):.2f}); {len(counted.queries)} SQL queries, "
        f"{sum(ms for _, ms in counted.queries):.2f} ms; {len(counted.redis)} Redis commands, "
        f"{sum(ms for _, ms in counted.redis):.2f} ms.",
        "",
        "| layer (own time, under cProfile) | share |",
        "|---|---:|",
    ]
    ranked_layers = sorted(layers.items(), key=lambda item: -item[1])
    for layer, seconds in ranked_layers:
        lines.append(f"| {layer} | {100 * seconds / total:.0f} % |")
    largest, largest_seconds = ranked_layers[0]
    figures = (
        f"| {name} | {statistics.median(times):.2f} | {len(counted.queries)} | "
        f"{sum(ms for _, ms in counted.queries):.2f} | {len(counted.redis)} | "
        f"{largest} ({100 * largest_seconds / total:.0f} %) |"
    )
    lines += ["", "Queries of one request:", ""]
    seen: dict[str, list[float]] = {}
    for sql, ms in counted.queries:
        seen.setdefault(_short(sql), []).append(ms)
    lines += [f"- {len(v)}× {sum(v):.2f} ms `{sql}`" for sql, v in seen.items()] or ["- none"]
    commands: dict[str, list[float]] = {}
    for command, ms in counted.redis:
        commands.setdefault(command, []).append(ms)
    if commands:
        lines += [
            "",
            "Redis: " + ", ".join(f"{len(v)}× {c} ({sum(v):.2f} ms)" for c, v in commands.items()),
        ]
    lines += [
        "",
        f"Costliest calls, cumulative, per request (of {total * 1000 / repeat:.2f} ms):",
        "",
    ]
    lines += ["| function | ms | calls |", "|---|---:|---:|"]
    ranked = sorted(raw.items(), key=lambda item: -item[1][3])
    shown = 0
    for (filename, line, function), entry in ranked:
        if not _worth_showing(filename, function):
            continue
        where = _where(filename, line)
        lines.append(
            f"| `{function}` {where} | {1000 * entry[3] / repeat:.2f} | {entry[1] / repeat:.0f} |"
        )
        shown += 1
        if shown >= top:
            break
    return figures, "\n".join(lines)


def _where(filename: str, line: int) -> str:
    if filename == "~":
        return ""
    path = filename.replace(os.sep, "/")
    for mark in ("/rollcoach/", "/site-packages/", "/lib/python"):
        if mark in path:
            path = path[path.index(mark) + len(mark) :]
            break
    return f"({path}:{line})"


def _worth_showing(filename: str, function: str) -> bool:
    """Calls that say something: not the WSGI plumbing every request goes through."""
    plumbing = (
        "django/core/handlers/",
        "django/utils/deprecation.py",
        "bench/profile_requests.py",
        "django/contrib/staticfiles/handlers.py",
        "whitenoise/",
    )
    if filename == "~":
        return function.startswith("<method 'execute'") or "recv" in function
    return not any(mark in filename.replace(os.sep, "/") for mark in plumbing)


def profile_database(args: argparse.Namespace, database: str, targets: list[Target]) -> str:
    """Every row on one database, in this process: Django is set up once, for that database."""
    with tempfile.TemporaryDirectory(prefix="rollcoach-profile-") as tmp:
        work = Path(tmp)
        tree = tree_for("profiled", args.src, work)
        if database == "postgresql":
            url = postgres_database("rollcoach_profile")
            if url is None:
                return f"## {database}\n\nNot measured: no PostgreSQL server at {PG_SERVER}."
        else:
            url = f"sqlite:///{work / 'profile.db'}"
        if redis_reachable():
            import redis

            redis.Redis.from_url(REDIS).flushdb()
        env = server_env(tree.path, url, work / "data")
        seed = seed_database(tree.path, env)
        os.environ.update(env)
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rollcoach.web.settings")
        sys.path.insert(0, str(tree.path / "src"))
        from django.core.wsgi import get_wsgi_application

        app = get_wsgi_application()
        summary = [
            "| row | ms a request | SQL queries | SQL ms | Redis commands | largest layer |",
            "|---|---:|---:|---:|---:|---|",
        ]
        details = []
        for number, target in enumerate(targets):
            if target.upload:
                clear_rate_limits()
            caller = Caller(app, target, seed, f"profile-{number}-{time.time_ns()}")
            figures, text = profile_row(caller, args.repeat, args.top)
            summary.append(figures)
            details += ["", text]
            print(f"profiled {database} {target.name}", file=sys.stderr, flush=True)
        head = [
            f"## {database}",
            "",
            f"Code: {tree.described}. Load average {os.getloadavg()[0]:.2f} at the end.",
            "",
        ]
        return "\n".join(head + summary + details)


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--src", default=str(ROOT), help="a folder or a commit (default: here)")
    parser.add_argument("--database", default="sqlite", help="sqlite, postgresql, or both")
    parser.add_argument(
        "--rows",
        default="hello,signed-in,home,exercise,article,today,progress,session player,post session",
        help="comma-separated row names, or their first words",
    )
    parser.add_argument("-n", "--repeat", type=int, default=200)
    parser.add_argument("--top", type=int, default=15)
    parser.add_argument("--record", action="store_true", help="write bench/PROFILE.md")
    parser.add_argument("--out", default="")
    parser.add_argument("--part", default="", help=argparse.SUPPRESS)  # one database's section
    args = parser.parse_args(argv)
    wanted = [w.strip() for w in args.rows.split(",") if w.strip()]
    targets = [t for t in TARGETS if any(t.name.startswith(w) for w in wanted)]
    if not targets:
        raise SystemExit(f"no row matches {args.rows}")
    databases = [d for d in args.database.split(",") if d]
    if args.part:
        Path(args.part).write_text(profile_database(args, databases[0], targets))
        return
    # Each database in a process of its own: Django's settings are read once a process.
    sections = []
    with tempfile.TemporaryDirectory(prefix="rollcoach-profile-parts-") as tmp:
        for database in databases:
            part = Path(tmp) / f"{database}.md"
            child = ["--src", args.src, "--rows", args.rows, "-n", str(args.repeat)]
            child += ["--top", str(args.top), "--database", database, "--part", str(part)]
            subprocess.run([sys.executable, __file__, *child], check=True)
            sections.append(part.read_text())
    text = "\n\n".join(
        [
            "# Where a request's time goes\n\n"
            "Written by `bench/profile_requests.py`. Each row is served in-process through the "
            "WSGI application (every middleware, no server, no load generator) with the "
            f"benchmark's cookies and bodies: {args.repeat} requests timed without the profiler, "
            f"then {args.repeat} under cProfile. cProfile inflates Python-heavy code (templates, "
            "the planner) against C code (drivers), so the layer shares are a guide and the "
            "milliseconds without the profiler are the figures to compare.",
            *sections,
        ]
    )
    text = text.rstrip() + "\n"
    print(text)
    if args.record or args.out:
        Path(args.out or ROOT / "bench" / "PROFILE.md").write_text(text)


if __name__ == "__main__":
    main(sys.argv[1:])
