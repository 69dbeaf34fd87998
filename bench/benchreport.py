"""The benchmark's own logic, with no server: verdicts, shares of the references, the tables.

`run.py` measures and `locustfile.py` generates load; both hand their figures to this module,
which the tests under tests/bench/ check without starting anything.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from typing import TypeVar

HELLO = "hello (ceiling)"
FLOOR = "signed-in post (floor)"
SHARE_TARGET = 0.5  # of hello for public pages, of the floor for signed-in ones
P95_TARGET_MS = 100.0
HELD_RATE = 0.95  # a fixed-rate row holds its rate when it achieves this share of it
GENERATOR_BUSY = 0.9  # of one core: past this the load generator, not the server, may be the limit


class Kind(StrEnum):
    """What a row is, and so what it is judged against."""

    HELLO = "hello"
    FLOOR = "floor"
    PUBLIC = "public"
    SIGNED_IN = "signed-in"
    UPLOAD = "upload"


def fill(template: str, client_id: str, plan_id: int, revision: int, started_at: str = "") -> str:
    """One upload body from run.py's template: its placeholders filled in for one request."""
    body = template.replace("CLIENT_ID", client_id).replace("SESSION_ID", client_id)
    if started_at:
        body = body.replace("STARTED_AT", started_at)
    return body.replace("PLAN_ID", str(plan_id)).replace("REVISION", str(revision))


def days_back(moment: str, count: int) -> list[str]:
    """The moment (ISO 8601) and the same time on each of the count - 1 days before it: new
    sessions are spread over days, since a person can start only so many in one day."""
    start = datetime.fromisoformat(moment)
    return [(start - timedelta(days=n)).isoformat() for n in range(count)]


def reference_of(kind: Kind) -> str | None:
    """The row whose throughput this kind of row is compared with at 50 connections."""
    if kind is Kind.HELLO:
        return None
    if kind in (Kind.PUBLIC, Kind.FLOOR):
        return HELLO
    return FLOOR


def _against(kind: Kind) -> str:
    return {HELLO: "hello", FLOOR: "floor", None: "—"}[reference_of(kind)]


# --- rows at 50 connections (wrk) -------------------------------------------------------------


@dataclass(frozen=True)
class WrkRow:
    database: str
    page: str
    kind: Kind
    rps: float
    p50: float
    p95: float
    p99: float
    errors: int
    requests: int


def share(rows: Sequence[WrkRow], row: WrkRow) -> float | None:
    """The row's throughput as a share of its reference's, in the same run and database."""
    reference = reference_of(row.kind)
    if reference is None:
        return None
    found = [r for r in rows if r.database == row.database and r.page == reference]
    if not found or found[0].rps <= 0:
        return None
    return row.rps / found[0].rps


def wrk_misses(rows: Sequence[WrkRow], row: WrkRow) -> list[str]:
    """Why a row misses its target at 50 connections; empty when it passes (or is only reported).

    Pages must reach half their reference: hello for public pages, the floor for signed-in ones.
    Uploads and the references themselves are held to zero errors only, their share reported.
    """
    misses = []
    if row.errors:
        misses.append(f"{row.errors} errors")
    if row.kind in (Kind.PUBLIC, Kind.SIGNED_IN):
        ratio = share(rows, row)
        reference = reference_of(row.kind)
        if ratio is None:
            misses.append(f"no {reference} row to compare with")
        elif ratio < SHARE_TARGET:
            misses.append(f"{100 * ratio:.0f} % < 50 % of {_against(row.kind)}")
    return misses


def wrk_verdict(rows: Sequence[WrkRow], row: WrkRow) -> str:
    misses = wrk_misses(rows, row)
    if misses:
        return "miss: " + "; ".join(misses)
    if row.kind in (Kind.PUBLIC, Kind.SIGNED_IN):
        return "pass"
    return "reported"


# --- rows at a fixed offered rate (locust) ----------------------------------------------------


@dataclass(frozen=True)
class Sample:
    """One request as the load generator saw it."""

    start: float  # seconds since the epoch
    ms: float
    ok: bool
    status: int  # 0: no answer (a connection error or time-out), -1: none yet when the run stopped

    @property
    def finished(self) -> bool:
        return self.status != UNFINISHED


UNFINISHED = -1


@dataclass(frozen=True)
class CpuWindow:
    """CPU seconds spent in the measured window, and the window itself."""

    seconds: float
    cores: int
    generator: float
    server: float
    machine_busy: float  # every process, ours and anyone else's
    machine_total: float

    def generator_share(self) -> float:
        """Of the whole machine (every core)."""
        return _ratio(self.generator, self.seconds * self.cores)

    def generator_core(self) -> float:
        """Of one core: the generator runs on one, so near 1.0 it is the limit."""
        return _ratio(self.generator, self.seconds)

    def server_share(self) -> float:
        return _ratio(self.server, self.seconds * self.cores)

    def machine_share(self) -> float:
        return _ratio(self.machine_busy, self.machine_total)

    def others_share(self) -> float:
        """Everything else on the machine: the database server, Redis, other people's work."""
        return max(0.0, self.machine_share() - self.generator_share() - self.server_share())


def _ratio(part: float, whole: float) -> float:
    return part / whole if whole > 0 else 0.0


@dataclass(frozen=True)
class RateRow:
    database: str
    name: str
    kind: Kind
    offered: float
    achieved: float
    requests: int
    errors: int
    p50: float
    p95: float
    p99: float
    cpu: CpuWindow
    statuses: tuple[tuple[int, int], ...] = ()  # (status, count) of the failed requests
    unanswered: int = 0  # sent in the window, still waiting when the run stopped


def percentile(values: Sequence[float], pct: float) -> float:
    """Nearest-rank percentile: the smallest value with at least pct % of the values at or below."""
    if not values:
        return math.nan
    ordered = sorted(values)
    rank = max(1, math.ceil(pct / 100 * len(ordered)))
    return ordered[min(rank, len(ordered)) - 1]


def summarize(
    database: str,
    name: str,
    kind: Kind,
    offered: float,
    window: tuple[float, float],
    samples: Iterable[Sample],
    cpu: CpuWindow,
) -> RateRow:
    """One fixed-rate row from the requests that started inside the measured window.

    The window closes some seconds before the run stops, so a request sent in it and still
    unanswered at the stop has waited at least that long: it counts as unanswered, with its wait
    so far among the latencies (an overloaded row cannot look fast), and not as answered."""
    begin, end = window
    inside = [s for s in samples if begin <= s.start < end]
    answered = [s for s in inside if s.finished]
    seconds = end - begin
    failed: dict[int, int] = {}
    for sample in answered:
        if not sample.ok:
            failed[sample.status] = failed.get(sample.status, 0) + 1
    times = [s.ms for s in inside]
    return RateRow(
        database=database,
        name=name,
        kind=kind,
        offered=offered,
        achieved=len(answered) / seconds if seconds > 0 else 0.0,
        requests=len(inside),
        errors=sum(failed.values()),
        p50=percentile(times, 50),
        p95=percentile(times, 95),
        p99=percentile(times, 99),
        cpu=cpu,
        statuses=tuple(sorted(failed.items())),
        unanswered=len(inside) - len(answered),
    )


def rate_misses(row: RateRow) -> list[str]:
    """Why a fixed-rate row misses: any error, p95 at or over 100 ms, or the rate not held."""
    misses = []
    if row.requests == 0:
        return ["no requests"]
    if row.errors:
        codes = ", ".join(f"{count}× {_status(status)}" for status, count in row.statuses)
        misses.append(f"{row.errors} errors ({codes})" if codes else f"{row.errors} errors")
    if row.unanswered:
        misses.append(f"{row.unanswered} unanswered at the end")
    if not row.p95 < P95_TARGET_MS:
        misses.append(f"p95 {row.p95:.0f} ms >= {P95_TARGET_MS:.0f} ms")
    if row.achieved < HELD_RATE * row.offered:
        misses.append(f"{row.achieved:.0f}/s of {row.offered:.0f}/s offered")
    return misses


def _status(status: int) -> str:
    return "no answer" if status == 0 else str(status)


def rate_verdict(row: RateRow) -> str:
    misses = rate_misses(row)
    verdict = "miss: " + "; ".join(misses) if misses else "pass"
    if row.cpu.generator_core() >= GENERATOR_BUSY:
        verdict += " (generator at its limit)"
    return verdict


# --- machine --------------------------------------------------------------------------------


def proc_stat_cpu(text: str) -> tuple[float, float]:
    """Busy and total clock ticks of every core, from the first line of /proc/stat."""
    for line in text.splitlines():
        fields = line.split()
        if fields and fields[0] == "cpu":
            ticks = [float(x) for x in fields[1:]]
            idle = ticks[3] + (ticks[4] if len(ticks) > 4 else 0.0)  # idle + iowait
            # guest time is already counted in user time
            total = sum(ticks[:8])
            return total - idle, total
    raise ValueError("no cpu line in /proc/stat")


def proc_pid_ticks(text: str) -> float:
    """User plus system clock ticks of one process, from its /proc/PID/stat."""
    # The command name is in parentheses and may hold spaces; fields resume after the last ')'.
    rest = text[text.rindex(")") + 2 :].split()
    return float(rest[11]) + float(rest[12])  # utime, stime: fields 14 and 15 of the line


def busy_machine(load_before: float, others: Sequence[float], cores: int) -> bool:
    """A recording is marked busy when the machine was loaded before it began, or when other
    processes took more than a tenth of it while the fixed-rate rows ran (median)."""
    if load_before > 0.25 * cores:
        return True
    if others:
        ordered = sorted(others)
        return ordered[len(ordered) // 2] > 0.10
    return False


# --- tables ---------------------------------------------------------------------------------

Row = TypeVar("Row", WrkRow, RateRow)
# A column: its header, its markdown alignment, and how one row (among its database's) reads.
Column = tuple[str, str, Callable[[Sequence[Row], Row], str]]


def _fmt(value: float | None, spec: str, suffix: str = "") -> str:
    if value is None or math.isnan(value):
        return "—"
    return f"{value:{spec}}{suffix}"


def _pct(value: float | None) -> str:
    return _fmt(None if value is None else 100 * value, ".0f", " %")


def _markdown(header: Sequence[str], align: Sequence[str], body: Iterable[Sequence[str]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join(align) + "|"]
    lines += ["| " + " | ".join(cells) + " |" for cells in body]
    return "\n".join(lines)


def _compare(
    after: Sequence[Row],
    before: Sequence[Row],
    name: Callable[[Row], str],
    fixed: Sequence[Column[Row]],
    paired: Sequence[Column[Row]],
) -> str:
    """A table for each database: the fixed columns once, then each paired column for
    `before` and `after` side by side (only `after`'s when there is no `before`)."""
    parts = []
    databases = list(dict.fromkeys(r.database for r in [*after, *before]))
    for database in databases:
        now = [r for r in after if r.database == database]
        then = [r for r in before if r.database == database]
        by_now: dict[str, Row] = {name(r): r for r in now}
        by_then: dict[str, Row] = {name(r): r for r in then}
        names = list(dict.fromkeys([*by_now, *by_then]))
        header = [h for h, _, _ in fixed]
        align = [a for _, a, _ in fixed]
        for title, alignment, _ in paired:
            header += [f"{title} before", f"{title} after"] if before else [title]
            align += [alignment, alignment] if before else [alignment]
        body = []
        for key in names:
            a, b = by_now.get(key), by_then.get(key)
            some = a if a is not None else b
            assert some is not None
            cells = [cell(now if a is not None else then, some) for _, _, cell in fixed]
            for _, _, cell in paired:
                if before:
                    cells.append(cell(then, b) if b is not None else "—")
                cells.append(cell(now, a) if a is not None else "—")
            body.append(cells)
        parts.append(f"**{database}**\n\n" + _markdown(header, align, body))
    return "\n\n".join(parts)


def wrk_table(after: Sequence[WrkRow], before: Sequence[WrkRow] = ()) -> str:
    """The 50-connection table of each database; with `before`, its figures beside `after`'s."""
    fixed: list[Column[WrkRow]] = [
        ("page", "---", lambda rows, r: r.page),
        ("against", "---", lambda rows, r: _against(r.kind)),
    ]
    paired: list[Column[WrkRow]] = [
        ("req/s", "---:", lambda rows, r: f"{r.rps:.0f}"),
        ("share", "---:", lambda rows, r: _pct(share(rows, r))),
    ]
    if not before:
        paired.append(("p50 ms", "---:", lambda rows, r: f"{r.p50:.1f}"))
    paired.append(("p95 ms", "---:", lambda rows, r: f"{r.p95:.1f}"))
    paired.append(("errors", "---:", lambda rows, r: f"{r.errors}"))
    paired.append(("verdict", "---", wrk_verdict))
    return _compare(after, before, lambda r: r.page, fixed, paired)


def rate_table(after: Sequence[RateRow], before: Sequence[RateRow] = ()) -> str:
    """The fixed-rate table of each database; with `before`, its figures beside `after`'s."""
    fixed: list[Column[RateRow]] = [
        ("row", "---", lambda rows, r: r.name),
        ("offered /s", "---:", lambda rows, r: f"{r.offered:.0f}"),
    ]
    paired: list[Column[RateRow]] = [
        ("achieved /s", "---:", lambda rows, r: f"{r.achieved:.0f}"),
        ("errors", "---:", lambda rows, r: f"{r.errors}"),
        ("p50 ms", "---:", lambda rows, r: _fmt(r.p50, ".1f")),
        ("p95 ms", "---:", lambda rows, r: _fmt(r.p95, ".1f")),
        ("generator CPU", "---:", lambda rows, r: _pct(r.cpu.generator_share())),
        ("verdict", "---", lambda rows, r: rate_verdict(r)),
    ]
    return _compare(after, before, lambda r: r.name, fixed, paired)


def cpu_table(rows: Sequence[RateRow], label: str) -> str:
    """Where the machine's CPU went during each fixed-rate row, as shares of every core."""
    body = [
        [
            r.database,
            r.name,
            _pct(r.cpu.generator_share()),
            _pct(r.cpu.generator_core()),
            _pct(r.cpu.server_share()),
            _pct(r.cpu.others_share()),
            _pct(r.cpu.machine_share()),
        ]
        for r in rows
    ]
    header = [
        "database",
        f"row ({label})",
        "generator",
        "generator, of 1 core",
        "gunicorn",
        "everything else",
        "machine busy",
    ]
    return _markdown(header, ["---", "---", *["---:"] * 5], body)


def summary_lines(
    wrk_rows: Sequence[WrkRow], rate_rows: Sequence[RateRow], label: str = ""
) -> list[str]:
    """One line for every row that misses a target (the references, hello and the floor, are
    held to none at a fixed rate)."""
    prefix = f"{label}: " if label else ""
    lines = []
    for row in rate_rows:
        if row.kind in (Kind.HELLO, Kind.FLOOR):
            continue
        misses = rate_misses(row)
        if misses:
            lines.append(
                f"{prefix}{row.database} {row.name} at {row.offered:.0f}/s: " + "; ".join(misses)
            )
    for wrk_row in wrk_rows:
        misses = wrk_misses(wrk_rows, wrk_row)
        if misses:
            lines.append(
                f"{prefix}{wrk_row.database} {wrk_row.page} (50 connections): " + "; ".join(misses)
            )
    return lines
