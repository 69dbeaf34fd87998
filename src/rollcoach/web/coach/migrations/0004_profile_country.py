# The country whose emergency numbers the stop pages show; empty until the person chooses one,
# and then the browser's language (or 112) decides.

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("coach", "0003_moments_in_range")]

    operations = [
        migrations.AddField(
            model_name="profile",
            name="country",
            field=models.CharField(blank=True, default="", max_length=2),
        ),
    ]
