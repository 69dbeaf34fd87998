"""Locust users for one fixed-rate row: `run.py` starts locust headless with this file.

Every user sends one request every 1/BENCH_USER_RATE seconds, so the offered rate is users x that
rate however fast the server answers (a user that falls behind catches up at once). This is
locust's constant_throughput, with one change: each user keeps its own phase. constant_throughput
times every user from its creation, and locust creates them all in one step, so every user fired
in the same millisecond: 150 users at 2/s sent 150-request bursts twice a second, and a trivial
WSGI app measured p50 25 ms instead of 1 ms. Here the users' phases are spread evenly over the
period. The row comes in BENCH_LOCUST_TARGET
(JSON, from run.py); each request is recorded, and at the end the requests, the measured window
and the CPU time spent in it (this process, the server's workers, the whole machine) are written
as JSON to BENCH_LOCUST_OUT, for run.py to summarize.
"""

from __future__ import annotations

import itertools
import json
import os
import resource
import time
from pathlib import Path
from typing import Any

from benchreport import fill, proc_pid_ticks, proc_stat_cpu
from locust import FastHttpUser, events, task
from locust.env import Environment

TARGET: dict[str, Any] = json.loads(os.environ.get("BENCH_LOCUST_TARGET", "{}"))
OUT = os.environ.get("BENCH_LOCUST_OUT", "")
PERIOD = 1 / float(os.environ.get("BENCH_USER_RATE", "2"))
GOLDEN = (5**0.5 - 1) / 2  # user n starts at (n x GOLDEN mod 1) of the period: evenly spread
WARMUP = float(os.environ.get("BENCH_WARMUP", "2"))
SERVER_PIDS = [int(p) for p in os.environ.get("BENCH_SERVER_PIDS", "").split(",") if p]
TICK = os.sysconf("SC_CLK_TCK")
if "path" not in TARGET:
    raise SystemExit("BENCH_LOCUST_TARGET names no row: bench/run.py runs this file")

samples: list[tuple[float, float, bool, int]] = []
# Requests sent and not yet answered, by user: at the end these count as unfinished errors.
pending: dict[int, float] = {}
marks: dict[str, dict[str, float]] = {}
spawned: dict[str, float] = {}
numbers = itertools.count()


def _cpu() -> dict[str, float]:
    own = resource.getrusage(resource.RUSAGE_SELF)
    busy, total = proc_stat_cpu(Path("/proc/stat").read_text())
    server = 0.0
    for pid in SERVER_PIDS:
        try:
            server += proc_pid_ticks(Path(f"/proc/{pid}/stat").read_text())
        except OSError:
            pass  # a worker that has gone counts for nothing more
    return {
        "at": time.time(),
        "generator": own.ru_utime + own.ru_stime,
        "server": server / TICK,
        "machine_busy": busy / TICK,
        "machine_total": total / TICK,
    }


def _record(
    start_time: float, response_time: float, response: Any, exception: Any, **_: Any
) -> None:
    status = int(getattr(response, "status_code", 0) or 0)
    samples.append((start_time, response_time, exception is None and status == 200, status))
    # The window opens WARMUP s after the last user started, at the first answer after that.
    opens = spawned.get("at")
    if opens is not None and "begin" not in marks and time.time() >= opens + WARMUP:
        marks["begin"] = _cpu()


def _spawned(user_count: int, **_: Any) -> None:
    spawned["at"] = time.time()


def _stopping(environment: Environment, **_: Any) -> None:
    marks.setdefault("end", _cpu())


def _write(environment: Environment, **_: Any) -> None:
    marks.setdefault("end", _cpu())
    stopped = marks["end"]["at"]
    # Status -1: sent, never answered before the run stopped (ms is how long it had waited).
    samples.extend((start, 1000 * (stopped - start), False, -1) for start in pending.values())
    if OUT:
        Path(OUT).write_text(
            json.dumps({"samples": samples, "marks": marks, "cores": os.cpu_count() or 1})
        )


events.request.add_listener(_record)
events.spawning_complete.add_listener(_spawned)
events.test_stopping.add_listener(_stopping)
events.quitting.add_listener(_write)


class Visitor(FastHttpUser):
    network_timeout = 10.0
    connection_timeout = 10.0

    def wait_time(self) -> float:
        """Until this user's next slot: one every PERIOD seconds from its first request."""
        self.due += PERIOD
        return max(0.0, self.due - time.perf_counter())

    def on_start(self) -> None:
        self.number = next(numbers)
        time.sleep((self.number * GOLDEN % 1) * PERIOD)  # gevent's sleep: locust patches time
        self.due = time.perf_counter()
        self.revision = 0
        posters: list[list[Any]] = TARGET.get("posters") or [[None, None]]
        self.session, self.plan_id = posters[self.number % len(posters)]
        self.headers: dict[str, str] = dict(TARGET.get("headers", {}))
        if TARGET.get("body") is not None and self.session is not None:
            self.headers["Cookie"] = f"sessionid={self.session}; csrftoken={TARGET['csrf']}"

    @task
    def send(self) -> None:
        template = TARGET.get("body")
        if template is None:
            body = None
        else:
            self.revision += 1
            if TARGET.get("upload") == "update":
                # One session a user, uploaded again with a higher revision each time.
                client_id = f"{TARGET['prefix']}-u{self.number}"
            else:
                client_id = f"{TARGET['prefix']}-u{self.number}-{self.revision}"
            days = TARGET.get("days") or [""]
            started = days[self.revision % len(days)]  # a new session a day earlier each time
            body = fill(template, client_id, int(self.plan_id), self.revision, started)
        pending[self.number] = time.time()
        with self.client.request(
            TARGET.get("method", "GET"),
            TARGET["path"],
            data=body,
            headers=self.headers,
            name=TARGET.get("name"),
            catch_response=True,
            allow_redirects=False,
        ) as response:
            pending.pop(self.number, None)
            # Every request carries exactly the row's cookies, as with wrk: none kept from answers.
            self.client.cookiejar.clear()
            if response.status_code == 200:
                response.success()
            else:
                response.failure(f"status {response.status_code}")
