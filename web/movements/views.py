"""The emulation year's screens: the Standing agency's movements and their participants, a unit's
"what is asked of me", one request with its answer, the registrations; each list also as XLSX."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from nominations import selectors
from nominations.exceptions import ActionError, InvalidInput
from nominations.models import MovementRequest, Registration
from nominations.policy.permissions import has_any_role
from nominations.policy.requests import STANDING_AGENCY
from nominations.services.movement import may_answer
from nominations.services.registration import may_decide
from workflows import selectors as engine
from workflows.actions import movements as door

from .. import exports
from ..http import apply_errors, client_ip
from .forms import AnswerForm, MilestoneForm, SubmitForm


def _overdue(r) -> bool:
    return r.status in ("open", "returned") and r.due_date < timezone.localdate()


def _request_columns():
    return [
        exports.Column(_("Phong trào"), lambda r: r.movement.name),
        exports.Column(_("Đơn vị"), lambda r: r.unit.name),
        exports.Column(_("Yêu cầu"), lambda r: r.get_kind_display()),
        exports.Column(_("Mốc"), lambda r: r.milestone.get_kind_display() if r.milestone_id else ""),
        exports.Column(_("Hạn gửi"), lambda r: exports.day(r.due_date)),
        exports.Column(_("Trạng thái"), lambda r: r.get_status_display()),
        exports.Column(_("Quá hạn"), lambda r: _("Quá hạn") if _overdue(r) else ""),
        exports.Column(_("Số lần trả lại"), lambda r: r.times_returned, total=True),
        exports.Column(_("Ý kiến khi trả lại"), lambda r: r.comment),
    ]


@login_required
def movement_list(request):
    movements = selectors.movements_visible_to(request.user).order_by("-starts_on", "-pk")
    if exports.wants_xlsx(request):
        return exports.xlsx_list(
            request,
            filename="phong-trao-thi-dua",
            title=_("Phong trào thi đua"),
            total_label=_("Tổng cộng: %(n)s phong trào"),
            items=movements,
            columns=[
                exports.Column(_("Tên phong trào"), lambda m: m.name),
                exports.Column(_("Văn bản phát động"), lambda m: m.document_number),
                exports.Column(_("Ngày phát động"), lambda m: exports.day(m.launched_on)),
                exports.Column(_("Phương thức"), lambda m: m.get_kind_display()),
                exports.Column(_("Phạm vi"), lambda m: m.get_scope_display()),
                exports.Column(_("Từ ngày"), lambda m: exports.day(m.starts_on)),
                exports.Column(_("Đến ngày"), lambda m: exports.day(m.ends_on)),
                exports.Column(_("Trạng thái"), lambda m: m.get_status_display()),
            ],
        )
    return render(
        request,
        "movements/list.html",
        {"movements": movements[:200], "standing": has_any_role(request.user, *STANDING_AGENCY)},
    )


@login_required
def movement_detail(request, pk):
    movement = get_object_or_404(selectors.movements_visible_to(request.user), pk=pk)
    standing = has_any_role(request.user, *STANDING_AGENCY)
    requests = (
        selectors.movement_requests_visible_to(request.user)
        .filter(movement=movement)
        .order_by("milestone_id", "unit__name", "pk")
    )
    if exports.wants_xlsx(request):
        return exports.xlsx_list(
            request,
            filename=f"phong-trao-{movement.pk}",
            title=movement.name,
            total_label=_("Tổng cộng: %(n)s yêu cầu"),
            items=requests,
            columns=_request_columns(),
        )
    form = MilestoneForm(request.POST or None) if standing else None
    if request.method == "POST" and standing:
        try:
            if "launch" in request.POST:
                door.launch_movement(actor=request.user, movement=movement, ip=client_ip(request))
                messages.success(
                    request, _("Đã phát động phong trào; các đơn vị tham gia đã được thông báo.")
                )
                return redirect("movements:detail", pk=pk)
            if form.is_valid():
                v = form.cleaned_data
                door.add_milestone(
                    actor=request.user,
                    movement=movement,
                    kind=v["kind"],
                    on=v["date"],
                    report_due=v["report_due"],
                    ip=client_ip(request),
                )
                messages.success(request, _("Đã đặt mốc; mỗi đơn vị tham gia được yêu cầu gửi báo cáo."))
                return redirect("movements:detail", pk=pk)
        except InvalidInput as exc:
            apply_errors(form, exc)
        except ActionError as exc:
            messages.error(request, exc.message)
    items = list(requests)
    reminders = engine.request_reminders(request_ids=[r.pk for r in items])
    for r in items:
        r.overdue = _overdue(r)
        r.reminders = reminders.get(r.pk, [])
    groups = []
    for milestone in [None, *movement.milestones.order_by("date", "pk")]:
        rows = [r for r in items if r.milestone_id == (milestone.pk if milestone else None)]
        groups.append(
            {
                "milestone": milestone,
                "rows": rows,
                "received": sum(r.status in ("submitted", "accepted") for r in rows),
                "accepted": sum(r.status == "accepted" for r in rows),
                "returned": sum(r.status == "returned" for r in rows),
                "overdue": sum(r.overdue for r in rows),
            }
        )
    nominations = movement.nomination_set.select_related("unit", "award_type").order_by("unit__name", "pk")[
        :200
    ]
    return render(
        request,
        "movements/detail.html",
        {
            "movement": movement,
            "groups": groups,
            "standing": standing,
            "form": form,
            "nominations": nominations,
            "examples": movement.examples.filter(status="accepted"),
        },
    )


@login_required
def request_detail(request, pk):
    item = get_object_or_404(selectors.movement_requests_visible_to(request.user), pk=pk)
    answering = may_answer(request.user, item) and item.status in (
        MovementRequest.Status.OPEN,
        MovementRequest.Status.RETURNED,
    )
    deciding = (
        has_any_role(request.user, *STANDING_AGENCY) and item.status == MovementRequest.Status.SUBMITTED
    )
    figures = item.movement.report_figures if item.kind == MovementRequest.Kind.REPORT else []
    submit_form = SubmitForm(
        request.POST if answering and request.method == "POST" else None,
        request.FILES if answering and request.method == "POST" else None,
        figures=figures,
    )
    answer_form = AnswerForm(request.POST if deciding and request.method == "POST" else None)
    if request.method == "POST":
        try:
            if answering and submit_form.is_valid():
                door.submit_request(
                    actor=request.user,
                    request=item,
                    file=submit_form.cleaned_data.get("file"),
                    figures=submit_form.figures(),
                    ip=client_ip(request),
                )
                messages.success(request, _("Đã gửi; Cơ quan Thường trực đã được thông báo."))
                return redirect("movements:request", pk=pk)
            if deciding and answer_form.is_valid():
                comment = answer_form.cleaned_data["comment"]
                if "return" in request.POST:
                    door.return_request(
                        actor=request.user, request=item, comment=comment, ip=client_ip(request)
                    )
                    messages.success(request, _("Đã trả lại; đơn vị đã được thông báo."))
                else:
                    door.accept_request(
                        actor=request.user, request=item, comment=comment, ip=client_ip(request)
                    )
                    messages.success(request, _("Đã tiếp nhận."))
                return redirect("movements:request", pk=pk)
        except InvalidInput as exc:
            apply_errors(submit_form if answering else answer_form, exc)
        except ActionError as exc:
            messages.error(request, exc.message)
    return render(
        request,
        "movements/request.html",
        {
            "item": item,
            "overdue": _overdue(item),
            "answering": answering,
            "deciding": deciding,
            "submit_form": submit_form,
            "answer_form": answer_form,
            "deadline": engine.open_request_deadline(request_id=item.pk),
            "reminders": engine.request_reminders(request_ids=[item.pk]).get(item.pk, []),
            "figure_rows": [(f.get("label") or f["code"], item.figures.get(f["code"])) for f in figures],
        },
    )


@login_required
def asked_of_me(request):
    """What the movements ask of the user's unit this year, and by when; its registration."""
    year = timezone.localdate().year
    items = (
        selectors.movement_requests_visible_to(request.user, unit_id=request.user.unit_id)
        .filter(due_date__year__gte=year - 1)
        .order_by("status", "due_date", "pk")
        if request.user.unit_id
        else MovementRequest.objects.none()
    )
    if exports.wants_xlsx(request):
        return exports.xlsx_list(
            request,
            filename="yeu-cau-cua-don-vi",
            title=_("Việc phong trào yêu cầu đơn vị"),
            total_label=_("Tổng cộng: %(n)s yêu cầu"),
            items=items,
            columns=_request_columns(),
        )
    # What is still to send first (returned, then not sent), each by its due date; then the rest.
    order = {"returned": 0, "open": 1, "submitted": 2, "accepted": 3}
    rows = sorted(items, key=lambda r: (order.get(r.status, 4), r.due_date, r.pk))
    for r in rows:
        r.overdue = _overdue(r)
    registration = Registration.objects.filter(unit_id=request.user.unit_id, year=year).first()
    return render(
        request,
        "movements/mine.html",
        {
            "rows": rows,
            "pending": [r for r in rows if r.status in ("open", "returned")],
            "year": year,
            "registration": registration,
            "registration_due": selectors.registration_due_of(year),
        },
    )


@login_required
def registration_list(request):
    asked = request.GET.get("year") or ""
    year = int(asked) if asked.isdigit() and 2000 <= int(asked) <= 2100 else timezone.localdate().year
    registrations = (
        selectors.registrations_visible_to(request.user).filter(year=year).order_by("unit__name", "pk")
    )
    if exports.wants_xlsx(request):
        return exports.xlsx_list(
            request,
            filename=f"dang-ky-thi-dua-{year}",
            title=_("Đăng ký thi đua năm %(year)s") % {"year": year},
            total_label=_("Tổng cộng: %(n)s đơn vị"),
            items=registrations,
            columns=[
                exports.Column(_("Đơn vị"), lambda r: r.unit.name),
                exports.Column(_("Trạng thái"), lambda r: r.get_status_display()),
                exports.Column(_("Danh hiệu tập thể"), lambda r: "; ".join(t.name for t in r.titles.all())),
                exports.Column(_("Số cá nhân đăng ký"), lambda r: len(r.entries.all()), total=True),
                exports.Column(_("Hạn đăng ký"), lambda r: exports.day(r.due_date)),
                exports.Column(_("Gửi muộn"), lambda r: _("Muộn") if r.late else ""),
                exports.Column(_("Lý do trả lại"), lambda r: r.comment),
            ],
        )
    rows = list(registrations)
    for r in rows:
        r.may_decide = r.status == Registration.Status.SUBMITTED and may_decide(request.user, r)
    by_title = {}
    for r in rows:
        for e in r.entries.all():
            by_title[e.title.name] = by_title.get(e.title.name, 0) + 1
        for t in r.titles.all():
            by_title[t.name] = by_title.get(t.name, 0) + 1
    missing = selectors.units_without_registration(user=request.user, year=year)
    return render(
        request,
        "movements/registrations.html",
        {"rows": rows, "year": year, "by_title": sorted(by_title.items()), "missing": missing},
    )


@login_required
@require_POST
def registration_answer(request, pk):
    registration = get_object_or_404(selectors.registrations_visible_to(request.user), pk=pk)
    try:
        if "return" in request.POST:
            door.return_registration(
                actor=request.user,
                registration=registration,
                comment=request.POST.get("comment", ""),
                ip=client_ip(request),
            )
            messages.success(request, _("Đã trả lại đăng ký; đơn vị đã được thông báo."))
        else:
            door.accept_registration(actor=request.user, registration=registration, ip=client_ip(request))
            messages.success(request, _("Đã chấp thuận đăng ký."))
    except ActionError as exc:
        messages.error(request, exc.message)
    return redirect(f"{reverse('movements:registrations')}?year={registration.year}")
