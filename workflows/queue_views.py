"""Work queues: reviewers' inbox and queue, the unit's dossiers, the signature
queue of the Chairman's office, and the agency head's oversight board."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import OuterRef, Subquery
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from nominations import selectors as nomination_selectors
from nominations.exceptions import ActionError
from nominations.models import Comment, Nomination, Role, User
from nominations.rewards import base_salary_on, reward_amount

from . import actions, selectors
from .models import TaskDeadline

QUEUES = {
    "inbox": (gettext_lazy("Việc tôi đã nhận"), selectors.tasks_inbox),
    "queue": (gettext_lazy("Hàng chờ của bộ phận"), selectors.tasks_queue),
    "overdue": (gettext_lazy("Quá hạn"), selectors.tasks_overdue),
}


def _require(user, *roles):
    if not (user.is_superuser or any(user.has_role(r) for r in roles)):
        raise PermissionDenied


@login_required
def my_work(request):
    """Reviewers: what I hold, what my group may take, what is late."""
    which = request.GET.get("q", "inbox")
    if which not in QUEUES:
        which = "inbox"
    title, selector = QUEUES[which]
    page = Paginator(selector(user=request.user), 30).get_page(request.GET.get("page"))
    counts = {key: fn(user=request.user).count() for key, (_title, fn) in QUEUES.items()}
    return render(
        request,
        "queues/my_work.html",
        {
            "page": page,
            "which": which,
            "title": title,
            "queues": QUEUES,
            "counts": counts,
            "now": timezone.now(),
        },
    )


@login_required
@require_POST
def task_claim(request, task_id):
    if selectors.task_for(user=request.user, task_id=task_id) is None:
        raise Http404
    try:
        actions.claim(user=request.user, task_id=task_id)
    except ActionError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Đã nhận xử lý hồ sơ."))
    return redirect(request.POST.get("next") or "queues:my_work")


@login_required
@require_POST
def task_release(request, task_id):
    if selectors.task_for(user=request.user, task_id=task_id) is None:
        raise Http404
    try:
        actions.release(user=request.user, task_id=task_id)
    except ActionError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Đã trả hồ sơ về hàng chờ."))
    return redirect(request.POST.get("next") or "queues:my_work")


@login_required
def unit_dossiers(request):
    """The unit's dossiers by status; returned ones first with the reviewer's comment."""
    _require(request.user, Role.UNIT_CLERK)
    due = TaskDeadline.objects.filter(nomination=OuterRef("pk"), closed_at__isnull=True).order_by("due_at")
    last_return = Comment.objects.filter(nomination=OuterRef("pk"), kind=Comment.Kind.RETURN).order_by(
        "-created_at"
    )
    rows = (
        nomination_selectors.nominations_visible_to(request.user)
        .filter(unit_id=request.user.unit_id)
        .select_related("award_type")
        .annotate(
            due_date=Subquery(due.values("due_at")[:1]),
            return_comment=Subquery(last_return.values("body")[:1]),
        )
        .order_by("-status_changed_at")[:500]
    )
    groups = {}
    for n in rows:
        groups.setdefault(n.status, []).append(n)
    order = [
        Nomination.Status.RETURNED,
        *[s for s in Nomination.Status.values if s != Nomination.Status.RETURNED],
    ]
    labels = dict(Nomination.Status.choices)
    sections = [{"status": s, "label": labels[s], "items": groups[s]} for s in order if s in groups]
    return render(request, "queues/unit.html", {"sections": sections, "now": timezone.now()})


@login_required
def signature_queue(request):
    """What waits for the leader's signature, grouped, oldest first, to select from."""
    _require(request.user, Role.LEADER)
    items = list(selectors.awaiting_signature(user=request.user)[:500])
    now = timezone.now()
    for n in items:
        n.days_waiting = (now - n.status_changed_at).days
    return render(
        request,
        "queues/signature.html",
        {"groups": selectors.awaiting_signature_groups(user=request.user), "items": items},
    )


@login_required
@require_POST
def decision_draft(request):
    """Preview of the decision for the selected nominations, with reward amounts."""
    _require(request.user, Role.LEADER)
    try:
        ids = sorted({int(i) for i in request.POST.getlist("nominations")})
    except ValueError:
        ids = []
    if not ids:
        messages.error(request, _("Hãy chọn ít nhất một hồ sơ."))
        return redirect("queues:signature")
    chosen = list(selectors.awaiting_signature(user=request.user).filter(pk__in=ids))
    if len(chosen) != len(ids):
        messages.error(
            request,
            _("Có hồ sơ không còn ở trạng thái chờ ký (vừa được trả lại hoặc đã ký). Vui lòng chọn lại."),
        )
        return redirect("queues:signature")
    today = timezone.localdate()
    base = base_salary_on(today)
    lines = [
        {
            "nomination": n,
            "coefficient": n.award_type.reward_coefficient,
            "amount": reward_amount(
                coefficient=n.award_type.reward_coefficient, nominee_kind=n.nominee_kind, base_salary=base
            ),
        }
        for n in chosen
    ]
    return render(
        request,
        "queues/decision_draft.html",
        {
            "lines": lines,
            "total": sum(line["amount"] for line in lines),
            "base_salary": base,
            "today": today,
            "leaders": User.objects.filter(groups__name=Role.LEADER, is_active=True).order_by("full_name"),
        },
    )


@login_required
def oversight_board(request):
    _require(request.user, Role.AGENCY_HEAD)
    return render(request, "queues/oversight.html", selectors.oversight())
