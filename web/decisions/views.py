"""Decision screens: the draft preview from the signature queue, the draft, preview, sign, download."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from nominations import selectors, services
from nominations.exceptions import ActionError, InvalidInput
from nominations.models import Role
from nominations.policy.rewards import base_salary_on, reward_lines
from nominations.publishing.decision_pdf import render_certificate, render_decision
from workflows import actions as workflow_actions

from ..http import client_ip, require_role

VIEW_ROLES = (Role.LEADER, Role.AGENCY_HEAD)


def _signer(value):
    """The chosen signer among the leaders, or None; an id that is not a leader's is refused."""
    if not value:
        return None
    signer = selectors.leaders().filter(pk=int(value)).first() if str(value).isdigit() else None
    if signer is None:
        raise InvalidInput(_("Người ký phải là Chủ tịch hoặc Phó Chủ tịch UBND tỉnh."))
    return signer


@login_required
@require_POST
def decision_draft(request):
    """Preview of the decision for the selected nominations, with reward amounts."""
    require_role(request.user, Role.LEADER)
    try:
        chosen = selectors.decision_candidates(
            user=request.user, nomination_ids=request.POST.getlist("nominations")
        )
    except ActionError as exc:
        messages.error(request, exc.message)
        return redirect("queues:signature")
    today = timezone.localdate()
    base = base_salary_on(today)
    lines = reward_lines(chosen, base_salary=base)
    return render(
        request,
        "queues/decision_draft.html",
        {
            "lines": lines,
            "total": sum(line["amount"] for line in lines),
            "base_salary": base,
            "today": today,
            "leaders": selectors.leaders(),
        },
    )


@login_required
def decision_list(request):
    require_role(request.user, *VIEW_ROLES)
    return render(request, "decisions/list.html", {"decisions": selectors.decisions_list()[:200]})


@login_required
@require_POST
def decision_create(request):
    require_role(request.user, Role.LEADER)
    try:
        decision = services.decision_create_draft(
            actor=request.user,
            nomination_ids=request.POST.getlist("nominations"),
            signer=_signer(request.POST.get("signer")),
        )
    except ActionError as exc:
        messages.error(request, exc.message)
        return redirect("queues:signature")
    messages.success(request, _("Đã lưu dự thảo quyết định."))
    return redirect("nominations:decision_detail", decision.pk)


@login_required
def decision_detail(request, pk):
    require_role(request.user, *VIEW_ROLES)
    decision = selectors.decision_for(pk=pk)
    return render(
        request,
        "decisions/detail.html",
        {"decision": decision, "lines": selectors.decision_lines(decision=decision)},
    )


@login_required
def decision_preview(request, pk):
    require_role(request.user, *VIEW_ROLES)
    decision = selectors.decision_for(pk=pk)
    lines = list(selectors.decision_lines(decision=decision))
    data = render_decision(decision, lines, day=decision.decision_date or timezone.localdate())
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="du-thao-quyet-dinh-{decision.pk}.pdf"'
    return response


@login_required
@require_POST
def decision_sign(request, pk):
    require_role(request.user, Role.LEADER)
    selectors.decision_for(pk=pk)
    try:
        decision = workflow_actions.sign_decision(user=request.user, decision_id=pk, ip=client_ip(request))
    except ActionError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Đã ký số và ban hành Quyết định số %(n)s.") % {"n": decision.number})
    return redirect("nominations:decision_detail", pk)


@login_required
def decision_pdf(request, pk):
    require_role(request.user, *VIEW_ROLES)
    decision = selectors.signed_decision(pk=pk)
    return FileResponse(
        decision.pdf.open("rb"), as_attachment=True, filename=f"QD-{decision.sequence}-{decision.year}.pdf"
    )


@login_required
def certificate_pdf(request, pk, line_pk):
    require_role(request.user, *VIEW_ROLES)
    decision = selectors.signed_decision(pk=pk)
    line = selectors.decision_lines(decision=decision).filter(pk=line_pk).first()
    if line is None:
        raise Http404
    response = HttpResponse(render_certificate(line, decision), content_type="application/pdf")
    response["Content-Disposition"] = (
        f'attachment; filename="bang-khen-{decision.sequence}-{line.position}.pdf"'
    )
    return response
