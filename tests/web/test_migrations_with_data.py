from datetime import date

import pytest
from django.db import IntegrityError, connection, transaction
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

FIRST = [
    ("accounts", "0001_initial"),
    ("programme", "0001_initial"),
    ("tracking", "0001_initial"),
    ("community", "0001_initial"),
]


@pytest.mark.django_db(transaction=True)
def test_it_migrates_forward_on_a_database_that_holds_data() -> None:
    executor = MigrationExecutor(connection)
    executor.migrate(FIRST)
    old = executor.loader.project_state(FIRST).apps
    user = old.get_model("auth", "User").objects.create(username="alice")
    old.get_model("accounts", "Profile").objects.create(
        user=user, areas=["upper-back"], rollers=["soft"], minutes=10
    )
    plan = old.get_model("programme", "Plan").objects.create(
        user=user, day=date(2026, 11, 2), data={"timeline": {"steps": []}}, total_seconds=0
    )
    log = old.get_model("tracking", "SessionLog").objects.create(
        user=user,
        plan=plan,
        client_id="before-upgrade",
        status="completed",
        started_at=timezone.now(),
        pain_before=6,
        pain_after=4,
        timeline={"steps": []},
    )
    old.get_model("tracking", "SessionEvent").objects.create(
        log=log, kind="started", at=timezone.now()
    )
    old.get_model("community", "Comment").objects.create(
        author=user, article="choosing-a-roller", body="Soft one first.", status="approved"
    )

    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())

    from rollcoach.web.tracking.models import SessionLog

    upgraded = SessionLog.objects.get(client_id="before-upgrade")
    assert (upgraded.pain_before, upgraded.pain_after) == (6, 4)
    assert upgraded.user.profile.areas == ["upper-back"]
    assert upgraded.plan is not None and upgraded.plan.day == date(2026, 11, 2)
    assert upgraded.events.count() == 1
    assert upgraded.plan.days_per_week is None  # no aim was recorded before the upgrade
    from rollcoach.web.community.models import Comment

    assert [c.body for c in Comment.objects.on_article("choosing-a-roller")] == ["Soft one first."]
    # Session ids stay unique after their index became a constraint.
    with pytest.raises(IntegrityError), transaction.atomic():
        SessionLog.objects.create(
            user=upgraded.user, client_id="before-upgrade", started_at=timezone.now(), timeline={}
        )


@pytest.mark.django_db
def test_it_makes_the_cache_table_whatever_cache_the_settings_name() -> None:
    # The test settings keep the cache in memory, as a server with REDIS_URL keeps it in Redis;
    # without REDIS_URL the same database must still have its cache table.
    assert "rollcoach_cache" in connection.introspection.table_names()
