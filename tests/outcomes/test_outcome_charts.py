from __future__ import annotations

from datetime import date, timedelta

import pytest

from rollcoach.outcomes import charts
from rollcoach.outcomes.adherence import WeekSessions
from rollcoach.outcomes.mobility import mobility_trends
from rollcoach.outcomes.pain import SessionChange, WeekPain, pain_trend
from rollcoach.outcomes.records import Measurement

MONDAY = date(2026, 3, 2)
BOTTOM = charts.HEIGHT - charts.BOTTOM


def inside(x: float, y: float) -> bool:
    return charts.LEFT <= x <= charts.WIDTH - charts.RIGHT and charts.TOP <= y <= BOTTOM


@pytest.mark.parametrize(
    "value, y", [(0, BOTTOM), (10, charts.TOP), (5, (BOTTOM + charts.TOP) / 2)]
)
def test_it_puts_pain_0_at_the_bottom_and_10_at_the_top(value: int, y: float) -> None:
    chart = charts.session_pain_chart([SessionChange(MONDAY, value, value)])
    assert chart.pairs[0].before == chart.pairs[0].after == y


def test_it_shows_the_last_20_sessions_inside_the_frame() -> None:
    changes = [SessionChange(MONDAY + timedelta(days=i), 8, i % 11) for i in range(30)]
    chart = charts.session_pain_chart(changes)
    assert len(chart.pairs) == 20 and chart.pairs[0].day == MONDAY + timedelta(days=10)
    assert all(inside(p.x, p.before) and inside(p.x, p.after) for p in chart.pairs)
    assert [p.x for p in chart.pairs] == sorted({p.x for p in chart.pairs})
    assert len(chart.frame.x_ticks) <= charts.MAX_X_LABELS


def test_it_draws_the_baseline_and_the_no_clear_change_band() -> None:
    weeks = [WeekPain(MONDAY + timedelta(weeks=i), a, i == 1) for i, a in enumerate([6, 5, 3])]
    chart = charts.weekly_pain_chart(weeks, pain_trend(weeks))
    y = charts.Scale(0, 10, BOTTOM, charts.TOP)
    assert chart.baseline == y(6)
    assert chart.band == (y(7.8), y(4.2))
    assert [p.hollow for p in chart.points] == [False, True, False] and chart.has_hollow
    assert chart.line.count(",") == 3


def test_it_leaves_out_baseline_and_band_with_one_week() -> None:
    weeks = [WeekPain(MONDAY, 4, False)]
    chart = charts.weekly_pain_chart(weeks, pain_trend(weeks))
    assert chart.baseline is None and chart.band is None and len(chart.points) == 1


def test_it_draws_bars_to_scale_with_the_plan_line() -> None:
    weeks = [
        WeekSessions(MONDAY + timedelta(weeks=i), n, 3, i == 2) for i, n in enumerate([3, 0, 5])
    ]
    chart = charts.sessions_chart(weeks, 3)
    heights = [bar.height for bar in chart.bars]
    assert heights[1] == 0 and heights[2] > heights[0] > 0
    assert heights[2] == pytest.approx(BOTTOM - charts.TOP)
    assert chart.target == pytest.approx(BOTTOM - (BOTTOM - charts.TOP) * 3 / 5, abs=0.1)
    assert [t.label for t in chart.frame.y_ticks] == ["0", "1", "2", "3", "4", "5"]


@pytest.mark.parametrize("span, step", [(4, 1), (9.8, 2), (19.6, 5), (60, 20), (0.5, 0.1)])
def test_it_picks_round_tick_steps(span: float, step: float) -> None:
    assert charts.nice_step(span) == pytest.approx(step)


def test_it_draws_both_sides_of_rotation_with_the_real_change_band() -> None:
    items = [
        Measurement("thoracic-rotation", MONDAY + timedelta(weeks=i), left, right)
        for i, (left, right) in enumerate([(40, 45), (44, 46), (50, 47)])
    ]
    [trend] = mobility_trends(items)
    chart = charts.mobility_chart(trend)
    assert [line.side for line in chart.lines] == ["left", "right"]
    assert all(inside(p.x, p.y) for line in chart.lines for p in line.points)
    assert chart.band is not None and chart.band[0] < chart.band[1]
    labels = [float(t.label) for t in chart.frame.y_ticks]
    assert labels[0] <= 40 - 6.3 and labels[-1] >= 50


def test_it_spaces_weeks_by_date_so_a_gap_shows() -> None:
    weeks = [WeekPain(MONDAY + timedelta(weeks=n), 5, False) for n in (0, 1, 4)]
    xs = [p.x for p in charts.weekly_pain_chart(weeks, pain_trend(weeks)).points]
    assert xs[2] - xs[1] == pytest.approx(3 * (xs[1] - xs[0]), abs=0.2)


def test_it_centres_a_single_point() -> None:
    chart = charts.weekly_pain_chart([WeekPain(MONDAY, 5, False)], None)
    assert chart.points[0].x == (charts.LEFT + charts.WIDTH - charts.RIGHT) / 2
    assert [t.label for t in chart.frame.x_ticks] == ["2 Mar"]


@pytest.mark.parametrize("count", [2, 4, 5, 12, 20])
def test_it_labels_the_first_and_the_last_session(count: int) -> None:
    changes = [SessionChange(MONDAY + timedelta(days=i), 5, 4) for i in range(count)]
    ticks = charts.session_pain_chart(changes).frame.x_ticks
    assert ticks[0].label == "2 Mar"
    assert ticks[-1].label == charts.short_date(MONDAY + timedelta(days=count - 1))
    assert len(ticks) == min(count, charts.MAX_X_LABELS)


def test_it_writes_the_count_inside_a_tall_bar_and_above_a_short_one() -> None:
    weeks = [WeekSessions(MONDAY + timedelta(weeks=i), n, 3, False) for i, n in enumerate([3, 0])]
    tall, empty = charts.sessions_chart(weeks, 3).bars
    assert tall.label_inside and tall.label_y > tall.y
    assert not empty.label_inside and empty.label_y < empty.y


def test_it_steps_the_plan_line_where_the_aim_changed() -> None:
    weeks = [
        WeekSessions(MONDAY + timedelta(weeks=i), 2, aim, i == 2) for i, aim in enumerate([2, 2, 4])
    ]
    chart = charts.sessions_chart(weeks, 4)
    heights = {round(float(part.split("H")[0]), 1) for part in chart.target_path.split("V")[1:]}
    assert heights == {chart.target, round(BOTTOM - (BOTTOM - charts.TOP) * 2 / 5, 1)}
    assert chart.target_path.startswith(f"M{charts.LEFT} ")
    assert chart.target_path.endswith(f"H{float(charts.WIDTH - charts.RIGHT)}")
