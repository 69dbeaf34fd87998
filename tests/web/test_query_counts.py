"""The busy pages make the same number of queries whatever the amount of data: no N+1."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import User
from django.core.cache import caches
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from rollcoach.web.coach.models import MobilityCheck, PainRating, SessionEvent, SessionLog
from rollcoach.web.coach.services.plans import plan_for_today
from rollcoach.web.community.models import Comment

ARTICLE = "foam-rolling-safe-start"


def add_history(user: User, how_many: int) -> None:
    now = timezone.now()
    plan = plan_for_today(user=user, now=now)
    start = SessionLog.objects.filter(user=user).count()
    for n in range(start, start + how_many):
        moment = now - timedelta(days=2 * n + 1)
        log = SessionLog.objects.create(
            user=user,
            plan=plan,
            client_id=f"history-{user.pk}-{n}",
            status="completed",
            started_at=moment,
            finished_at=moment + timedelta(minutes=9),
            pain_before=6,
            pain_after=4,
            timeline=plan.timeline,
            seconds_active=540,
        )
        SessionEvent.objects.create(log=log, kind="started", at=moment)
        SessionEvent.objects.create(log=log, kind="completed", at=moment)
        PainRating.objects.create(user=user, kind="weekly", value=5, day=moment.date())
        MobilityCheck.objects.create(user=user, test="sit-reach", value=n % 20, day=moment.date())


def add_comments(users: list[User], how_many: int) -> None:
    for n in range(how_many):
        author = users[n % len(users)]
        status = "approved" if n % 2 else "pending"
        Comment.objects.create(article=ARTICLE, author=author, body=f"comment {n}", status=status)


def queries(client: Client, url: str) -> int:
    # Measure the page being made, not served from the cache; the session and the signed-in
    # person come from the database each time too, so every count starts from the same place.
    caches["default"].clear()
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(captured)


@pytest.mark.parametrize("url", ["/today/", "/progress/", "/accounts/", "/accounts/export/"])
def test_it_keeps_a_persons_pages_flat(owner_client: Client, ready_owner: User, url: str) -> None:
    add_history(ready_owner, 3)
    queries(owner_client, url)  # warm: the plan for today is written once
    few = queries(owner_client, url)
    add_history(ready_owner, 12)
    queries(owner_client, url)
    assert queries(owner_client, url) == few


@pytest.mark.parametrize(
    ("url", "who"),
    [
        (f"/articles/{ARTICLE}/", "owner_client"),
        ("/articles/", "owner_client"),
        ("/moderation/", "moderator_client"),
        ("/exercises/", "owner_client"),
        ("/", "owner_client"),
    ],
)
def test_it_keeps_the_shared_pages_flat(
    request: pytest.FixtureRequest,
    owner: User,
    outsider: User,
    moderator: User,
    url: str,
    who: str,
) -> None:
    client: Client = request.getfixturevalue(who)
    people = [owner, outsider, moderator]
    add_comments(people, 3)
    few = queries(client, url)
    add_comments(people, 30)
    assert queries(client, url) == few


def test_it_exports_every_session_of_the_owner(owner_client: Client, ready_owner: User) -> None:
    add_history(ready_owner, 2)
    assert len(owner_client.get("/accounts/export/").json()["sessions"]) == 2
