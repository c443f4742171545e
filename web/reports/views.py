"""The report screens: figures of a period in the user's scope, charts, the forms, exports."""

from datetime import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from nominations import reports, services
from nominations.exceptions import InvalidInput
from nominations.models import ReportExport, Unit, WorkforceReport, WorkforceStaffLine
from nominations.policy.issuers import issuer_on
from nominations.policy.permissions import has_any_role
from nominations.reports.forms import TITLES
from nominations.reports.narrative import report_docx
from nominations.reports.period import header_for
from nominations.services import report_export
from nominations.services import report_number as report_numbering
from nominations.services import workforce as workforce_service
from nominations.text import slug
from workflows import reports as engine_reports
from workflows.tasks import queue_report_export

from .. import charts
from ..http import client_ip, open_stored, require_role


def _period(request):
    """The period asked for, or the current reporting year with the reason told."""
    preset = request.GET.get("preset")
    year = request.GET.get("year")
    if preset and year and year.isdigit() and 2000 <= int(year) <= 2100:
        maker = {
            "reporting_year": reports.reporting_year,
            "first_half": reports.first_half,
            "year": reports.calendar_year,
        }.get(preset)
        if maker:
            return maker(int(year))
    try:
        return reports.parse_period(_typed_day(request.GET.get("from")), _typed_day(request.GET.get("to")))
    except InvalidInput as exc:
        messages.error(request, exc.message)
        return reports.default_period()


def _typed_day(value):
    """A day as typed on the screen (dd/mm/yyyy) in the period's form (YYYY-MM-DD); links carry
    YYYY-MM-DD already. A day that does not exist is refused in the screen's own format."""
    value = (value or "").strip()
    if "/" not in value:
        return value
    try:
        return datetime.strptime(value, "%d/%m/%Y").date().isoformat()
    except ValueError:
        raise InvalidInput(
            _("Ngày “%(value)s” không hợp lệ; hãy ghi theo dạng dd/mm/yyyy, ví dụ 01/12/2025.")
            % {"value": value}
        ) from None


def _group_by(request) -> str:
    try:
        return reports.parse_group_by(request.GET.get("group_by"))
    except InvalidInput as exc:
        messages.error(request, exc.message)
        return "award_type"


def _award_chart(data, period):
    this_year = {r["key"]: r for r in data["rows"]}
    last_year = {r["key"]: r for r in data["previous"]["rows"]}
    keys = list(dict.fromkeys([*this_year, *last_year]))
    labels = [(this_year.get(k) or last_year.get(k))["label"] for k in keys]
    return charts.bar_chart(
        title=_("Khen thưởng theo hình thức: kỳ này và cùng kỳ năm trước"),
        categories=labels,
        series=[
            (_("Kỳ này"), [this_year.get(k, {}).get("awarded", 0) for k in keys]),
            (_("Cùng kỳ năm trước"), [last_year.get(k, {}).get("awarded", 0) for k in keys]),
        ],
        unit=_("lượt"),
    )


@login_required
def index(request):
    """Statistics for the period and the user's scope, with the year before beside them."""
    period = _period(request)
    group_by = _group_by(request)
    data = reports.summary(period, request.user, group_by)
    by_type = data if group_by == "award_type" else reports.summary(period, request.user, "award_type")
    times = engine_reports.processing_times(period, request.user)
    months = engine_reports.monthly_throughput(period, request.user)
    before = {r["key"]: r for r in data["previous"]["rows"]}
    rows = [{**r, "before": before.get(r["key"], {})} for r in data["rows"]]
    chart_awards = _award_chart(by_type, period)
    chart_months = charts.line_chart(
        title=_("Số hồ sơ theo tháng"),
        categories=[m["month"] for m in months],
        series=[
            (_("Nộp"), [m["submitted"] for m in months]),
            (_("Hoàn thành"), [m["finished"] for m in months]),
        ],
        unit=_("hồ sơ"),
    )
    chart_times = charts.bar_chart(
        title=_("Thời gian xử lý theo bước (ngày làm việc)"),
        categories=[s["label"] for s in times["stages"]],
        series=[
            (_("Trung vị"), [s["median_days"] or 0 for s in times["stages"]]),
            (_("90% hồ sơ"), [s["p90_days"] or 0 for s in times["stages"]]),
        ],
        unit=_("ngày làm việc"),
    )
    query = f"from={period.start:%Y-%m-%d}&to={period.end:%Y-%m-%d}"
    exports = ReportExport.objects.filter(requested_by=request.user, kind="nominations").order_by(
        "-created_at"
    )[:5]
    return render(
        request,
        "reports/index.html",
        {
            "period": period,
            "data": data,
            "rows": rows,
            "group_by": group_by,
            "dimensions": reports.DIMENSIONS,
            "times": times,
            "chart_awards": chart_awards,
            "chart_months": chart_months,
            "chart_times": chart_times,
            "forms": [(code, TITLES[code]) for code in reports.FORMS],
            "query": query,
            "exports": exports,
            "presets": _presets(period),
            "can_enter_workforce": has_any_role(request.user, *workforce_service.ENTERERS),
            "previous": period.previous_year(),
            "report_number": report_numbering.report_number(request.user, period),
        },
    )


def _presets(period) -> list[tuple]:
    """Shortcuts: the reporting year the screen opens on and the two before it (in December the one
    just begun as well), then the half and the calendar year of the period shown."""
    default = reports.default_period()
    years = [default.report_year, default.report_year - 1, default.report_year - 2]
    if timezone.localdate().month == 12:
        years.insert(0, default.report_year + 1)
    out = [
        (
            "reporting_year",
            y,
            _("Năm báo cáo %(y)s (01/12/%(p)s – 30/11/%(y)s)") % {"y": y, "p": y - 1},
            reports.reporting_year(y) == period,
        )
        for y in years
    ]
    year = period.report_year
    out += [
        ("first_half", year, _("6 tháng đầu năm %(y)s") % {"y": year}, reports.first_half(year) == period),
        ("year", year, _("Năm %(y)s") % {"y": year}, reports.calendar_year(year) == period),
    ]
    return out


@login_required
def form_detail(request, code):
    """One statistical form on screen, as on paper, with its XLSX and PDF."""
    period = _period(request)
    try:
        report = reports.build_form(code, period, request.user)
    except InvalidInput as exc:
        raise Http404 from exc
    top, sub = _form_head(report.columns)
    return render(
        request,
        "reports/form.html",
        {
            "report": report,
            "head_top": top,
            "head_sub": sub,
            "period": period,
            "query": f"from={period.start:%Y-%m-%d}&to={period.end:%Y-%m-%d}",
            "header": header_for(request.user, period),
            "can_enter_workforce": has_any_role(request.user, *workforce_service.ENTERERS),
        },
    )


def _form_head(columns) -> tuple[list[dict], list]:
    """The form's header as on paper: a spanning heading over its columns ("Chia ra", an award's
    name), the other columns two rows high."""
    top, sub = [], []
    for c in columns:
        if c.parent:
            if top and top[-1]["parent"] == c.parent:
                top[-1]["span"] += 1
            else:
                top.append({"label": c.parent, "parent": c.parent, "span": 1, "rows": 1})
            sub.append(c)
        else:
            top.append({"label": c.label, "parent": "", "span": 1, "rows": 2})
    return top, sub


@login_required
def narrative_docx(request):
    """The 6-month or annual report as DOCX: numbers filled, narrative left to the office.

    GET: the document with the number its issuer's register gave it, or with the number left
    blank if none was taken yet; POST: take the number (once per issuer and period), then the
    document."""
    period = _period(request)
    if request.method == "POST":
        try:
            number = report_numbering.report_number_take(
                actor=request.user, period=period, ip=client_ip(request)
            )
        except InvalidInput as exc:
            messages.error(request, exc.message)
            return redirect(
                f"{reverse('reports:index')}?from={period.start:%Y-%m-%d}&to={period.end:%Y-%m-%d}"
            )
    else:
        number = report_numbering.report_number(request.user, period)
    header = header_for(request.user, period)
    unit = report_numbering.issuing_unit(request.user)
    reporting_unit, parent = header["reporting_unit"], ""
    if unit is not None:
        issuer = issuer_on(header["today"], unit=None if unit.kind == Unit.Kind.PROVINCE else unit)
        reporting_unit, parent = issuer.name, issuer.parent
        number = number or f"/{report_numbering.register_symbol(unit)}"
    content = report_docx(
        period,
        request.user,
        reporting_unit=reporting_unit,
        place=header["place"],
        today=header["today"],
        number=number,
        parent=parent,
    )
    response = HttpResponse(
        content, content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    )
    numbered = f"{slug(number)}-" if number and not number.startswith("/") else ""
    response["Content-Disposition"] = (
        f'attachment; filename="bao-cao-tdkt-{numbered}{period.start:%Y%m%d}-{period.end:%Y%m%d}.docx"'
    )
    return response


@login_required
@require_POST
def export_create(request):
    """Ask for the large export of the period; the same request twice is the same export."""
    try:
        period = reports.parse_period(request.POST.get("from"), request.POST.get("to"))
        export, created = report_export.export_request(actor=request.user, kind="nominations", period=period)
    except InvalidInput as exc:
        messages.error(request, exc.message)
        return redirect("reports:index")
    if created:
        queue_report_export(export.pk)
        messages.success(
            request, _("Đã bắt đầu xuất dữ liệu. Trang này cho biết tiến độ và đường tải khi xong.")
        )
    return redirect("reports:export", pk=export.pk)


def _own_export(request, pk) -> ReportExport:
    return get_object_or_404(ReportExport, pk=pk, requested_by=request.user, kind="nominations")


@login_required
def export_status(request, pk):
    """Progress of an export (HTML, or JSON for the progress bar); a stalled one is restarted."""
    export = _own_export(request, pk)
    if report_export.export_is_stale(export):
        queue_report_export(export.pk)
    if request.GET.get("format") == "json":
        return JsonResponse(
            {
                "status": export.status,
                "status_display": export.get_status_display(),
                "progress": export.progress,
                "rows_done": export.rows_done,
                "rows_total": export.rows_total,
                "download": reverse("reports:export_file", args=[export.pk]) if export.file else None,
            }
        )
    period = reports.parse_period(export.params.get("from"), export.params.get("to"))
    return render(request, "reports/export.html", {"export": export, "period": period})


@login_required
def export_file(request, pk):
    export = _own_export(request, pk)
    if export.status != ReportExport.Status.DONE or not export.file:
        raise Http404
    period = reports.parse_period(export.params.get("from"), export.params.get("to"))
    return FileResponse(
        open_stored(export.file),
        as_attachment=True,
        filename=f"ho-so-{period.start:%Y%m%d}-{period.end:%Y%m%d}.xlsx",
    )


def _workforce_rows(values: dict, errors: dict) -> list[dict]:
    R = WorkforceStaffLine.Row
    sections = {
        R.AGE_30: _("Chia theo độ tuổi"),
        R.TRAINING_PRIMARY: _("Chia theo trình độ đào tạo"),
        R.YEARS_UNDER_5: _("Chia theo số năm công tác"),
    }
    return [
        {
            "code": row,
            "label": label,
            "section": sections.get(row, ""),
            "total": values.get(f"total_{row}", ""),
            "women": values.get(f"women_{row}", ""),
            "errors": [e for e in (errors.get(f"total_{row}"), errors.get(f"women_{row}")) if e],
        }
        for row, label in R.choices
    ]


@login_required
def workforce(request):
    """Forms 0604 and 0605: the Standing agency enters the year's organisations and civil servants."""
    require_role(request.user, *workforce_service.ENTERERS)
    raw_year = request.POST.get("year") or request.GET.get("year") or ""
    year = int(raw_year) if raw_year.isdigit() else reports.default_period().report_year
    errors, message = {}, ""
    if request.method == "POST":
        try:
            services.workforce_report_save(
                actor=request.user, year=year, data=request.POST, ip=client_ip(request)
            )
        except InvalidInput as exc:
            errors, message = exc.fields, exc.message
            values = request.POST
        else:
            messages.success(request, _("Đã lưu số liệu biểu 0604, 0605 năm %(y)s.") % {"y": year})
            return redirect(f"{reverse('reports:workforce')}?year={year}")
    else:
        entry = WorkforceReport.objects.filter(year=year).first()
        values = {}
        if entry:
            values = {name: getattr(entry, name) for name in workforce_service.ORG_FIELDS}
            values["note"] = entry.note
            for line in entry.staff_lines.all():
                values[f"total_{line.row}"], values[f"women_{line.row}"] = line.total, line.women
    orgs = [
        {
            "name": name,
            "label": WorkforceReport._meta.get_field(name).verbose_name,
            "value": values.get(name, ""),
            "error": errors.get(name, ""),
        }
        for name in workforce_service.ORG_FIELDS
    ]
    period = reports.reporting_year(year)
    return render(
        request,
        "reports/workforce.html",
        {
            "year": year,
            "years": [year - 1, year + 1],
            "orgs": orgs,
            "rows": _workforce_rows(values, errors),
            "note": values.get("note", ""),
            "message": message,
            "sum_errors": [errors[k] for k in ("sums_0", "sums_1") if k in errors],
            "query": f"from={period.start:%Y-%m-%d}&to={period.end:%Y-%m-%d}",
        },
        status=400 if errors else 200,
    )
