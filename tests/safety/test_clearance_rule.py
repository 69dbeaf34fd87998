from __future__ import annotations

from datetime import date

import pytest

from rollcoach.safety.clearance import Clearance, Gate, gate, to_clear
from rollcoach.safety.precautions import needing_clearance
from rollcoach.safety.redflags import Level

E, U, G = Level.EMERGENCY, Level.URGENT, Level.SEE_CLINICIAN
NHS = "NHS red-flag pathway: SEE-CLINICIAN pauses until clearance; URGENT/EMERGENCY stop"
BARTSCH = "Bartsch 2021: these conditions need a clinician's go-ahead"
JUDGEMENT = "product judgement: a clearance covers what it names"
DAY = date(2026, 11, 30)


def cleared(*items: str) -> Clearance:
    return Clearance(DAY, frozenset(items))


@pytest.mark.parametrize(
    ("yes", "needing", "clearances", "expected", "source"),
    [
        ({}, [], [], Gate(), NHS),
        ({"G3": G}, [], [], Gate(waiting=("G3",)), NHS),
        ({"G3": G}, [], [cleared("G3")], Gate(), NHS),
        ({"U2": U}, [], [], Gate(stop=U), NHS),
        ({"U2": U, "E1": E}, [], [], Gate(stop=E), NHS),
        # A clinician's review after URGENT or EMERGENCY: the answers it covers stop nothing,
        # and the person keeps their true answers.
        ({"U2": U}, [], [cleared("U2")], Gate(), JUDGEMENT),
        ({"U2": U, "E1": E}, [], [cleared("E1")], Gate(stop=U), JUDGEMENT),
        ({"E1": E, "G3": G}, [], [cleared("E1")], Gate(waiting=("G3",)), JUDGEMENT),
        # Conditions that need a clinician's go-ahead.
        ({}, ["osteoporosis"], [], Gate(waiting=("osteoporosis",)), BARTSCH),
        ({}, ["osteoporosis"], [cleared("osteoporosis")], Gate(), BARTSCH),
        # A condition added after clearance, or a new answer, waits for a new one.
        ({}, ["osteoporosis", "dvt"], [cleared("osteoporosis")], Gate(waiting=("dvt",)), JUDGEMENT),
        ({"G3": G, "G1": G}, [], [cleared("G3")], Gate(waiting=("G1",)), JUDGEMENT),
        ({"G3": G}, ["dvt"], [cleared("dvt")], Gate(waiting=("G3",)), JUDGEMENT),
        # Two clearances cover what each named.
        ({"G3": G}, ["dvt"], [cleared("dvt"), cleared("G3")], Gate(), JUDGEMENT),
        # An answer that needs nothing (PROCEED) never waits.
        ({"X1": Level.PROCEED}, [], [], Gate(), NHS),
    ],
)
def test_it_decides_what_stops_and_what_waits(
    yes: dict[str, Level],
    needing: list[str],
    clearances: list[Clearance],
    expected: Gate,
    source: str,
) -> None:
    assert gate(yes=yes, needing_clearance=needing, clearances=clearances) == expected


@pytest.mark.parametrize(
    ("found", "yes", "covers"),
    [
        (Gate(waiting=("G3", "dvt")), {"G3": G}, {"G3", "dvt"}),
        (Gate(stop=U), {"U2": U, "G3": G}, {"U2"}),
        (Gate(stop=U, waiting=("G3",)), {"U2": U, "G3": G}, {"U2", "G3"}),
        (Gate(), {}, set()),
    ],
)
def test_a_review_covers_what_stops_and_waits_now(
    found: Gate, yes: dict[str, Level], covers: set[str]
) -> None:
    assert to_clear(found, yes) == covers


@pytest.mark.parametrize(
    ("conditions", "needing"),
    [
        ([], ()),
        (["osteoporosis"], ("osteoporosis",)),
        (["pregnancy-after-first-trimester"], ("pregnancy", "pregnancy-after-first-trimester")),
        (["dvt", "anticoagulants"], ("dvt",)),
        (["fracture"], ()),  # blocked: no clearance lifts it
        (["varicose-veins", "open-wound"], ()),
    ],
)
def test_it_names_the_conditions_that_need_a_go_ahead(
    conditions: list[str], needing: tuple[str, ...]
) -> None:
    assert needing_clearance(conditions) == needing


@pytest.mark.parametrize(
    ("found", "level"),
    [(Gate(), Level.PROCEED), (Gate(waiting=("G1",)), G), (Gate(stop=E, waiting=("G1",)), E)],
)
def test_it_gives_the_level_that_governs(found: Gate, level: Level) -> None:
    assert found.level is level
