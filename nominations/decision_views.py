"""Decision screens: draft from the signature queue, preview, sign, download."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from workflows.decisions import sign_decision

from .decision_pdf import render_certificate, render_decision
from .decisions import decision_create_draft
from .exceptions import ActionError
from .models import Decision, Role, User

VIEW_ROLES = (Role.LEADER, Role.AGENCY_HEAD)


def _check(user, roles=VIEW_ROLES):
    if not (user.is_superuser or any(user.has_role(r) for r in roles)):
        raise PermissionDenied


@login_required
def decision_list(request):
    _check(request.user)
    decisions = Decision.objects.select_related("signer").order_by("-created_at")[:200]
    return render(request, "decisions/list.html", {"decisions": decisions})


@login_required
@require_POST
def decision_create(request):
    _check(request.user, (Role.LEADER,))
    signer = None
    if request.POST.get("signer"):
        signer = User.objects.filter(pk=request.POST["signer"], groups__name=Role.LEADER).first()
    try:
        decision = decision_create_draft(
            actor=request.user, nomination_ids=request.POST.getlist("nominations"), signer=signer
        )
    except (ActionError, ValueError) as exc:
        messages.error(request, getattr(exc, "message", _("Danh sách hồ sơ không hợp lệ.")))
        return redirect("queues:signature")
    messages.success(request, _("Đã lưu dự thảo quyết định."))
    return redirect("nominations:decision_detail", decision.pk)


@login_required
def decision_detail(request, pk):
    _check(request.user)
    decision = get_object_or_404(Decision.objects.select_related("signer"), pk=pk)
    lines = decision.lines.select_related("award_type", "nomination").order_by("position")
    return render(request, "decisions/detail.html", {"decision": decision, "lines": lines})


@login_required
def decision_preview(request, pk):
    _check(request.user)
    decision = get_object_or_404(Decision, pk=pk)
    lines = list(decision.lines.select_related("award_type").order_by("position"))
    data = render_decision(decision, lines, day=decision.decision_date or timezone.localdate())
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="du-thao-quyet-dinh-{decision.pk}.pdf"'
    return response


@login_required
@require_POST
def decision_sign(request, pk):
    _check(request.user, (Role.LEADER,))
    try:
        decision = sign_decision(user=request.user, decision_id=pk, ip=request.META.get("REMOTE_ADDR"))
    except ActionError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Đã ký số và ban hành Quyết định số %(n)s.") % {"n": decision.number})
    return redirect("nominations:decision_detail", pk)


@login_required
def decision_pdf(request, pk):
    _check(request.user)
    decision = get_object_or_404(Decision, pk=pk, status=Decision.Status.SIGNED)
    return FileResponse(
        decision.pdf.open("rb"), as_attachment=True, filename=f"QD-{decision.sequence}-{decision.year}.pdf"
    )


@login_required
def certificate_pdf(request, pk, line_pk):
    _check(request.user)
    decision = get_object_or_404(Decision, pk=pk, status=Decision.Status.SIGNED)
    line = get_object_or_404(decision.lines.select_related("award_type"), pk=line_pk)
    response = HttpResponse(render_certificate(line, decision), content_type="application/pdf")
    response["Content-Disposition"] = (
        f'attachment; filename="bang-khen-{decision.sequence}-{line.position}.pdf"'
    )
    return response
