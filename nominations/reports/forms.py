"""The statistical forms 0601–0605 of Circular 02/2023/TT-BNV, filled from the data.

Each form is a list of rows (code, label, predicate) and of columns (number, label, predicate).
The database returns the facts already GROUPED BY the few attributes the form reads (award
column, nominee kind, enterprise, awardee class, route): a few dozen groups whatever the number
of nominations; the cells are then sums over those groups.
"""

from dataclasses import dataclass, field

from django.db.models import Case, Count, F, IntegerField, Value, When
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ..exceptions import InvalidInput
from ..models import (
    AwardeeClass,
    AwardType,
    Movement,
    NomineeKind,
    ReportGroup,
    Route,
    WorkforceReport,
    WorkforceStaffLine,
)
from ..policy.issuers import statistical_form_basis_on
from . import facts
from .period import Period

RECEIPT_DATE = gettext_lazy("Ngày nhận báo cáo: ngày 15 tháng 12 năm báo cáo")


TITLES = {
    "0601": gettext_lazy("SỐ PHONG TRÀO THI ĐUA"),
    "0602": gettext_lazy("SỐ LƯỢNG KHEN THƯỞNG CẤP NHÀ NƯỚC"),
    "0603": gettext_lazy("SỐ LƯỢNG KHEN THƯỞNG CẤP BỘ, BAN, NGÀNH, ĐOÀN THỂ TRUNG ƯƠNG VÀ TỈNH, THÀNH PHỐ"),
    "0604": gettext_lazy("SỐ LƯỢNG TỔ CHỨC LÀM CÔNG TÁC THI ĐUA, KHEN THƯỞNG"),
    "0605": gettext_lazy("SỐ LƯỢNG CÔNG CHỨC LÀM CÔNG TÁC THI ĐUA, KHEN THƯỞNG"),
}


@dataclass
class Column:
    key: str
    label: str
    test: object = None  # predicate over a group dict; None: every group
    parent: str = ""  # the spanning header above it ("Chia ra", the award's name)


@dataclass
class Row:
    code: str
    label: str
    test: object = None
    section: str = ""  # the heading printed above the first row of a section
    indent: int = 0


@dataclass
class FormReport:
    code: str  # "0603"
    number: str  # "0603.N/BNV-TĐKT"
    title: str
    unit_of_measure: str
    period: Period
    columns: list[Column]
    rows: list[Row]
    values: dict[str, dict[str, int]] = field(default_factory=dict)  # row code -> column key -> n
    receipt_date: str = ""
    basis: str = ""  # "Ban hành theo Thông tư …", the row in force at the period's end (LegalBasis)

    def as_dict(self) -> dict:
        return {
            "form": self.number,
            "title": self.title,
            "legal_basis": self.basis,
            "period": self.period.as_dict(),
            "unit": self.unit_of_measure,
            "columns": [{"key": c.key, "label": c.label, "group": c.parent} for c in self.columns],
            "rows": [
                {"code": r.code, "label": r.label, "section": r.section, "values": self.values[r.code]}
                for r in self.rows
            ],
        }

    def total(self, column: str = "1") -> int:
        return self.values[self.rows[0].code][column]


def _fill(report: FormReport, groups: list[dict]) -> FormReport:
    """Each cell: the sum of ``n`` over the groups its row and its column both accept."""
    for row in report.rows:
        accepted = [g for g in groups if row.test is None or row.test(g)]
        report.values[row.code] = {
            col.key: sum(g["n"] for g in accepted if col.test is None or col.test(g))
            for col in report.columns
        }
    return report


# --- the awardee rows shared by 0602 and 0603 ---------------------------------


def _awardee_rows(first: int, *, proposing_body: bool = False) -> list[Row]:
    kind = "nominee_kind"
    rows = [Row("01", _("Tổng số"))]
    code = first

    def nxt():
        nonlocal code
        value = f"{code:02d}"
        code += 1
        return value

    section = _("1. Phân theo đối tượng")
    if proposing_body:
        # The province is the body that proposes to the Prime Minister: everything is row 03.
        rows += [
            Row(
                "02",
                _("Bộ, ban, ngành, đoàn thể Trung ương"),
                lambda g: False,
                _("1. Phân theo đơn vị trình"),
            ),
            Row("03", _("Tỉnh, thành phố trực thuộc Trung ương")),
        ]
        section = _("2. Phân theo đối tượng")
    rows += [
        Row(nxt(), _("Tập thể"), lambda g: g[kind] == NomineeKind.COLLECTIVE, section),
        Row(
            nxt(),
            _("Trong đó: Doanh nghiệp"),
            lambda g: g[kind] == NomineeKind.COLLECTIVE and g["is_enterprise"],
            indent=1,
        ),
        Row(nxt(), _("Hộ gia đình"), lambda g: g[kind] == NomineeKind.HOUSEHOLD),
        Row(nxt(), _("Cá nhân"), lambda g: g[kind] == NomineeKind.INDIVIDUAL),
    ]
    for value, label in AwardeeClass.choices:
        rows.append(
            Row(
                nxt(),
                str(label),
                lambda g, v=value: g[kind] == NomineeKind.INDIVIDUAL and g["awardee_class"] == v,
                indent=1,
            )
        )
    section = _("3. Phân theo loại hình khen thưởng") if proposing_body else _("2. Phân theo loại hình")
    for i, (value, label) in enumerate(Route.choices):
        rows.append(Row(nxt(), str(label), lambda g, v=value: g["route"] == v, section if i == 0 else ""))
    return rows


def _grouped(lines) -> list[dict]:
    return list(
        lines.values(
            group=F("award_type__report_group"),
            level=F("award_type__level"),
            nominee_kind=F("nomination__nominee_kind"),
            is_enterprise=F("nomination__is_enterprise"),
            awardee_class=F("nomination__awardee_class"),
            route=F("nomination__route"),
        )
        .annotate(n=Count("id"))
        .order_by()
    )


def form_0603(period: Period, user) -> FormReport:
    """Provincial awards (Bằng khen, Chiến sĩ thi đua, Cờ thi đua, Huy hiệu of the province)."""
    lines = facts.decided_lines(period, user).filter(award_type__level=AwardType.Level.PROVINCE)
    parent = _("Chia ra")
    columns = [
        Column("1", _("Tổng số")),
        Column("2", _("Bằng khen"), lambda g: g["group"] == ReportGroup.BANG_KHEN, parent),
        Column("3", _("Chiến sĩ thi đua cấp bộ, cấp tỉnh"), lambda g: g["group"] == ReportGroup.CSTD, parent),
        Column(
            "4",
            _("Cờ thi đua của bộ, ban, ngành, tỉnh"),
            lambda g: g["group"] == ReportGroup.CO_THI_DUA,
            parent,
        ),
        Column(
            "5",
            _("Huy hiệu (kỷ niệm chương) của bộ, tỉnh"),
            lambda g: g["group"] == ReportGroup.HUY_HIEU,
            parent,
        ),
    ]
    report = FormReport(
        code="0603",
        number="0603.N/BNV-TĐKT",
        title=str(TITLES["0603"]),
        unit_of_measure=_("Lượt"),
        period=period,
        columns=columns,
        rows=_awardee_rows(2),
    )
    return _fill(report, _grouped(lines))


def _pair(key_tt, key_cn, group, parent_label):
    collective = (NomineeKind.COLLECTIVE, NomineeKind.HOUSEHOLD)
    out = []
    if key_tt:
        out.append(
            Column(
                key_tt,
                _("Tập thể"),
                lambda g: g["group"] == group and g["nominee_kind"] in collective,
                str(parent_label),
            )
        )
    if key_cn:
        out.append(
            Column(
                key_cn,
                _("Cá nhân"),
                lambda g: g["group"] == group and g["nominee_kind"] == NomineeKind.INDIVIDUAL,
                str(parent_label),
            )
        )
    return out


def form_0602(period: Period, user) -> FormReport:
    """State-level awards: what the central level awarded on the province's proposals."""
    labels = dict(ReportGroup.choices)
    columns = [Column("1", _("Tổng số"))]
    for tt, cn, group in (
        ("2", "3", ReportGroup.HUAN_CHUONG),
        ("4", "5", ReportGroup.HUY_CHUONG),
        ("", "6", ReportGroup.GIAI_THUONG_HCM),
        ("", "7", ReportGroup.GIAI_THUONG_NN),
        ("8", "9", ReportGroup.DANH_HIEU_VINH_DU),
        ("10", "", ReportGroup.CO_CHINH_PHU),
        ("11", "12", ReportGroup.BANG_KHEN_TTG),
        ("", "13", ReportGroup.CSTD_TOAN_QUOC),
        ("14", "15", ReportGroup.OTHER),
    ):
        columns += _pair(tt, cn, group, labels[group])
    report = FormReport(
        code="0602",
        number="0602.N/BNV-TĐKT",
        title=str(TITLES["0602"]),
        unit_of_measure=_("Lượt"),
        period=period,
        columns=columns,
        rows=_awardee_rows(6, proposing_body=True),
        receipt_date=str(RECEIPT_DATE),
    )
    return _fill(report, _grouped(facts.central_lines(period, user)))


def form_0601(period: Period, user) -> FormReport:
    """Movements launched in the period, by launching level, scope, duration and kind."""
    years = (F("end_year") - F("start_year") + 1) * 12
    months = Coalesce("duration_months", years, output_field=IntegerField())
    bucket = Case(
        When(months__isnull=True, then=Value("")),
        When(months__lt=12, then=Value("06")),
        When(months=12, then=Value("07")),
        When(months__lt=36, then=Value("08")),
        When(months__lt=60, then=Value("09")),
        default=Value("10"),
    )
    groups = list(
        Movement.objects.filter(launched_on__range=(period.start, period.end))
        .annotate(months=months)
        .annotate(bucket=bucket)
        .values("launch_level", "scope", "kind", "bucket")
        .annotate(n=Count("id"))
        .order_by()
    )
    L, S, K = Movement.LaunchLevel, Movement.Scope, Movement.Kind
    parent = _("Chia ra theo cấp phát động")
    columns = [
        Column("1", _("Tổng số")),
        Column("2", _("Cấp Trung ương"), lambda g: g["launch_level"] == L.CENTRAL, parent),
        Column(
            "3",
            _("Cấp bộ, ban, ngành, đoàn thể Trung ương, tỉnh, thành phố"),
            lambda g: g["launch_level"] == L.PROVINCE,
            parent,
        ),
        Column("4", _("Cơ quan, tổ chức, đơn vị"), lambda g: g["launch_level"] == L.UNIT, parent),
    ]
    rows = [Row("01", _("Tổng số"))]
    for i, (code, value) in enumerate(
        (("02", S.NATIONAL), ("03", S.SECTOR), ("04", S.CLUSTER), ("05", S.UNIT))
    ):
        rows.append(
            Row(code, str(value.label), lambda g, v=value: g["scope"] == v, _("1. Phạm vi") if i == 0 else "")
        )
    durations = (
        ("06", _("Dưới 1 năm")),
        ("07", _("1 năm")),
        ("08", _("Từ 1 năm đến dưới 3 năm")),
        ("09", _("Từ 3 năm đến dưới 5 năm")),
        ("10", _("Từ 5 năm trở lên")),
    )
    for i, (code, label) in enumerate(durations):
        rows.append(Row(code, label, lambda g, c=code: g["bucket"] == c, _("2. Thời hạn") if i == 0 else ""))
    rows += [
        Row("11", str(K.THEMATIC.label), lambda g: g["kind"] == K.THEMATIC, _("3. Phương thức")),
        Row("12", str(K.REGULAR.label), lambda g: g["kind"] == K.REGULAR),
    ]
    report = FormReport(
        code="0601",
        number="0601.N/BNV-TĐKT",
        title=str(TITLES["0601"]),
        unit_of_measure=_("Phong trào"),
        period=period,
        columns=columns,
        rows=rows,
        receipt_date=str(RECEIPT_DATE),
    )
    return _fill(report, groups)


def form_0604(period: Period, user) -> FormReport:
    """Organisations doing this work: the figures entered for the year in the admin."""
    entry = WorkforceReport.objects.filter(year=period.report_year).first()
    names = (
        ("02", "org_ministry_department"),
        ("03", "org_ministry_division"),
        ("04", "org_home_affairs_board"),
        ("05", "org_home_affairs_division"),
    )
    rows = [Row("01", _("Tổng số"))]
    values = {}
    for i, (code, name) in enumerate(names):
        rows.append(
            Row(
                code,
                str(WorkforceReport._meta.get_field(name).verbose_name),
                section=_("Phân theo cơ cấu tổ chức") if i == 0 else "",
            )
        )
        values[code] = {"1": getattr(entry, name) if entry else 0}
    values["01"] = {"1": sum(v["1"] for v in values.values())}
    return FormReport(
        code="0604",
        number="0604.N/BNV-TĐKT",
        title=str(TITLES["0604"]),
        unit_of_measure=_("Tổ chức"),
        period=period,
        columns=[Column("1", _("Số lượng"))],
        rows=rows,
        values=values,
    )


def form_0605(period: Period, user) -> FormReport:
    """Civil servants doing this work, by age, training and years: the year's entered figures."""
    R = WorkforceStaffLine.Row
    entered = {
        line["row"]: line
        for line in WorkforceStaffLine.objects.filter(report__year=period.report_year).values(
            "row", "total", "women"
        )
    }
    sections = {
        "02": _("Chia theo độ tuổi"),
        "08": _("Chia theo trình độ đào tạo"),
        "13": _("Chia theo số năm công tác"),
    }
    rows = [Row("01", _("Tổng số"))]
    values = {}
    for value, label in R.choices:
        rows.append(Row(value, str(label), section=sections.get(value, "")))
        line = entered.get(value, {})
        values[value] = {"1": line.get("total", 0), "2": line.get("women", 0)}
    # The total is the sum of the age brackets (every person has exactly one age).
    ages = [R.AGE_30, R.AGE_40, R.AGE_50, R.AGE_55, R.AGE_60, R.AGE_OVER_60]
    values["01"] = {k: sum(values[a][k] for a in ages) for k in ("1", "2")}
    return FormReport(
        code="0605",
        number="0605.N/BNV-TĐKT",
        title=str(TITLES["0605"]),
        unit_of_measure=_("Người"),
        period=period,
        columns=[Column("1", _("Tổng số")), Column("2", _("Trong đó: Nữ"))],
        rows=rows,
        values=values,
    )


FORMS = {
    "0601": form_0601,
    "0602": form_0602,
    "0603": form_0603,
    "0604": form_0604,
    "0605": form_0605,
}


def build_form(code: str, period: Period, user) -> FormReport:
    """The form ``code`` (``0603`` or ``0603.N/BNV-TĐKT``) for the period and the user's scope."""
    key = (code or "")[:4]
    if key not in FORMS:
        message = _("Không có biểu “%(code)s”; các biểu: 0601, 0602, 0603, 0604, 0605.") % {"code": code}
        raise InvalidInput(message, fields={"code": message})
    report = FORMS[key](period, user)
    report.basis = statistical_form_basis_on(period.end)
    return report


__all__ = ["FORMS", "TITLES", "Column", "FormReport", "Row", "build_form"]
