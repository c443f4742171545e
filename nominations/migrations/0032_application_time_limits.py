"""The working days of QĐ 01/2026/QĐ-TTg for a citizen's application (to be confirmed against the
primary text: the figures are as reported on 7/1/2026, hence rows an administrator can close)."""

from datetime import date

from django.db import migrations

BASIS = "Quyết định 01/2026/QĐ-TTg (Huy chương Thanh niên xung phong vẻ vang)"
ROWS = [("commune", 15), ("posting", 10), ("province", 15)]


def add(apps, schema_editor):
    Limit = apps.get_model("nominations", "ApplicationTimeLimit")
    for step, days in ROWS:
        Limit.objects.get_or_create(
            step=step, valid_from=date(2026, 1, 1), defaults={"working_days": days, "legal_basis": BASIS}
        )


def remove(apps, schema_editor):
    apps.get_model("nominations", "ApplicationTimeLimit").objects.filter(legal_basis=BASIS).delete()


class Migration(migrations.Migration):
    dependencies = [("nominations", "0031_citizen_applications")]
    operations = [migrations.RunPython(add, remove)]
