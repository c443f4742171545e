"""The statistical forms 0601–0605 of Circular 02/2023/TT-BNV, filled from the data.

Each form is a list of rows (code, label, predicate) and of columns (number, label, predicate).
The database returns the facts already GROUPED BY the few attributes the form reads (award
column, nominee kind, enterprise, awardee class, route): a few dozen groups whatever the number
of nominations; the cells are then sums over those groups.
"""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ..exceptions import InvalidInput
from ..models import (
    AwardType,
    Movement,
    NomineeKind,
    ReportGroup,
    WorkforceReport,
    WorkforceStaffLine,
)
from ..policy.issuers import statistical_form_basis_on
from . import facts
from .awardees import awardee_rows, awardee_sums, classified, grouped, left_out
from .form_model import Column, FormReport, Row, Sum, codes, fill, num
from .movements import LaunchedMovement, launched_movements
from .period import Period

RECEIPT_DATE = gettext_lazy("Ngày nhận báo cáo: ngày 15 tháng 12 năm báo cáo")


TITLES = {
    "0601": gettext_lazy("SỐ PHONG TRÀO THI ĐUA"),
    "0602": gettext_lazy("SỐ LƯỢNG KHEN THƯỞNG CẤP NHÀ NƯỚC"),
    "0603": gettext_lazy("SỐ LƯỢNG KHEN THƯỞNG CẤP BỘ, BAN, NGÀNH, ĐOÀN THỂ TRUNG ƯƠNG VÀ TỈNH, THÀNH PHỐ"),
    "0604": gettext_lazy("SỐ LƯỢNG TỔ CHỨC LÀM CÔNG TÁC THI ĐUA, KHEN THƯỞNG"),
    "0605": gettext_lazy("SỐ LƯỢNG CÔNG CHỨC LÀM CÔNG TÁC THI ĐUA, KHEN THƯỞNG"),
}


__all__ = ["FORMS", "TITLES", "Column", "FormReport", "Row", "Sum", "build_form"]


# Form 0603's columns: the four forms of provincial commendation it counts.
COLUMNS_0603 = {
    ReportGroup.BANG_KHEN: "2",
    ReportGroup.CSTD: "3",
    ReportGroup.CO_THI_DUA: "4",
    ReportGroup.HUY_HIEU: "5",
}


def form_0603_from(period: Period, groups: list[dict]) -> FormReport:
    parent = _("Chia ra")

    def only(key):
        return lambda g: g["col"] == key

    columns = [
        Column("1", _("Tổng số")),
        Column("2", _("Bằng khen"), only("2"), parent),
        Column("3", _("Chiến sĩ thi đua cấp bộ, cấp tỉnh"), only("3"), parent),
        Column("4", _("Cờ thi đua của bộ, ban, ngành, tỉnh"), only("4"), parent),
        Column("5", _("Huy hiệu (kỷ niệm chương) của bộ, tỉnh"), only("5"), parent),
    ]
    report = FormReport(
        code="0603",
        number="0603.N/BNV-TĐKT",
        title=str(TITLES["0603"]),
        unit_of_measure=_("Lượt"),
        period=period,
        columns=columns,
        rows=awardee_rows(2),
    )
    report.sums = awardee_sums(2, columns)
    groups = [{**g, "col": COLUMNS_0603.get(g["group"], "")} for g in groups]
    return fill(report, classified(left_out(groups, report), report))


def form_0603(period: Period, user) -> FormReport:
    """Provincial awards (Bằng khen, Chiến sĩ thi đua, Cờ thi đua, Huy hiệu of the province)."""
    province = AwardType.Level.PROVINCE
    lines = facts.decided_lines(period, user).filter(award_type__level=province)
    records = facts.history_records(period, user).filter(award_type__level=province)
    return form_0603_from(period, grouped(lines, records))


# Form 0602's columns: (group, "Tập thể" key, "Cá nhân" key); a side the form does not have, and a
# group it has no column for, go to "Các hình thức khen thưởng khác" of the same side.
COLUMNS_0602 = (
    (ReportGroup.HUAN_CHUONG, "2", "3"),
    (ReportGroup.HUY_CHUONG, "4", "5"),
    (ReportGroup.GIAI_THUONG_HCM, "", "6"),
    (ReportGroup.GIAI_THUONG_NN, "", "7"),
    (ReportGroup.DANH_HIEU_VINH_DU, "8", "9"),
    (ReportGroup.CO_CHINH_PHU, "10", ""),
    (ReportGroup.BANG_KHEN_TTG, "11", "12"),
    (ReportGroup.CSTD_TOAN_QUOC, "", "13"),
    (ReportGroup.OTHER, "14", "15"),
)


def _column_0602(group: str, kind: str) -> str:
    sides = {g: (tt, cn) for g, tt, cn in COLUMNS_0602}
    tt, cn = sides.get(group, ("", ""))
    key = cn if kind == NomineeKind.INDIVIDUAL else tt
    if key:
        return key
    return "15" if kind == NomineeKind.INDIVIDUAL else "14"


def form_0602_from(period: Period, groups: list[dict]) -> FormReport:
    labels = dict(ReportGroup.choices)
    columns = [Column("1", _("Tổng số"))]
    for group, tt, cn in COLUMNS_0602:
        for key, label in ((tt, _("Tập thể")), (cn, _("Cá nhân"))):
            if key:
                columns.append(Column(key, label, lambda g, k=key: g["col"] == k, str(labels[group])))
    report = FormReport(
        code="0602",
        number="0602.N/BNV-TĐKT",
        title=str(TITLES["0602"]),
        unit_of_measure=_("Lượt"),
        period=period,
        columns=columns,
        rows=awardee_rows(6, proposing_body=True),
        receipt_date=str(RECEIPT_DATE),
    )
    report.sums = awardee_sums(6, columns, proposing_body=True)
    groups = [{**g, "col": _column_0602(g["group"], g["nominee_kind"])} for g in groups]
    return fill(report, classified(groups, report))


def form_0602(period: Period, user) -> FormReport:
    """State-level awards: what the central level awarded on the province's proposals, and the
    state-level awards of the imported history."""
    records = facts.history_records(period, user).filter(award_type__level=AwardType.Level.NATIONAL)
    return form_0602_from(period, grouped(facts.central_lines(period, user), records))


def form_0601_from(period: Period, movements: list[LaunchedMovement]) -> FormReport:
    groups = [
        {
            "launch_level": m.launch_level,
            "scope": m.scope,
            "kind": m.kind,
            "bucket": m.duration_row,
            "n": 1,
        }
        for m in movements
    ]
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
        sums=[
            Sum("columns", "1", ("2", "3", "4")),
            Sum("rows", "01", codes(2, 5)),
            Sum("rows", "01", codes(6, 10)),
            Sum("rows", "01", ("11", "12")),
        ],
    )
    inferred = [m for m in movements if m.inferred]
    if inferred:
        report.notes.append(
            _(
                "%(n)s phong trào chưa ghi đủ cấp phát động, phạm vi, phương thức, thời hạn hoặc ngày phát động "
                "trong danh mục; biểu suy ra từ các thông tin còn lại: %(names)s."
            )
            % {"n": num(len(inferred)), "names": "; ".join(m.name for m in inferred)}
        )
    return fill(report, groups)


def form_0601(period: Period, user) -> FormReport:
    """Movements launched in the period, by launching level, scope, duration and kind."""
    return form_0601_from(period, launched_movements(period))


def form_0604(period: Period, user) -> FormReport:
    """Organisations doing this work: the figures the Standing agency entered for the year."""
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
        sums=[Sum("rows", "01", codes(2, 5))],
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
        sums=[
            Sum("rows", "01", codes(2, 7)),
            Sum("rows", "01", codes(8, 12)),
            Sum("rows", "01", codes(13, 15)),
            Sum("columns", "1", ("2",), at_most=True),
        ],
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
    if report.broken_sums():
        # Only entered figures (0604, 0605 from before the entry screen checked them) can do this.
        report.notes.append(
            _(
                "Số liệu đã nhập chưa khớp: tổng số phải bằng tổng các dòng, số nữ không quá tổng số; hãy sửa số liệu."
            )
        )
    return report


__all__ = ["FORMS", "TITLES", "Column", "FormReport", "Row", "Sum", "build_form"]
