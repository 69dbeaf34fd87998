import importlib

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from rollcoach.web.coach.models import Plan, SessionLog

initial = importlib.import_module("rollcoach.web.coach.migrations.0001_initial")


def _as_before_the_coach_app() -> None:
    """Turns the tables into those of a database made before the coach app: the same rows under
    the earlier apps' table and index names."""
    MigrationExecutor(connection).migrate([("coach", None)])  # state only: tables and rows stay
    with connection.cursor() as cursor:
        for name, old in initial.EARLIER_TABLES.items():
            cursor.execute(f'ALTER TABLE "coach_{name}" RENAME TO "{old}"')
        cursor.execute('DROP INDEX "plan_latest"')
        cursor.execute(
            'CREATE INDEX "programme_p_user_id_78ca9b_idx" ON "programme_plan" ("user_id")'
        )


@pytest.mark.django_db(transaction=True)
def test_it_keeps_the_rows_of_a_database_made_by_the_earlier_apps(ready_owner: object) -> None:
    from rollcoach.web.coach.services.plans import plan_for_today

    plan = plan_for_today(user=ready_owner, now=timezone.now())  # type: ignore[arg-type]
    SessionLog.objects.create(
        user=plan.user,
        plan=plan,
        client_id="before-upgrade",
        status="completed",
        started_at=timezone.now(),
        pain_before=6,
        pain_after=4,
        timeline=plan.timeline,
    )
    _as_before_the_coach_app()
    assert "coach_plan" not in connection.introspection.table_names()

    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())

    upgraded = SessionLog.objects.get(client_id="before-upgrade")
    assert (upgraded.pain_before, upgraded.pain_after, upgraded.plan) == (6, 4, plan)
    assert upgraded.user.profile.areas == ["upper-back", "lower-back"]
    assert Plan.objects.get().timeline == plan.timeline
    with connection.cursor() as cursor:
        indexes = connection.introspection.get_constraints(cursor, "coach_plan")
    assert "plan_latest" in indexes
    assert "programme_p_user_id_78ca9b_idx" not in indexes
    assert not set(initial.EARLIER_TABLES.values()) & set(connection.introspection.table_names())


@pytest.mark.django_db
def test_it_makes_the_cache_table_whatever_cache_the_settings_name() -> None:
    # The test settings keep the cache in memory, as a server with REDIS_URL keeps it in Redis;
    # without REDIS_URL the same database must still have its cache table.
    assert "rollcoach_cache" in connection.introspection.table_names()
