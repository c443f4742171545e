"""Official calendar swaps for 2025 and 2026, and the default SLA per stage.

The `holidays` package (VN) already has the statutory holidays and the
substituted days off; what it cannot know are the compensating working
Saturdays. The days off are listed too, so an officer sees the whole swap in
the admin. Sources: the Ministry of Home Affairs / MOLISA announcements on the
2025 and 2026 holiday schedules (Thông báo 6150/TB-BLĐTBXH on Tết 2025;
Công văn 2435/VPCP-KGVX on 30/4–1/5/2025; the 2026 National Day swap).
"""

from datetime import date

from django.db import migrations

ADJUSTMENTS = [
    (date(2025, 4, 26), "working_day", "Làm bù cho ngày nghỉ thứ Sáu 02/05/2025 (hoán đổi dịp 30/4–1/5/2025)"),
    (date(2025, 5, 2), "day_off", "Nghỉ hoán đổi, làm bù thứ Bảy 26/04/2025"),
    (date(2026, 8, 22), "working_day", "Làm bù cho ngày nghỉ thứ Hai 31/08/2026 (hoán đổi dịp Quốc khánh 2026)"),
    (date(2026, 8, 31), "day_off", "Nghỉ hoán đổi, làm bù thứ Bảy 22/08/2026"),
]

SLA = [
    ("cluster_review", "", 5),
    ("appraisal", "", 10),
    ("council_vote", "", 10),
    ("signature", "", 5),
    ("revise", "", 10),
    ("appraisal", "ad_hoc", 3),
    ("council_vote", "ad_hoc", 3),
    ("signature", "ad_hoc", 2),
]


def forwards(apps, schema_editor):
    CalendarAdjustment = apps.get_model("workflows", "CalendarAdjustment")
    SlaPolicy = apps.get_model("workflows", "SlaPolicy")
    for day, kind, reason in ADJUSTMENTS:
        CalendarAdjustment.objects.update_or_create(date=day, defaults={"kind": kind, "reason": reason})
    for stage, route, days in SLA:
        SlaPolicy.objects.get_or_create(stage=stage, route=route, defaults={"working_days": days})


def backwards(apps, schema_editor):
    apps.get_model("workflows", "CalendarAdjustment").objects.filter(date__in=[a[0] for a in ADJUSTMENTS]).delete()
    SlaPolicy = apps.get_model("workflows", "SlaPolicy")
    for stage, route, _days in SLA:
        SlaPolicy.objects.filter(stage=stage, route=route).delete()


class Migration(migrations.Migration):
    dependencies = [("workflows", "0001_initial")]

    operations = [migrations.RunPython(forwards, backwards)]
