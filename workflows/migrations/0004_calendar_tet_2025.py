"""The Tết Ất Tỵ 2025 swap the 2025 data lacked: Monday 27/01/2025 off, Saturday 08/02/2025 worked.

Announced by Thông báo 6150/TB-BLĐTBXH (Bộ Lao động – Thương binh và Xã hội, 2024) and applied to
officials by the Ministry of Home Affairs. Editable in the admin like every adjustment. The 2026
announcements add nothing the `holidays` package does not already know (Tết 16–20/02/2026 with the
weekends around it; Hùng Kings' day observed on Monday 27/04/2026) except the National Day swap,
recorded in 0002.
"""

from datetime import date

from django.db import migrations

ADJUSTMENTS = [
    (date(2025, 1, 27), "day_off", "Nghỉ hoán đổi dịp Tết Ất Tỵ, làm bù thứ Bảy 08/02/2025 (Thông báo 6150/TB-BLĐTBXH)"),
    (
        date(2025, 2, 8),
        "working_day",
        "Làm bù cho ngày nghỉ thứ Hai 27/01/2025 (hoán đổi dịp Tết Ất Tỵ, Thông báo 6150/TB-BLĐTBXH)",
    ),
]


def add(apps, schema_editor):
    CalendarAdjustment = apps.get_model("workflows", "CalendarAdjustment")
    for day, kind, reason in ADJUSTMENTS:
        CalendarAdjustment.objects.get_or_create(date=day, defaults={"kind": kind, "reason": reason})


def remove(apps, schema_editor):
    apps.get_model("workflows", "CalendarAdjustment").objects.filter(date__in=[a[0] for a in ADJUSTMENTS]).delete()


class Migration(migrations.Migration):
    dependencies = [("workflows", "0003_award_paths")]
    operations = [migrations.RunPython(add, remove)]
