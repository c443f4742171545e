"""The awardee rows shared by forms 0602 and 0603, and the awards grouped as those forms read them."""

from django.db.models import Count, F
from django.utils.translation import gettext as _

from ..models import AwardeeClass, NomineeKind, Route
from .form_model import Column, FormReport, Row, Sum, codes, num

# --- the awardee rows shared by 0602 and 0603 ---------------------------------


def awardee_rows(first: int, *, proposing_body: bool = False) -> list[Row]:
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


def awardee_sums(first: int, columns: list[Column], *, proposing_body: bool = False) -> list[Sum]:
    """The identities of 0602 (first row 06) and 0603 (first row 02): the total is the collectives,
    households and individuals; the individuals are their five classes; the total is the seven
    routes; the enterprises are among the collectives; the total column is the sum of the others."""
    c = first
    sums = [
        Sum("columns", "1", tuple(col.key for col in columns[1:])),
        Sum("rows", "01", (f"{c:02d}", f"{c + 2:02d}", f"{c + 3:02d}")),
        Sum("rows", f"{c + 3:02d}", codes(c + 4, c + 8)),
        Sum("rows", "01", codes(c + 9, c + 15)),
        Sum("rows", f"{c:02d}", (f"{c + 1:02d}",), at_most=True),
    ]
    if proposing_body:
        sums.insert(1, Sum("rows", "01", ("02", "03")))
    return sums


def grouped(lines, records=None) -> list[dict]:
    """The awards GROUPED BY what the forms read: decision lines, then the imported history."""
    groups = list(
        lines.values(
            group=F("award_type__report_group"),
            level=F("award_type__level"),
            label=F("award_type__name"),
            nominee_kind=F("nomination__nominee_kind"),
            is_enterprise=F("nomination__is_enterprise"),
            awardee_class=F("nomination__awardee_class"),
            route=F("nomination__route"),
        )
        .annotate(n=Count("id"))
        .order_by()
    )
    if records is not None:
        groups += [
            {**g, "is_enterprise": False, "awardee_class": ""}
            for g in records.values(
                "nominee_kind",
                "route",
                group=F("award_type__report_group"),
                level=F("award_type__level"),
                label=F("award_type__name"),
            )
            .annotate(n=Count("id"))
            .order_by()
        ]
    return groups


def classified(groups: list[dict], report: FormReport) -> list[dict]:
    """The form's rows partition the awardees: an individual whose class was not entered is in the
    last class, "người trực tiếp công tác, lao động…" (whoever is not a leader or a business
    owner); an award without a route is a regular one. The screen says how many were taken so."""
    classes, routes = set(AwardeeClass.values), set(Route.values)
    unclassified = unrouted = 0
    out = []
    for g in groups:
        g = dict(g)
        if g["nominee_kind"] == NomineeKind.INDIVIDUAL and g["awardee_class"] not in classes:
            unclassified += g["n"]
            g["awardee_class"] = AwardeeClass.DIRECT_WORKER
        if g["route"] not in routes:
            unrouted += g["n"]
            g["route"] = Route.ANNUAL
        out.append(g)
    if unclassified:
        report.notes.append(
            _(
                "%(n)s lượt cá nhân chưa ghi đối tượng (biểu thống kê) được tính vào dòng “Người trực tiếp "
                "công tác, lao động, học tập, chiến đấu”; ghi đối tượng trên hồ sơ để số liệu đúng hơn."
            )
            % {"n": num(unclassified)}
        )
    if unrouted:
        report.notes.append(
            _("%(n)s lượt chưa ghi loại hình được tính là khen thưởng thường xuyên.") % {"n": num(unrouted)}
        )
    return out


def left_out(groups: list[dict], report: FormReport) -> list[dict]:
    """Only the awards the form has a column for are counted (its total is the sum of its columns);
    the others are named on the screen, so that nobody wonders where they went."""
    kept, dropped = [], {}
    for g in groups:
        if g["col"]:
            kept.append(g)
        else:
            dropped[g["label"]] = dropped.get(g["label"], 0) + g["n"]
    for label, n in sorted(dropped.items(), key=lambda kv: (-kv[1], str(kv[0]))):
        report.notes.append(
            _("Không tính vào biểu: %(n)s lượt %(label)s (biểu không có cột cho hình thức này).")
            % {"n": num(n), "label": label}
        )
    return kept
