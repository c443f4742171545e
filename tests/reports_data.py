"""A hand-countable fixture for the reports: awards on both sides of 1/12 and of 30/11.

The reporting year 1/12/2025–30/11/2026. Provincial decisions signed (lines 1–6 inside, one on
30/11/2025 and one on 1/12/2026 outside), a unit decision, an unsigned draft, and two upward
proposals (one awarded by the Prime Minister, one not). The expected figures are written out by
hand in the tests, never computed by the code under test.
"""

from datetime import date, datetime, time

from django.utils import timezone

from nominations.models import (
    AwardeeClass,
    AwardType,
    Decision,
    DecisionLine,
    Movement,
    Nomination,
    NomineeKind,
    ReportGroup,
    Route,
    WorkforceReport,
    WorkforceStaffLine,
)
from tests.factories import AwardTypeFactory, NominationFactory

PERIOD = {"from": "2025-12-01", "to": "2026-11-30"}
F, M = Nomination.Gender.FEMALE, Nomination.Gender.MALE


def _at(day: date) -> datetime:
    return datetime.combine(day, time(9, 0), tzinfo=timezone.get_current_timezone())


class Builder:
    def __init__(self, world):
        self.world = world
        self.sequence = 0

    def award(
        self,
        unit,
        award_type,
        day,
        *,
        kind=NomineeKind.INDIVIDUAL,
        route=Route.ANNUAL,
        cls="",
        enterprise=False,
        gender=M,
        amount=0,
        submitted=date(2026, 1, 10),
        signed=True,
        proposal=False,
        result=DecisionLine.Result.AWARDED,
        decision_unit=None,
    ):
        w = self.world
        self.sequence += 1
        cluster = w.block if unit in (w.so_gd, w.so_yte) else w.other_block
        nomination = NominationFactory(
            unit=unit,
            cluster=cluster,
            award_type=award_type,
            route=route,
            nominee_kind=kind,
            nominee_name=f"Người thứ {self.sequence}",
            nominee_gender=gender if kind == NomineeKind.INDIVIDUAL else "",
            awardee_class=cls,
            is_enterprise=enterprise,
            status=Nomination.Status.AWARDED if signed else Nomination.Status.AWAITING_SIGNATURE,
            submitted_at=_at(submitted),
            path="upward" if proposal else "province",
            created_by=w.clerk,
        )
        decision = Decision.objects.create(
            kind=Decision.Kind.PROPOSAL if proposal else Decision.Kind.DECISION,
            unit=decision_unit,
            year=day.year,
            sequence=self.sequence,
            number=f"{self.sequence}/QĐ-UBND",
            title="Khen thưởng",
            status=Decision.Status.SIGNED if signed else Decision.Status.DRAFT,
            decision_date=day if signed else None,
            created_by=w.clerk,
        )
        DecisionLine.objects.create(
            decision=decision,
            nomination=nomination,
            position=1,
            nominee_name=nomination.nominee_name,
            unit_name=unit.name,
            award_type=award_type,
            coefficient=1,
            base_salary=2_340_000,
            amount=amount,
            result=result if proposal else "",
            result_decision_date=day if proposal else None,
        )
        return nomination


def build(world):
    w = world
    w.award.report_group = ReportGroup.BANG_KHEN
    w.award.save()
    w.cstd.report_group = ReportGroup.CSTD
    w.cstd.save()
    flag = AwardTypeFactory(
        code="CO_THI_DUA_TINH", name="Cờ thi đua của UBND tỉnh", report_group=ReportGroup.CO_THI_DUA
    )
    ldtt = AwardTypeFactory(code="LDTT", name="Lao động tiên tiến", level=AwardType.Level.GRASSROOTS)
    ttg = AwardTypeFactory(
        code="BANG_KHEN_TTG",
        name="Bằng khen của Thủ tướng Chính phủ",
        level=AwardType.Level.NATIONAL,
        report_group=ReportGroup.BANG_KHEN_TTG,
    )
    b = Builder(w)
    C, H = NomineeKind.COLLECTIVE, NomineeKind.HOUSEHOLD
    A = AwardeeClass
    # 1–6: provincial awards inside the period.
    b.award(w.so_gd, w.award, date(2025, 12, 1), cls=A.DIRECT_WORKER, gender=F, amount=1_000_000)
    b.award(w.so_gd, w.award, date(2026, 3, 15), kind=C, enterprise=True, amount=2_000_000)
    b.award(w.so_gd, w.cstd, date(2026, 11, 30), route=Route.THEMATIC, cls=A.OTHER_LEADER, amount=3_800_000)
    b.award(w.so_yte, w.award, date(2026, 6, 1), kind=H, route=Route.AD_HOC, amount=500_000)
    b.award(w.so_yte, flag, date(2026, 5, 5), kind=C, amount=5_000_000)
    b.award(
        w.so_tc,
        w.award,
        date(2026, 2, 2),
        route=Route.SENIORITY,
        cls=A.DEPARTMENT_LEADER,
        gender=F,
        amount=1_000_000,
    )
    # 7: the last day of the previous reporting year; 8: the first day of the next one.
    b.award(w.so_gd, w.award, date(2025, 11, 30), amount=1_000_000, submitted=date(2025, 10, 1))
    b.award(w.so_yte, w.award, date(2026, 12, 1), amount=1_000_000, submitted=date(2026, 11, 20))
    # A unit's own decision (grassroots title): an award of the period, not a provincial one.
    b.award(w.so_gd, ldtt, date(2026, 4, 1), amount=300_000, decision_unit=w.so_gd)
    # A draft decision: nothing is awarded yet.
    b.award(w.so_gd, w.award, date(2026, 4, 2), amount=9_999_000, signed=False)
    # Upward: the Prime Minister awarded one, refused the other.
    b.award(w.so_gd, ttg, date(2026, 9, 9), proposal=True, cls=A.DIRECT_WORKER, gender=F, amount=4_000_000)
    b.award(
        w.so_yte,
        ttg,
        date(2026, 9, 9),
        kind=C,
        proposal=True,
        result=DecisionLine.Result.NOT_AWARDED,
        amount=4_000_000,
    )

    L, S, K = Movement.LaunchLevel, Movement.Scope, Movement.Kind
    Movement.objects.create(
        name="Thi đua chuyển đổi số 6 tháng",
        launched_on=date(2025, 12, 1),
        launch_level=L.PROVINCE,
        scope=S.SECTOR,
        kind=K.THEMATIC,
        duration_months=6,
    )
    Movement.objects.create(
        name="Thi đua thường xuyên 2026",
        launched_on=date(2026, 5, 1),
        launch_level=L.UNIT,
        scope=S.UNIT,
        kind=K.REGULAR,
        start_year=2026,
        end_year=2026,
    )
    Movement.objects.create(
        name="Phong trào năm trước",
        launched_on=date(2025, 11, 30),
        launch_level=L.PROVINCE,
        scope=S.SECTOR,
        kind=K.THEMATIC,
        duration_months=12,
    )
    Movement.objects.create(
        name="Cả nước chung tay vì người nghèo",
        launched_on=date(2026, 2, 1),
        launch_level=L.CENTRAL,
        scope=S.NATIONAL,
        kind=K.THEMATIC,
        start_year=2021,
        end_year=2030,
    )
    report = WorkforceReport.objects.create(
        year=2026,
        org_ministry_department=1,
        org_ministry_division=2,
        org_home_affairs_board=0,
        org_home_affairs_division=1,
    )
    WorkforceStaffLine.objects.create(report=report, row="02", total=2, women=1)
    WorkforceStaffLine.objects.create(report=report, row="04", total=3, women=2)
    WorkforceStaffLine.objects.create(report=report, row="11", total=5, women=3)
    return w
