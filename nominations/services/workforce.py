"""The year's figures of forms 0604 and 0605, entered by the Standing agency (appraiser, head).

One entry point: the whole year is checked and saved at once, or nothing changes. The checks are
the forms' own definitions (TT 02/2023/TT-BNV): every figure a whole number from 0; in each row of
0605 the women at most the people; every person has one age, one training level and one length
of service, so the three breakdowns have the same total (the form's row 01).
"""

from django.db import transaction
from django.utils.translation import gettext as _

from ..audit import record_event
from ..exceptions import InvalidInput
from ..models import Role, WorkforceReport, WorkforceStaffLine
from ..policy.permissions import require_role

ORG_FIELDS = (
    "org_ministry_department",
    "org_ministry_division",
    "org_home_affairs_board",
    "org_home_affairs_division",
)
R = WorkforceStaffLine.Row
BREAKDOWNS = (
    (_("độ tuổi"), (R.AGE_30, R.AGE_40, R.AGE_50, R.AGE_55, R.AGE_60, R.AGE_OVER_60)),
    (
        _("trình độ đào tạo"),
        (
            R.TRAINING_PRIMARY,
            R.TRAINING_INTERMEDIATE,
            R.TRAINING_COLLEGE,
            R.TRAINING_UNIVERSITY,
            R.TRAINING_POSTGRADUATE,
        ),
    ),
    (_("số năm công tác"), (R.YEARS_UNDER_5, R.YEARS_5_10, R.YEARS_10)),
)
ENTERERS = (Role.APPRAISER, Role.AGENCY_HEAD)


def _count(raw, field: str, label: str, errors: dict) -> int:
    text = str(raw if raw is not None else "").strip().replace(".", "")
    if text == "":
        return 0
    if not text.isdigit():
        errors[field] = _("“%(label)s”: “%(value)s” không phải số nguyên từ 0 trở lên.") % {
            "label": label,
            "value": raw,
        }
        return 0
    value = int(text)
    if value > 1_000_000:
        errors[field] = _("“%(label)s”: số quá lớn.") % {"label": label}
    return value


def workforce_report_save(*, actor, year: int, data: dict, ip: str | None = None) -> WorkforceReport:
    """Save the year's figures. ``data``: the four 0604 fields by name, ``total_<row>`` and
    ``women_<row>`` for the rows 02–15 of 0605, and ``note``. Bad input: InvalidInput naming every
    field that is wrong, in Vietnamese; nothing saved."""
    require_role(
        actor,
        *ENTERERS,
        message=_("Chỉ Cơ quan Thường trực (chuyên viên thẩm định, Trưởng ban) nhập số liệu này."),
    )
    if not 2000 <= int(year) <= 2100:
        raise InvalidInput(_("Năm báo cáo phải từ 2000 đến 2100."), fields={"year": _("Năm không hợp lệ.")})
    errors: dict[str, str] = {}
    orgs = {
        name: _count(data.get(name), name, str(WorkforceReport._meta.get_field(name).verbose_name), errors)
        for name in ORG_FIELDS
    }
    lines = {}
    for row, label in R.choices:
        total = _count(data.get(f"total_{row}"), f"total_{row}", str(label), errors)
        women = _count(
            data.get(f"women_{row}"), f"women_{row}", _("%(label)s – nữ") % {"label": label}, errors
        )
        if women > total and f"women_{row}" not in errors:
            errors[f"women_{row}"] = _("“%(label)s”: số nữ (%(w)s) nhiều hơn tổng số (%(t)s).") % {
                "label": label,
                "w": women,
                "t": total,
            }
        lines[row] = (total, women)
    if not errors:
        for column, what in ((0, _("tổng số")), (1, _("số nữ"))):
            sums = [(name, sum(lines[r][column] for r in rows)) for name, rows in BREAKDOWNS]
            if len({s for _n, s in sums}) > 1:
                told = ", ".join(_("theo %(name)s %(n)s") % {"name": name, "n": s} for name, s in sums)
                errors[f"sums_{column}"] = _(
                    "Biểu 0605: %(what)s công chức phải như nhau ở ba cách chia (mỗi người có một độ tuổi, "
                    "một trình độ, một số năm công tác); đang là %(told)s."
                ) % {"what": what, "told": told}
    if errors:
        raise InvalidInput(" ".join(errors.values()), fields=errors)
    with transaction.atomic():
        report, created = WorkforceReport.objects.select_for_update().get_or_create(year=int(year))
        before = {name: getattr(report, name) for name in ORG_FIELDS}
        before_lines = {line.row: (line.total, line.women) for line in report.staff_lines.all()}
        for name, value in orgs.items():
            setattr(report, name, value)
        report.note = str(data.get("note") or "").strip()
        report.updated_by = actor
        report.save()
        for row, (total, women) in lines.items():
            WorkforceStaffLine.objects.update_or_create(
                report=report, row=row, defaults={"total": total, "women": women}
            )
        changes = {k: [before[k], v] for k, v in orgs.items() if created or before[k] != v}
        changes |= {
            f"0605_{row}": [list(before_lines.get(row, (0, 0))), list(v)]
            for row, v in lines.items()
            if tuple(before_lines.get(row, (0, 0))) != v
        }
        record_event(
            action="workforce_report_saved", actor=actor, ip=ip, data={"year": int(year), "changes": changes}
        )
    return report
