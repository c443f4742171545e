"""Demo data for the report screens, for the lead to call from the demo seed (not called by it yet).

    from demo.reports import apply_demo_report_data
    apply_demo_report_data(year=2026)

Idempotent: run twice, it changes nothing the second time.
"""

from datetime import date

from django.db.models import Q

from nominations.models import (
    AwardeeClass,
    AwardType,
    Movement,
    Nomination,
    NomineeKind,
    ReportGroup,
    WorkforceReport,
)

# The demo catalog's codes and the column of the statistical forms each is counted in.
DEMO_REPORT_GROUPS = {
    "BANG_KHEN_TINH": ReportGroup.BANG_KHEN,
    "CSTD_TINH": ReportGroup.CSTD,
    "CO_THI_DUA_TINH": ReportGroup.CO_THI_DUA,
    "BANG_KHEN_TTG": ReportGroup.BANG_KHEN_TTG,
    "CSTD_TOAN_QUOC": ReportGroup.CSTD_TOAN_QUOC,
    "CO_THI_DUA_CP": ReportGroup.CO_CHINH_PHU,
    "HUAN_CHUONG": ReportGroup.HUAN_CHUONG,
    "HC_TNXP": ReportGroup.HUY_CHUONG,
}

# Words of a position and the awardee class they suggest (first match wins).
POSITION_CLASSES = (
    (("chủ tịch ubnd tỉnh", "phó chủ tịch ubnd tỉnh", "bí thư tỉnh ủy"), AwardeeClass.PROVINCE_LEADER),
    (("giám đốc sở", "phó giám đốc sở", "giám đốc", "phó giám đốc"), AwardeeClass.DEPARTMENT_LEADER),
    (("chủ doanh nghiệp", "doanh nhân", "tổng giám đốc công ty"), AwardeeClass.BUSINESS_OWNER),
    (
        ("trưởng phòng", "phó trưởng phòng", "hiệu trưởng", "phó hiệu trưởng", "trưởng khoa"),
        AwardeeClass.OTHER_LEADER,
    ),
    (
        ("giáo viên", "bác sĩ", "điều dưỡng", "công nhân", "nông dân", "chuyên viên", "kỹ sư"),
        AwardeeClass.DIRECT_WORKER,
    ),
)


def apply_demo_report_data(*, year: int = 2026) -> dict:
    counts = {"award_types": 0, "movements": 0, "nominations": 0}
    for code, group in DEMO_REPORT_GROUPS.items():
        counts["award_types"] += (
            AwardType.objects.filter(code=code).exclude(report_group=group).update(report_group=group)
        )
    for i, movement in enumerate(Movement.objects.filter(launched_on__isnull=True).order_by("pk")):
        start = movement.start_year or year
        movement.launched_on = date(start - 1, 12, 15) if i % 2 else date(start, 2, 20)
        movement.launch_level = Movement.LaunchLevel.PROVINCE
        movement.scope = Movement.Scope.SECTOR if i % 3 else Movement.Scope.CLUSTER
        regular = movement.end_year is None or movement.start_year == movement.end_year
        movement.kind = Movement.Kind.REGULAR if regular else Movement.Kind.THEMATIC
        movement.save(update_fields=["launched_on", "launch_level", "scope", "kind"])
        counts["movements"] += 1
    individuals = Nomination.objects.filter(nominee_kind=NomineeKind.INDIVIDUAL, awardee_class="")
    for words, awardee_class in POSITION_CLASSES:
        match = Q()
        for word in words:
            match |= Q(nominee_position__icontains=word)
        counts["nominations"] += individuals.filter(match).update(awardee_class=awardee_class)
    WorkforceReport.objects.get_or_create(
        year=year,
        defaults={"org_home_affairs_division": 1, "note": "Số liệu minh họa (demo)."},
    )
    return counts
