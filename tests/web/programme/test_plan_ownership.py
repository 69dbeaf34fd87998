import pytest
from django.contrib.auth.models import User
from django.utils import timezone

from rollcoach.web.programme.models import Plan
from rollcoach.web.programme.services import (
    plan_for_today,
    plan_owned_by,
    timeline_for_upload,
)
from rollcoach.web.tracking.models import SessionLog

STORED = "stored-session-01"


@pytest.fixture
def plan(ready_owner: User) -> Plan:
    plan = plan_for_today(ready_owner, timezone.now())
    SessionLog.objects.create(
        user=ready_owner,
        plan=plan,
        client_id=STORED,
        started_at=timezone.now(),
        timeline=plan.timeline,
    )
    return plan


# (who asks, which plan, which session) -> (session stored?, plan's timeline given?)
CASES = {
    "owner, new session": ("owner", "theirs", "new-session-01", (False, True)),
    "owner, stored session": ("owner", "theirs", STORED, (True, False)),
    "outsider, new session": ("outsider", "theirs", "new-session-01", (False, False)),
    "outsider, stored session": ("outsider", "theirs", STORED, (True, False)),
    "owner, unknown plan": ("owner", "unknown", "new-session-01", (False, False)),
}


@pytest.mark.parametrize(("who", "which", "client_id", "expected"), CASES.values(), ids=CASES)
def test_it_gives_a_plan_for_an_upload_by_the_rule_of_plan_owned_by(
    plan: Plan,
    ready_owner: User,
    outsider: User,
    who: str,
    which: str,
    client_id: str,
    expected: tuple[bool, bool],
) -> None:
    user = ready_owner if who == "owner" else outsider
    pk = plan.pk if which == "theirs" else plan.pk + 1000
    stored, timeline = timeline_for_upload(user, pk, client_id)
    assert (stored, timeline is not None) == expected
    if timeline is not None:
        assert timeline == plan.timeline
    if not stored:
        assert (timeline is not None) == (plan_owned_by(user, pk) is not None)
