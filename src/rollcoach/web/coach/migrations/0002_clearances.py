# A clearance used to be one date on the profile; it becomes a record of what it cleared.

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models
from django.db.backends.base.schema import BaseDatabaseSchemaEditor
from django.db.migrations.state import StateApps

# The conditions that needed a clinician's go-ahead when clearances were a date (a fracture
# blocked rolling whatever a clearance said).
NEEDING_CLEARANCE = ("dvt", "osteoporosis", "pregnancy", "pregnancy-after-first-trimester")


def carry_over_clearances(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    """A date-only clearance cleared what was waiting then: the answers of the screens taken
    before it and the conditions that needed one."""
    profile_model = apps.get_model("coach", "Profile")
    screening = apps.get_model("coach", "Screening")
    clearance = apps.get_model("coach", "Clearance")
    for profile in profile_model.objects.exclude(cleared_at=None):
        covers = [c for c in profile.conditions if c in NEEDING_CLEARANCE]
        for kind in ("red-flags", "pre-session"):
            before = screening.objects.filter(
                user_id=profile.user_id, kind=kind, taken_at__lte=profile.cleared_at
            ).order_by("-taken_at", "-id").first()
            if before is not None:
                covers += list(before.result.get("triggered", []))
        clearance.objects.create(
            user_id=profile.user_id,
            given_on=profile.cleared_at.date(),
            clinician="not recorded (cleared before reviews were recorded)",
            said="The person confirmed a clinician had cleared them.",
            covers=list(dict.fromkeys(covers)),
            recorded_at=profile.cleared_at,
        )


class Migration(migrations.Migration):

    dependencies = [
        ('coach', '0001_initial'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='Clearance',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('given_on', models.DateField()),
                ('clinician', models.CharField(max_length=100)),
                ('said', models.TextField(max_length=500)),
                ('covers', models.JSONField(default=list)),
                ('recorded_at', models.DateTimeField()),
                ('user', models.ForeignKey(db_index=False, on_delete=django.db.models.deletion.CASCADE, related_name='clearances', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'ordering': ['-given_on', '-recorded_at'],
                'indexes': [models.Index(fields=['user', '-given_on'], name='clearance_latest')],
            },
        ),
        migrations.RunPython(carry_over_clearances, migrations.RunPython.noop),
        migrations.RemoveField(
            model_name='profile',
            name='cleared_at',
        ),
    ]
