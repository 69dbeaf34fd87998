from __future__ import annotations

import json
from collections.abc import Callable

import pytest

from rollcoach.catalog.model import Dose, DoseKind, Exercise
from rollcoach.session.timeline import Step, StepKind, Timeline, build_timeline, pace_of

MakeExercise = Callable[..., Exercise]


def kinds(timeline: Timeline) -> list[str]:
    return [step.kind.value for step in timeline.steps]


@pytest.mark.parametrize(
    ("dose", "expected"),
    [
        (
            Dose(DoseKind.TIME, sets=1, seconds=60, pass_seconds=(2, 4)),
            ["get-ready", "roll", "breathe", "done"],
        ),
        (
            Dose(DoseKind.TIME, sets=2, seconds=60, pass_seconds=(2, 4)),
            ["get-ready", "roll", "breathe", "rest", "roll", "breathe", "done"],
        ),
        (
            Dose(DoseKind.TIME, sets=1, seconds=45, per_side=True, pass_seconds=(2, 4)),
            ["get-ready", "roll", "switch-side", "roll", "breathe", "done"],
        ),
        (
            Dose(DoseKind.TIME, sets=2, seconds=30, rest_seconds=0),
            ["get-ready", "hold", "hold", "done"],
        ),
        (
            Dose(DoseKind.REPS, sets=2, reps=5, hold_seconds=3, per_side=True),
            [
                "get-ready",
                "reps",
                "switch-side",
                "reps",
                "rest",
                "reps",
                "switch-side",
                "reps",
                "done",
            ],
        ),
    ],
)
def test_it_lays_out_steps_for_each_dose(
    make_exercise: MakeExercise, dose: Dose, expected: list[str]
) -> None:
    assert kinds(build_timeline([(make_exercise(), dose)])) == expected


@pytest.mark.parametrize(
    ("kind", "dose", "seconds"),
    [
        (StepKind.ROLL, Dose(DoseKind.TIME, sets=1, seconds=90, pass_seconds=(2, 4)), 90),
        (StepKind.HOLD, Dose(DoseKind.TIME, sets=1, seconds=15), 15),
        (StepKind.REPS, Dose(DoseKind.REPS, sets=1, reps=5, hold_seconds=3), 30),
        (StepKind.REPS, Dose(DoseKind.REPS, sets=1, reps=10), 30),
    ],
)
def test_it_times_work_steps_from_the_dose(
    make_exercise: MakeExercise, kind: StepKind, dose: Dose, seconds: int
) -> None:
    work = [s for s in build_timeline([(make_exercise(), dose)]).steps if s.kind is kind]
    assert [s.seconds for s in work] == [seconds]


@pytest.mark.parametrize(
    ("pass_seconds", "pace"), [((2, 4), 3), ((2, 3), 3), ((3, 3), 3), ((4, 6), 5), (None, None)]
)
def test_it_paces_rolling_at_the_middle_of_the_range_rounding_slower(
    pass_seconds: tuple[int, int] | None, pace: int | None
) -> None:
    assert pace_of(Dose(DoseKind.TIME, sets=1, seconds=60, pass_seconds=pass_seconds)) == pace


def test_it_gives_the_pace_in_plain_words(make_exercise: MakeExercise) -> None:
    roll = next(
        s
        for s in build_timeline([(make_exercise(), make_exercise().dose)]).steps
        if s.kind is StepKind.ROLL
    )
    assert roll.pace_seconds == 3
    assert roll.cue.startswith("Slow: one pass every 3 seconds.")
    assert "Keep your chin tucked." in roll.cue


def test_it_rotates_cues_across_sets(make_exercise: MakeExercise) -> None:
    rolls = [
        s
        for s in build_timeline([(make_exercise(), make_exercise().dose)]).steps
        if s.kind is StepKind.ROLL
    ]
    assert ["chin" in rolls[0].cue, "Breathe out" in rolls[1].cue] == [True, True]
    assert [(s.set_number, s.sets) for s in rolls] == [(1, 2), (2, 2)]


def test_it_orders_sides_left_then_right(make_exercise: MakeExercise) -> None:
    dose = Dose(DoseKind.TIME, sets=2, seconds=30, per_side=True, pass_seconds=(2, 4))
    rolls = [
        s
        for s in build_timeline([(make_exercise(), dose)]).steps
        if s.side and s.kind is StepKind.ROLL
    ]
    assert [s.side for s in rolls] == ["left", "right", "left", "right"]


def test_it_joins_exercises_with_a_rest_and_a_shorter_get_ready(
    make_exercise: MakeExercise,
) -> None:
    first = make_exercise()
    second = make_exercise(slug="glute-roll", name="Glute roll")
    timeline = build_timeline([(first, first.dose), (second, second.dose)])
    ready = [s for s in timeline.steps if s.kind is StepKind.GET_READY]
    assert [(s.exercise, s.seconds) for s in ready] == [("thoracic-roll", 15), ("glute-roll", 10)]
    between = timeline.steps[ready[1].index - 1]
    assert (between.kind, between.seconds, between.exercise) == (StepKind.REST, 15, None)
    assert "Glute roll" in between.cue
    assert ready[0].cue == first.setup


def test_it_ends_with_one_zero_second_done_step(make_exercise: MakeExercise) -> None:
    timeline = build_timeline([(make_exercise(), make_exercise().dose)])
    done = [s for s in timeline.steps if s.kind is StepKind.DONE]
    assert done == [timeline.steps[-1]]
    assert done[0].seconds == 0


def test_it_numbers_steps_and_sums_their_seconds(make_exercise: MakeExercise) -> None:
    timeline = build_timeline([(make_exercise(), make_exercise().dose)])
    assert [s.index for s in timeline.steps] == list(range(len(timeline.steps)))
    # 15 get ready + 2 x (60 roll + 8 breathe) + 15 rest
    assert timeline.total_seconds == 15 + 2 * (60 + 8) + 15


def test_it_round_trips_through_json(make_exercise: MakeExercise) -> None:
    dose = Dose(DoseKind.REPS, sets=2, reps=5, hold_seconds=3, per_side=True)
    timeline = build_timeline([(make_exercise(), make_exercise().dose), (make_exercise(), dose)])
    data = json.loads(json.dumps(timeline.to_dict()))
    assert data["total_seconds"] == timeline.total_seconds
    assert Timeline.from_dict(data) == timeline


def test_it_is_deterministic(make_exercise: MakeExercise) -> None:
    items = [(make_exercise(), make_exercise().dose)]
    assert build_timeline(items).to_dict() == build_timeline(items).to_dict()


def test_it_builds_only_a_done_step_for_no_exercises() -> None:
    assert kinds(build_timeline([])) == ["done"]


@pytest.mark.parametrize(
    "steps",
    [
        (Step(1, StepKind.DONE, 0, "Well done", ""),),
        (Step(0, StepKind.REST, -1, "Rest", ""),),
    ],
)
def test_it_refuses_inconsistent_timelines(steps: tuple[Step, ...]) -> None:
    with pytest.raises(ValueError):
        Timeline(steps)


def test_it_says_the_rolling_pace_once(make_exercise: Callable[..., Exercise]) -> None:
    dose = Dose(kind=DoseKind.TIME, sets=2, seconds=60, pass_seconds=(2, 4))
    exercise = make_exercise(cues=("Slow: one pass every 2-4 s.", "Breathe out as you roll."))
    rolls = [s for s in build_timeline([(exercise, dose)]).steps if s.kind is StepKind.ROLL]
    for step in rolls:
        assert step.cue.lower().count("slow") == 1
    assert "Breathe out as you roll." in rolls[0].cue
