from __future__ import annotations

from datetime import date, datetime

from django.contrib.auth.models import User
from django.db import transaction

from rollcoach.safety.clearance import to_clear
from rollcoach.web import pagecache
from rollcoach.web.coach.models import Clearance
from rollcoach.web.coach.selectors import clearance_gate, governing_answers, profile_of

CLINICIAN_MAX = 100
SAID_MAX = 500


class ClearanceError(ValueError):
    """The review could not be recorded; nothing was stored."""


@transaction.atomic
def record_clearance(
    *, user: User, given_on: date, clinician: str, said: str, now: datetime
) -> Clearance:
    """Records a clinician's review of what stops or pauses the programme now; it clears
    those answers and conditions, and nothing that comes later."""
    clinician, said = clinician.strip(), said.strip()
    if not clinician or len(clinician) > CLINICIAN_MAX:
        raise ClearanceError(f"Say who reviewed you, in up to {CLINICIAN_MAX} characters.")
    if not said or len(said) > SAID_MAX:
        raise ClearanceError(f"Say what they told you, in up to {SAID_MAX} characters.")
    if given_on > now.date():
        raise ClearanceError("The review's date is in the future: give the day you were seen.")
    profile = profile_of(user)
    covers = to_clear(clearance_gate(user, profile), governing_answers(user) or {})
    if not covers:
        raise ClearanceError(
            "Nothing is waiting for a clinician's review, so nothing was recorded."
        )
    pagecache.changed(user)
    return Clearance.objects.create(
        user=user,
        given_on=given_on,
        clinician=clinician,
        said=said,
        covers=sorted(covers),
        recorded_at=now,
    )
