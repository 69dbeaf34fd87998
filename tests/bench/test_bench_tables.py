"""The benchmark's tables and RESULTS.md, from made-up rows: no server, no load generator."""

from __future__ import annotations

from pathlib import Path

import pytest
import run
from benchreport import (
    FLOOR,
    HELLO,
    CpuWindow,
    Kind,
    RateRow,
    WrkRow,
    cpu_table,
    rate_table,
    wrk_table,
)

CPU = CpuWindow(seconds=10, cores=2, generator=2, server=10, machine_busy=14, machine_total=20)


def wrk(page: str, kind: Kind, rps: float, database: str = "sqlite") -> WrkRow:
    return WrkRow(database, page, kind, rps, 5.0, 9.0, 12.0, 0, int(rps * 30))


def rate(name: str, achieved: float, p95: float, database: str = "sqlite") -> RateRow:
    return RateRow(database, name, Kind.SIGNED_IN, 300, achieved, 9000, 0, 4.0, p95, p95, CPU)


def lines_of(table: str) -> list[list[str]]:
    """The cells of each markdown row, the header first; the alignment row left out."""
    rows = [line for line in table.splitlines() if line.startswith("| ")]
    return [[cell.strip() for cell in row.strip("|").split("|")] for row in rows]


BEFORE = [
    wrk(HELLO, Kind.HELLO, 4000),
    wrk(FLOOR, Kind.FLOOR, 2000),
    wrk("today", Kind.SIGNED_IN, 1500),
]
AFTER = [
    wrk(HELLO, Kind.HELLO, 4200),
    wrk(FLOOR, Kind.FLOOR, 2100),
    wrk("today", Kind.SIGNED_IN, 500),
]


def test_the_wrk_table_gives_before_and_after_side_by_side() -> None:
    header, *rows = lines_of(wrk_table(AFTER, BEFORE))
    assert header[:6] == [
        "page",
        "against",
        "req/s before",
        "req/s after",
        "share before",
        "share after",
    ]
    assert header[-2:] == ["verdict before", "verdict after"]
    today = dict(zip(header, rows[2], strict=True))
    assert today["page"] == "today"
    assert today["against"] == "floor"
    assert (today["req/s before"], today["req/s after"]) == ("1500", "500")
    assert (today["share before"], today["share after"]) == ("75 %", "24 %")
    assert today["verdict before"] == "pass"
    assert today["verdict after"] == "miss: 24 % < 50 % of floor"
    floor = dict(zip(header, rows[1], strict=True))
    assert (floor["against"], floor["share after"]) == ("hello", "50 %")


def test_a_row_measured_on_one_side_only_shows_a_dash_on_the_other() -> None:
    header, *rows = lines_of(wrk_table([*AFTER, wrk("progress", Kind.SIGNED_IN, 1200)], BEFORE))
    progress = dict(zip(header, rows[-1], strict=True))
    assert progress["req/s before"] == "—" and progress["verdict before"] == "—"
    assert progress["req/s after"] == "1200" and progress["verdict after"] == "pass"


def test_without_before_the_wrk_table_has_one_column_of_each() -> None:
    header, *rows = lines_of(wrk_table(AFTER))
    assert header == ["page", "against", "req/s", "share", "p50 ms", "p95 ms", "errors", "verdict"]
    assert rows[0] == ["hello (ceiling)", "—", "4200", "—", "5.0", "9.0", "0", "reported"]


def test_each_database_gets_its_own_table() -> None:
    text = wrk_table([*AFTER, wrk(HELLO, Kind.HELLO, 3000, database="postgresql")])
    assert text.index("**sqlite**") < text.index("**postgresql**")
    sqlite_part, postgres_part = text.split("**postgresql**")
    assert "3000" not in sqlite_part and "4200" not in postgres_part


def test_the_fixed_rate_table_gives_before_and_after_side_by_side() -> None:
    header, *rows = lines_of(rate_table([rate("today", 180, 350)], [rate("today", 299, 12)]))
    assert header[:2] == ["row", "offered /s"]
    cells = dict(zip(header, rows[0], strict=True))
    assert (cells["achieved /s before"], cells["achieved /s after"]) == ("299", "180")
    assert (cells["p95 ms before"], cells["p95 ms after"]) == ("12.0", "350.0")
    assert cells["generator CPU after"] == "10 %"  # 2 CPU seconds of 10 s on 2 cores
    assert cells["verdict before"] == "pass"
    assert cells["verdict after"] == "miss: p95 350 ms >= 100 ms; 180/s of 300/s offered"


def test_the_cpu_table_splits_the_machine() -> None:
    header, row = lines_of(cpu_table([rate("today", 300, 10)], "after"))
    cells = dict(zip(header, row, strict=True))
    assert cells["generator"] == "10 %"
    assert cells["generator, of 1 core"] == "20 %"
    assert cells["gunicorn"] == "50 %"
    assert cells["everything else"] == "10 %"
    assert cells["machine busy"] == "70 %"


def test_trees_take_turns_row_by_row() -> None:
    first, second = object(), object()
    served = [first, second]
    assert run.in_turn(served, 0) == [first, second]  # type: ignore[arg-type]
    assert run.in_turn(served, 1) == [second, first]  # type: ignore[arg-type]
    assert run.in_turn(served, 2) == [first, second]  # type: ignore[arg-type]


def test_each_tree_gets_a_redis_database_of_its_own() -> None:
    assert run.redis_for(0) == run.REDIS
    assert run.redis_for(1) != run.REDIS
    assert run.redis_for(1).rsplit("/", 1)[0] == run.REDIS.rsplit("/", 1)[0]


def test_a_quick_look_still_measures_the_references(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(run, "PAGES", ["today"])
    names = [t.name for t in run.TARGETS if run.selected(t)]
    assert names == [HELLO, FLOOR, "today"]


def test_the_server_runs_the_measured_trees_code() -> None:
    env = run.server_env(Path("/elsewhere"), "sqlite:///x.db", Path("/data"))
    assert env["PYTHONPATH"].split(":")[0] == "/elsewhere/src"
    assert env["ROLLCOACH_BENCH"] == "1"


def test_results_mark_a_busy_machine_and_name_both_trees(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(run, "redis_reachable", lambda: True)
    monkeypatch.setattr(run, "locust_version", lambda: "locust 9.9")
    before = run.Tree("before", Path("/b"), "`aaa old`", wrk=BEFORE, cli=(0.1, 0.2))
    before.rate = [rate("today", 299, 12)]
    after = run.Tree("after", Path("/a"), "`bbb new`", wrk=AFTER, cli=(0.35, 0.4))
    after.rate = [rate("today", 180, 350)]
    text = run.results_markdown([before, after], 1.9, 2.5, {"sqlite": (1.9, 2.4)})
    assert "**Taken on a busy machine**" in text
    assert "load average 1.90 before the run and 2.50 after" in text
    assert "Before: `aaa old`. After: `bbb new`." in text
    assert "| today | 300 | 299 | 180 |" in text
    assert "- after: sqlite today at 300/s: p95 350 ms >= 100 ms; 180/s of 300/s offered" in text
    assert "- after: `rollcoach --help` takes 0.35 s >= 0.3 s" in text
    quiet = run.results_markdown([after], 0.1, 0.1, {"sqlite": (0.1, 0.1)})
    assert "busy machine" not in quiet
    assert "Machine: load average 0.10 before the run" in quiet
    assert "Code: `bbb new`." in quiet and "Before:" not in quiet
