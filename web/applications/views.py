"""The commune's screens for citizens' applications (Huy chương TNXP vẻ vang): the list, the
completeness check, the paper entry, the posting, the review meeting, the Chairman's letter."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from nominations import selectors, services
from nominations.exceptions import ActionError, InvalidInput
from nominations.models import CitizenApplication, Role
from workflows import actions as workflow_actions

from ..http import apply_errors, client_ip, open_stored
from ..public.forms import ApplicationForm
from ..public.views import _filing
from .forms import CheckForm, ReviewForm, SendUpForm

S = CitizenApplication.Status


def _commune_of(user, *roles):
    """The commune the user works for with one of ``roles``; 404 for anyone else (no hint)."""
    unit = getattr(user, "unit", None)
    if unit is None or not services.is_commune_staff(user, unit.pk, *roles) or unit.kind != unit.Kind.COMMUNE:
        raise Http404
    return unit


def _visible(user, pk):
    return get_object_or_404(selectors.applications_visible_to(user), pk=pk)


@login_required
def application_list(request):
    qs = selectors.applications_visible_to(request.user)
    status = request.GET.get("status") or ""
    if status in S.values:
        qs = qs.filter(status=status)
    unit = getattr(request.user, "unit", None)
    is_clerk = (
        unit is not None
        and unit.kind == unit.Kind.COMMUNE
        and services.is_commune_staff(request.user, unit.pk, Role.UNIT_CLERK)
    )
    if request.method == "POST" and request.POST.get("action") == "post":
        _commune_of(request.user, Role.UNIT_CLERK, Role.UNIT_HEAD)
        chosen = list(
            selectors.applications_visible_to(request.user).filter(
                pk__in=request.POST.getlist("ids"), status=S.COMPLETE
            )
        )
        try:
            posting = workflow_actions.post_applications(
                applications=chosen, actor=request.user, ip=client_ip(request)
            )
        except ActionError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(
                request,
                _("Đã niêm yết %(n)s hồ sơ đến hết ngày %(d)s.")
                % {"n": len(chosen), "d": posting.closes_on.strftime("%d/%m/%Y")},
            )
        return redirect("applications:list")
    return render(
        request,
        "applications/list.html",
        {
            "items": qs.order_by("commune__name", "-filed_at")[:500],
            "status": status,
            "statuses": S.choices,
            "is_clerk": is_clerk,
            "by_commune": selectors.application_counts_by_commune(request.user),
        },
    )


@login_required
def application_detail(request, pk):
    application = _visible(request.user, pk)
    form = CheckForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        action, reason = form.cleaned_data["action"], form.cleaned_data["reason"]
        try:
            if action == "refuse":
                workflow_actions.refuse_application(
                    application=application, actor=request.user, reason=reason, ip=client_ip(request)
                )
            else:
                workflow_actions.check_application(
                    application=application,
                    actor=request.user,
                    complete=action == "accept",
                    missing=reason,
                    ip=client_ip(request),
                )
        except ActionError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("Đã cập nhật hồ sơ."))
            return redirect("applications:detail", pk=application.pk)
    user = request.user
    return render(
        request,
        "applications/detail.html",
        {
            "a": application,
            "form": form,
            "months": sum(p.months for p in application.periods.all()),
            "may_check": application.status in (S.FILED, S.RESUBMITTED)
            and services.is_commune_staff(user, application.commune_id, Role.UNIT_CLERK),
            "may_refuse": services.is_commune_staff(user, application.commune_id, Role.UNIT_HEAD)
            and application.status in (S.FILED, S.RETURNED, S.RESUBMITTED, S.COMPLETE, S.POSTED, S.REVIEWED),
        },
    )


@login_required
def application_file(request, pk, file_pk):
    application = _visible(request.user, pk)
    stored = get_object_or_404(application.files, pk=file_pk)
    return FileResponse(
        open_stored(stored.file),
        as_attachment=True,
        filename=stored.original_name,
        content_type=stored.content_type,
    )


@login_required
def application_enter(request):
    """The clerk enters an application received on paper, directly or by post."""
    commune = _commune_of(request.user, Role.UNIT_CLERK)
    form = ApplicationForm(
        request.POST or None,
        request.FILES or None,
        communes=selectors.application_communes().filter(pk=commune.pk),
        initial={"commune": commune.pk},
    )
    if request.method == "POST" and form.is_valid():
        try:
            application = workflow_actions.file_application(
                commune=commune, filing=_filing(form), actor=request.user, ip=client_ip(request)
            )
        except InvalidInput as exc:
            apply_errors(form, exc)
        except ActionError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(
                request, _("Đã nhập hồ sơ giấy, mã tra cứu %(code)s.") % {"code": application.code}
            )
            return redirect("applications:detail", pk=application.pk)
    return render(request, "applications/enter.html", {"form": form})


@login_required
def application_review(request):
    """One meeting of the commune for many cases whose posting has ended."""
    commune = _commune_of(request.user, Role.UNIT_CLERK, Role.UNIT_HEAD)
    posted = CitizenApplication.objects.filter(commune=commune, status=S.POSTED).select_related("posting")
    form = ReviewForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        chosen = list(posted.filter(pk__in=request.POST.getlist("ids")))
        data = form.cleaned_data
        try:
            workflow_actions.review_applications(
                applications=chosen,
                actor=request.user,
                ip=client_ip(request),
                held_on=data["held_on"],
                members_total=data["members_total"],
                members_present=data["members_present"],
                attendees=data["attendees"],
                minutes=data["minutes"],
            )
        except InvalidInput as exc:
            apply_errors(form, exc)
        except ActionError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("Đã ghi cuộc họp xét của xã cho %(n)s hồ sơ.") % {"n": len(chosen)})
            return redirect("applications:list")
    return render(request, "applications/review.html", {"form": form, "items": posted})


@login_required
def application_send_up(request):
    """The Chairman's one letter to the provincial Chairman; the others told why not."""
    commune = _commune_of(request.user, Role.UNIT_HEAD)
    reviewed = list(
        CitizenApplication.objects.filter(commune=commune, status=S.REVIEWED).prefetch_related("periods")
    )
    form = SendUpForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        send, refuse = [], {}
        for application in reviewed:
            choice = request.POST.get(f"decision_{application.pk}")
            if choice == "send":
                send.append(application)
            elif choice == "refuse":
                refuse[application] = request.POST.get(f"reason_{application.pk}", "")
        try:
            result = workflow_actions.send_up(
                actor=request.user,
                commune_id=commune.pk,
                number=form.cleaned_data["number"],
                signed_on=form.cleaned_data["signed_on"],
                letter_file=form.cleaned_data["letter"],
                send=send,
                refuse=refuse,
                ip=client_ip(request),
            )
        except InvalidInput as exc:
            apply_errors(form, exc)
        except ActionError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(
                request,
                _("Đã trình tỉnh %(n)s hồ sơ; %(m)s hồ sơ không đề nghị, người nộp đã được báo lý do.")
                % {"n": len(result.nominations), "m": len(result.refused)},
            )
            return redirect("applications:list")
    for application in reviewed:
        application.months = sum(p.months for p in application.periods.all())
    return render(request, "applications/send_up.html", {"form": form, "items": reviewed})
