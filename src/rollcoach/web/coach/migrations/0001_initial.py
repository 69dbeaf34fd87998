# The coach app holds what the apps accounts, programme and tracking held before. A database made
# by those apps keeps its rows: their tables are renamed and their indexes given the new names.

import django.db.models.deletion
from django.conf import settings
from django.core.management import call_command
from django.db import migrations, models
from django.db.backends.base.schema import BaseDatabaseSchemaEditor
from django.db.migrations.state import StateApps

# Referenced tables come before the tables that refer to them.
EARLIER_TABLES = {
    "profile": "accounts_profile",
    "screening": "programme_screening",
    "plan": "programme_plan",
    "sessionlog": "tracking_sessionlog",
    "sessionevent": "tracking_sessionevent",
    "painrating": "tracking_painrating",
    "mobilitycheck": "tracking_mobilitycheck",
}


def _adopt(schema_editor: BaseDatabaseSchemaEditor, model: type[models.Model], old: str) -> None:
    schema_editor.alter_db_table(model, old, model._meta.db_table)
    connection, table = schema_editor.connection, model._meta.db_table
    with connection.cursor() as cursor:
        found = connection.introspection.get_constraints(cursor, table)
    wanted = {index.name for index in model._meta.indexes}
    for name, info in found.items():
        if info["index"] and not (info["unique"] or info["primary_key"]) and name not in wanted:
            schema_editor.execute(
                schema_editor.sql_delete_index
                % {"table": schema_editor.quote_name(table), "name": schema_editor.quote_name(name)}
            )
    for index in model._meta.indexes:
        if index.name not in found:
            schema_editor.add_index(model, index)


def create_or_adopt(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    tables = set(schema_editor.connection.introspection.table_names())
    for name, old in EARLIER_TABLES.items():
        model = apps.get_model("coach", name)
        if old in tables:
            _adopt(schema_editor, model, old)
        else:
            schema_editor.create_model(model)
    # Rate limits must be shared by every server process: without Redis the cache is a table.
    call_command(
        "createcachetable",
        "rollcoach_cache",  # settings.DATABASE_CACHE_TABLE
        database=schema_editor.connection.alias,
        verbosity=0,
    )


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="Plan",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        ("day", models.DateField()),
                        ("stage", models.PositiveSmallIntegerField(default=0)),
                        ("data", models.JSONField()),
                        ("total_seconds", models.PositiveIntegerField()),
                        ("days_per_week", models.PositiveSmallIntegerField(blank=True, null=True)),
                        ("created_at", models.DateTimeField(auto_now_add=True)),
                        (
                            "user",
                            models.ForeignKey(
                                db_index=False,
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="plans",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                    ],
                    options={
                        "ordering": ["-day", "-created_at"],
                    },
                ),
                migrations.CreateModel(
                    name="Profile",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        ("areas", models.JSONField(default=list)),
                        ("rollers", models.JSONField(default=list)),
                        ("minutes", models.PositiveSmallIntegerField(default=10)),
                        ("days_per_week", models.PositiveSmallIntegerField(default=3)),
                        ("can_get_to_floor", models.BooleanField(default=True)),
                        ("conditions", models.JSONField(default=list)),
                        ("avoid_zones", models.JSONField(default=list)),
                        ("cleared_at", models.DateTimeField(blank=True, null=True)),
                        ("updated_at", models.DateTimeField(auto_now=True)),
                        (
                            "user",
                            models.OneToOneField(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="profile",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                    ],
                ),
                migrations.CreateModel(
                    name="Screening",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        (
                            "kind",
                            models.CharField(
                                choices=[
                                    ("red-flags", "Red-flag screen"),
                                    ("start-back", "STarT Back"),
                                    ("pre-session", "Pre-session check"),
                                ],
                                max_length=20,
                            ),
                        ),
                        ("answers", models.JSONField()),
                        ("level", models.CharField(max_length=20)),
                        ("result", models.JSONField(default=dict)),
                        ("taken_at", models.DateTimeField()),
                        (
                            "user",
                            models.ForeignKey(
                                db_index=False,
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="screenings",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                    ],
                    options={
                        "ordering": ["-taken_at"],
                    },
                ),
                migrations.CreateModel(
                    name="SessionLog",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        ("client_id", models.CharField(max_length=64)),
                        (
                            "status",
                            models.CharField(
                                choices=[
                                    ("in-progress", "In progress"),
                                    ("completed", "Completed"),
                                    ("stopped", "Ended early"),
                                    ("stopped-sharp-pain", "Stopped: sharp pain"),
                                ],
                                default="in-progress",
                                max_length=24,
                            ),
                        ),
                        ("started_at", models.DateTimeField()),
                        ("finished_at", models.DateTimeField(blank=True, null=True)),
                        ("pain_before", models.PositiveSmallIntegerField(blank=True, null=True)),
                        ("pain_after", models.PositiveSmallIntegerField(blank=True, null=True)),
                        ("timeline", models.JSONField()),
                        ("state", models.JSONField(default=dict)),
                        ("seconds_active", models.PositiveIntegerField(default=0)),
                        ("revision", models.PositiveIntegerField(default=0)),
                        (
                            "plan",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                to="coach.plan",
                            ),
                        ),
                        (
                            "user",
                            models.ForeignKey(
                                db_index=False,
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="session_logs",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                    ],
                    options={
                        "ordering": ["-started_at"],
                    },
                ),
                migrations.CreateModel(
                    name="SessionEvent",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        ("kind", models.CharField(max_length=24)),
                        ("step_index", models.IntegerField(blank=True, null=True)),
                        ("exercise", models.CharField(blank=True, max_length=80)),
                        ("at", models.DateTimeField()),
                        ("detail", models.CharField(blank=True, max_length=200)),
                        ("seq", models.PositiveIntegerField(blank=True, null=True)),
                        (
                            "log",
                            models.ForeignKey(
                                db_index=False,
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="events",
                                to="coach.sessionlog",
                            ),
                        ),
                    ],
                    options={
                        "ordering": ["at", "id"],
                    },
                ),
                migrations.CreateModel(
                    name="MobilityCheck",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        (
                            "test",
                            models.CharField(
                                choices=[
                                    ("thoracic-rotation", "Seated thoracic rotation (degrees)"),
                                    ("fingertip-floor", "Fingertip-to-floor (cm)"),
                                    ("occiput-wall", "Back of head to wall (cm)"),
                                    ("sit-reach", "Sit-and-reach (cm)"),
                                ],
                                max_length=24,
                            ),
                        ),
                        ("value", models.FloatField()),
                        ("right", models.FloatField(blank=True, null=True)),
                        ("day", models.DateField()),
                        ("recorded_at", models.DateTimeField(auto_now_add=True)),
                        (
                            "user",
                            models.ForeignKey(
                                db_index=False,
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="mobility_checks",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                    ],
                    options={
                        "ordering": ["day", "id"],
                        "indexes": [
                            models.Index(fields=["user", "test", "day"], name="mobility_by_day")
                        ],
                    },
                ),
                migrations.CreateModel(
                    name="PainRating",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        (
                            "kind",
                            models.CharField(
                                choices=[
                                    ("weekly", "Average pain this week"),
                                    ("limit", "How much pain limited the day"),
                                ],
                                max_length=12,
                            ),
                        ),
                        ("value", models.PositiveSmallIntegerField()),
                        ("day", models.DateField()),
                        ("recorded_at", models.DateTimeField(auto_now_add=True)),
                        (
                            "user",
                            models.ForeignKey(
                                db_index=False,
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="pain_ratings",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                    ],
                    options={
                        "ordering": ["day", "id"],
                        "indexes": [
                            models.Index(fields=["user", "kind", "day"], name="pain_by_day")
                        ],
                    },
                ),
                migrations.AddIndex(
                    model_name="plan",
                    index=models.Index(fields=["user", "-day"], name="plan_latest"),
                ),
                migrations.AddIndex(
                    model_name="screening",
                    index=models.Index(
                        fields=["user", "kind", "-taken_at"], name="screening_latest"
                    ),
                ),
                migrations.AddIndex(
                    model_name="sessionlog",
                    index=models.Index(fields=["user", "-started_at"], name="session_latest"),
                ),
                migrations.AddConstraint(
                    model_name="sessionlog",
                    constraint=models.UniqueConstraint(
                        fields=("client_id",), name="unique_session_client_id"
                    ),
                ),
                migrations.AddConstraint(
                    model_name="sessionevent",
                    constraint=models.UniqueConstraint(
                        fields=("log", "seq"), name="unique_event_seq_per_log"
                    ),
                ),
            ],
        ),
        migrations.RunPython(create_or_adopt, migrations.RunPython.noop),
    ]
