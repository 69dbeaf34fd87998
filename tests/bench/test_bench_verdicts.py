"""The benchmark's judgements, with made-up figures: no server, no load generator."""

from __future__ import annotations

import math

import pytest
from benchreport import (
    FLOOR,
    HELLO,
    UNFINISHED,
    CpuWindow,
    Kind,
    RateRow,
    Sample,
    WrkRow,
    busy_machine,
    days_back,
    fill,
    percentile,
    proc_pid_ticks,
    proc_stat_cpu,
    rate_misses,
    rate_verdict,
    reference_of,
    share,
    summarize,
    summary_lines,
    wrk_misses,
    wrk_verdict,
)

IDLE = CpuWindow(seconds=10, cores=2, generator=1, server=4, machine_busy=6, machine_total=20)


def wrk_row(page: str, kind: Kind, rps: float, errors: int = 0, database: str = "sqlite") -> WrkRow:
    return WrkRow(database, page, kind, rps, 5.0, 9.0, 12.0, errors, int(rps * 30))


def rate_row(
    achieved: float = 300,
    p95: float = 20,
    errors: int = 0,
    offered: float = 300,
    kind: Kind = Kind.SIGNED_IN,
    cpu: CpuWindow = IDLE,
) -> RateRow:
    return RateRow("sqlite", "today", kind, offered, achieved, 3000, errors, 5, p95, p95, cpu)


# One run where the floor is far below hello, as a signed-in POST is.
RUN = [
    wrk_row(HELLO, Kind.HELLO, 4000),
    wrk_row(FLOOR, Kind.FLOOR, 1000),
    wrk_row("home", Kind.PUBLIC, 2000),
    wrk_row("exercise page", Kind.PUBLIC, 1990),
    wrk_row("today", Kind.SIGNED_IN, 600),
    wrk_row("progress", Kind.SIGNED_IN, 490),
    wrk_row("post session log", Kind.UPLOAD, 300),
]


def by_page(page: str, rows: list[WrkRow] = RUN) -> WrkRow:
    return next(r for r in rows if r.page == page)


def test_each_kind_is_compared_with_its_own_reference() -> None:
    assert reference_of(Kind.HELLO) is None
    assert reference_of(Kind.FLOOR) == HELLO
    assert reference_of(Kind.PUBLIC) == HELLO
    assert reference_of(Kind.SIGNED_IN) == FLOOR
    assert reference_of(Kind.UPLOAD) == FLOOR


def test_shares_are_of_the_reference_in_the_same_database() -> None:
    postgres = [wrk_row(HELLO, Kind.HELLO, 100, database="postgresql")]
    rows = RUN + postgres
    assert share(rows, by_page("home")) == pytest.approx(0.5)
    assert share(rows, by_page("today")) == pytest.approx(0.6)  # of the floor, not of hello
    assert share(rows, by_page("post session log")) == pytest.approx(0.3)
    assert share(rows, by_page(FLOOR)) == pytest.approx(0.25)
    assert share(rows, by_page(HELLO)) is None


def test_public_pages_need_half_of_hello() -> None:
    assert wrk_verdict(RUN, by_page("home")) == "pass"  # exactly 50 %
    assert wrk_verdict(RUN, by_page("exercise page")) == "miss: 50 % < 50 % of hello"
    assert wrk_misses(RUN, by_page("exercise page")) == ["50 % < 50 % of hello"]


def test_signed_in_pages_need_half_of_the_floor_not_of_hello() -> None:
    assert wrk_verdict(RUN, by_page("today")) == "pass"  # 60 % of the floor, 15 % of hello
    assert wrk_verdict(RUN, by_page("progress")) == "miss: 49 % < 50 % of floor"


def test_uploads_and_references_are_reported_not_judged_on_their_share() -> None:
    assert wrk_verdict(RUN, by_page("post session log")) == "reported"
    assert wrk_verdict(RUN, by_page(FLOOR)) == "reported"
    assert wrk_verdict(RUN, by_page(HELLO)) == "reported"


def test_errors_miss_whatever_the_row() -> None:
    rows = [*RUN[:-1], wrk_row("post session log", Kind.UPLOAD, 300, errors=3)]
    assert wrk_verdict(rows, by_page("post session log", rows)) == "miss: 3 errors"
    failing_home = wrk_row("home", Kind.PUBLIC, 1000, errors=1)
    assert wrk_misses([*RUN, failing_home], failing_home) == ["1 errors", "25 % < 50 % of hello"]


def test_a_page_without_its_reference_misses() -> None:
    alone = [wrk_row("today", Kind.SIGNED_IN, 600)]
    assert wrk_misses(alone, alone[0]) == [f"no {FLOOR} row to compare with"]


def test_percentile_is_nearest_rank() -> None:
    values = [float(v) for v in range(1, 101)]
    assert percentile(values, 50) == 50
    assert percentile(values, 95) == 95
    assert percentile(values, 100) == 100
    assert percentile([7.0], 95) == 7
    assert percentile(list(reversed(values)), 95) == 95
    assert math.isnan(percentile([], 95))


def test_a_fixed_rate_row_passes_only_with_no_error_p95_under_100_and_the_rate_held() -> None:
    assert rate_verdict(rate_row()) == "pass"
    assert rate_misses(rate_row(p95=100)) == ["p95 100 ms >= 100 ms"]
    assert rate_misses(rate_row(p95=99.9)) == []
    assert rate_misses(rate_row(achieved=284)) == ["284/s of 300/s offered"]
    assert rate_misses(rate_row(achieved=285)) == []  # 95 % of the offered rate
    assert rate_misses(rate_row(errors=2)) == ["2 errors"]


def test_a_generator_at_its_limit_is_named_in_the_verdict() -> None:
    busy = CpuWindow(
        seconds=10, cores=2, generator=9.5, server=8, machine_busy=19, machine_total=20
    )
    assert rate_verdict(rate_row(cpu=busy)) == "pass (generator at its limit)"


def test_summarize_keeps_the_window_and_counts_what_was_never_answered() -> None:
    samples = [
        Sample(start=0.5, ms=1, ok=True, status=200),  # before the window: warm-up
        *(Sample(start=1 + i / 10, ms=float(i), ok=True, status=200) for i in range(18)),
        Sample(start=2.9, ms=50, ok=False, status=500),
        Sample(start=2.95, ms=900, ok=False, status=UNFINISHED),
        Sample(start=3.0, ms=1, ok=True, status=200),  # the window is [1, 3)
    ]
    row = summarize("sqlite", "today", Kind.SIGNED_IN, 10, (1.0, 3.0), samples, IDLE)
    assert row.requests == 20
    assert row.achieved == pytest.approx(19 / 2)  # answered, errors included, per second
    assert row.errors == 1
    assert row.statuses == ((500, 1),)
    assert row.unanswered == 1
    assert row.p95 == 50
    assert row.p99 == 900  # the unanswered request's wait counts among the latencies
    assert rate_misses(row) == ["1 errors (1× 500)", "1 unanswered at the end"]


def test_connection_errors_are_named() -> None:
    samples = [Sample(start=1.0, ms=10_000, ok=False, status=0)]
    row = summarize("sqlite", "today", Kind.SIGNED_IN, 0.5, (1.0, 3.0), samples, IDLE)
    assert rate_misses(row) == ["1 errors (1× no answer)", "p95 10000 ms >= 100 ms"]


def test_a_row_with_no_request_misses() -> None:
    row = summarize("sqlite", "today", Kind.SIGNED_IN, 300, (1.0, 3.0), [], IDLE)
    assert row.achieved == 0
    assert rate_misses(row) == ["no requests"]


def test_cpu_shares() -> None:
    assert IDLE.generator_share() == pytest.approx(0.05)
    assert IDLE.generator_core() == pytest.approx(0.1)
    assert IDLE.server_share() == pytest.approx(0.2)
    assert IDLE.machine_share() == pytest.approx(0.3)
    assert IDLE.others_share() == pytest.approx(0.05)
    empty = CpuWindow(seconds=0, cores=2, generator=0, server=0, machine_busy=0, machine_total=0)
    assert empty.generator_share() == 0 and empty.others_share() == 0


def test_proc_stat_gives_busy_and_total_ticks() -> None:
    text = "cpu  100 5 50 800 20 3 2 10 0 0\ncpu0 50 2 25 400 10 1 1 5 0 0\nintr 1 2 3\n"
    busy, total = proc_stat_cpu(text)
    assert total == 990
    assert busy == 990 - 800 - 20
    with pytest.raises(ValueError):
        proc_stat_cpu("intr 1 2 3\n")


def test_proc_pid_stat_gives_user_and_system_ticks_past_an_odd_command_name() -> None:
    fields = ["S", *map(str, range(4, 14)), "321", "45", *map(str, range(16, 53))]
    text = "1234 (gunicorn: worker (x) ) " + " ".join(fields)
    assert proc_pid_ticks(text) == 321 + 45


def test_a_machine_is_busy_when_loaded_before_or_shared_during_the_run() -> None:
    assert busy_machine(0.2, [0.01, 0.02, 0.03], cores=2) is False
    assert busy_machine(0.6, [], cores=2) is True
    assert busy_machine(0.2, [0.01, 0.5, 0.6], cores=2) is True
    assert busy_machine(0.2, [], cores=2) is False


def test_fill_gives_each_request_its_session_plan_and_revision() -> None:
    template = '{"client_id": "CLIENT_ID", "plan_id": PLAN_ID, "revision": REVISION}'
    assert fill(template, "a-1", 7, 3) == '{"client_id": "a-1", "plan_id": 7, "revision": 3}'
    assert fill('{"client_id": "SESSION_ID"}', "s-2", 7, 3) == '{"client_id": "s-2"}'


def test_fill_dates_a_new_session_when_asked() -> None:
    template = '{"started_at": "STARTED_AT", "client_id": "CLIENT_ID"}'
    filled = fill(template, "c", 1, 1, "2026-01-02T03:04:05+00:00")
    assert filled == '{"started_at": "2026-01-02T03:04:05+00:00", "client_id": "c"}'


def test_days_back_keeps_the_time_and_goes_one_day_at_a_time() -> None:
    assert days_back("2026-03-01T08:30:00+00:00", 3) == [
        "2026-03-01T08:30:00+00:00",
        "2026-02-28T08:30:00+00:00",
        "2026-02-27T08:30:00+00:00",
    ]


def test_missed_lines_leave_the_references_out_of_the_fixed_rate_targets() -> None:
    slow = rate_row(p95=150)
    slow_floor = RateRow("sqlite", FLOOR, Kind.FLOOR, 150, 150, 1500, 0, 5, 150, 150, IDLE)
    lines = summary_lines(RUN, [slow, slow_floor], "after")
    assert lines == [
        "after: sqlite today at 300/s: p95 150 ms >= 100 ms",
        "after: sqlite exercise page (50 connections): 50 % < 50 % of hello",
        "after: sqlite progress (50 connections): 49 % < 50 % of floor",
    ]
