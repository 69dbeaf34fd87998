"""What a clinician's go-ahead clears, and what still waits for one.

A clearance names what the clinician looked at: the screen answers and the conditions in force
when it was given. It clears those and nothing else, so a condition added later, or a new answer
that needs a clinician, waits for a new one. A person told URGENT or EMERGENCY who has since been
seen records that review the same way: the answers it covers stop pausing the programme, and
nobody is asked to answer a true question "no" to carry on."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date

from rollcoach.safety.redflags import Level

SOURCE = (
    "the red-flag levels and 'pause until the person confirms clearance' (NHS pathway, clinical "
    "brief); conditions needing clearance (Bartsch 2021); covering only what was named: product "
    "judgement"
)


@dataclass(frozen=True)
class Clearance:
    given_on: date
    covers: frozenset[str]  # question ids and condition ids the clinician looked at


@dataclass(frozen=True)
class Gate:
    stop: Level | None = None  # an URGENT or EMERGENCY answer no clinician has reviewed
    waiting: tuple[str, ...] = ()  # answers and conditions that wait for a clearance

    @property
    def open(self) -> bool:
        return self.stop is None and not self.waiting

    @property
    def outstanding(self) -> tuple[str, ...]:
        """What a clearance recorded now would have to cover."""
        return self.waiting

    @property
    def level(self) -> Level:
        if self.stop is not None:
            return self.stop
        return Level.SEE_CLINICIAN if self.waiting else Level.PROCEED


STOP_LEVELS = frozenset({Level.URGENT, Level.EMERGENCY})


def gate(
    *,
    yes: Mapping[str, Level],
    needing_clearance: Iterable[str],
    clearances: Iterable[Clearance],
) -> Gate:
    """`yes`: the questions answered yes in the screens that govern now, with their levels;
    `needing_clearance`: the person's conditions that need a clinician's go-ahead."""
    covered: set[str] = set()
    for clearance in clearances:
        covered |= clearance.covers
    unreviewed = [
        level for qid, level in yes.items() if level in STOP_LEVELS and qid not in covered
    ]
    stop = max(unreviewed, key=lambda level: level.rank) if unreviewed else None
    waiting = [q for q, level in yes.items() if level is Level.SEE_CLINICIAN and q not in covered]
    waiting += [c for c in needing_clearance if c not in covered]
    return Gate(stop, tuple(dict.fromkeys(waiting)))


def to_clear(g: Gate, yes: Mapping[str, Level]) -> frozenset[str]:
    """What a review recorded now covers: every stop answer and everything waiting."""
    stops = {qid for qid, level in yes.items() if level in STOP_LEVELS}
    return frozenset(stops | set(g.waiting))
