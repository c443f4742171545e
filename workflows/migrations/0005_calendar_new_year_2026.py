"""The 2026 New Year swap: Friday 02/01/2026 off, Saturday 10/01/2026 worked.

Approved by Công văn 12729/VPCP-KGVX of 25/12/2025 (the Deputy Prime Minister agreeing to the Ministry
of Home Affairs' proposal) and announced by the Ministry the same day for state agencies and public
service units: off Thursday 01/01 to Sunday 04/01/2026. The `holidays` package has New Year's Day
only. Editable in the admin like every adjustment.
"""

from datetime import date

from django.db import migrations

SOURCE = "Công văn 12729/VPCP-KGVX ngày 25/12/2025, thông báo của Bộ Nội vụ"
ADJUSTMENTS = [
    (
        date(2026, 1, 2),
        "day_off",
        f"Nghỉ hoán đổi dịp Tết Dương lịch 2026, làm bù thứ Bảy 10/01/2026 ({SOURCE})",
    ),
    (date(2026, 1, 10), "working_day", f"Làm bù cho ngày nghỉ thứ Sáu 02/01/2026 (Tết Dương lịch, {SOURCE})"),
]


def add(apps, schema_editor):
    CalendarAdjustment = apps.get_model("workflows", "CalendarAdjustment")
    for day, kind, reason in ADJUSTMENTS:
        CalendarAdjustment.objects.get_or_create(date=day, defaults={"kind": kind, "reason": reason})


def remove(apps, schema_editor):
    apps.get_model("workflows", "CalendarAdjustment").objects.filter(
        date__in=[a[0] for a in ADJUSTMENTS]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("workflows", "0004_calendar_tet_2025")]
    operations = [migrations.RunPython(add, remove)]
