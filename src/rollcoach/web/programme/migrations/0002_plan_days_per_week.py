from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("programme", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="plan",
            name="days_per_week",
            field=models.PositiveSmallIntegerField(blank=True, null=True),
        ),
    ]
