"""Work queues: reviewers' inbox and queue, the unit's dossiers, the signature
queue of the Chairman's office, and the agency head's oversight board."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from nominations import selectors as nomination_selectors
from nominations.exceptions import ActionError
from nominations.models import Nomination, Role
from workflows import actions, selectors
from workflows.calendar import WorkingCalendar
from workflows.progress import urgency, working_days_left

from ..http import require_role, safe_next

QUEUE_TITLES = {
    "inbox": gettext_lazy("Việc tôi đã nhận"),
    "queue": gettext_lazy("Hàng chờ của bộ phận"),
    "overdue": gettext_lazy("Quá hạn"),
}
QUEUES = {key: (title, selectors.TASK_QUEUES[key]) for key, title in QUEUE_TITLES.items()}


@login_required
def my_work(request):
    """Reviewers: what I hold, what my group may take, what is late; opens on the tab that has work."""
    counts = {key: fn(user=request.user).count() for key, (_title, fn) in QUEUES.items()}
    which = request.GET.get("q")
    if which not in QUEUES:
        which = next((key for key in ("inbox", "queue") if counts[key]), "inbox")
    title, selector = QUEUES[which]
    page = Paginator(selector(user=request.user), 30).get_page(request.GET.get("page"))
    calendar = WorkingCalendar()
    for task in page:
        deadline = getattr(task, "deadline", None)
        task.days_left = working_days_left(deadline.due_at, calendar=calendar) if deadline else None
        task.urgency = urgency(task.days_left)
        task.days_overdue = -task.days_left if task.days_left is not None and task.days_left < 0 else 0
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


def _task_action(request, task_id, act, done_message):
    if selectors.task_for(user=request.user, task_id=task_id) is None:
        raise Http404
    try:
        act(user=request.user, task_id=task_id)
    except ActionError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, done_message)
    return redirect(safe_next(request, "queues:my_work"))


@login_required
@require_POST
def task_claim(request, task_id):
    """Take a task, then open its dossier: the next thing one does after taking it."""
    task = selectors.task_for(user=request.user, task_id=task_id)
    if task is None:
        raise Http404
    try:
        actions.claim(user=request.user, task_id=task_id)
    except ActionError as exc:
        messages.error(request, exc.message)
        return redirect(safe_next(request, "queues:my_work"))
    messages.success(request, _("Đã nhận xử lý hồ sơ."))
    return redirect("nominations:detail", task.process.nominationprocess.nomination_id)


@login_required
@require_POST
def task_release(request, task_id):
    return _task_action(request, task_id, actions.release, _("Đã trả hồ sơ về hàng chờ."))


@login_required
def unit_dossiers(request):
    """The unit's dossiers by status; returned ones first with the reviewer's comment."""
    require_role(request.user, Role.UNIT_CLERK)
    rows = selectors.with_due_date(nomination_selectors.unit_dossiers(user=request.user))[:500]
    groups = {}
    calendar = WorkingCalendar()
    for n in rows:
        n.days_left = working_days_left(n.due_date, calendar=calendar) if n.due_date else None
        n.urgency = urgency(n.days_left)
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
    """What waits for this signer, grouped, oldest first, to select from: the leader's decisions
    and proposals to the central level, a unit head's own unit's titles. Each row shows the Council's
    vote and the due date; a summary row filters the list to its award type and movement."""
    require_role(request.user, Role.LEADER, Role.UNIT_HEAD)
    now = timezone.now()
    calendar = WorkingCalendar()
    award, movement = request.GET.get("award_type") or "", request.GET.get("movement") or ""
    sections = []
    for proposal in (False, True):
        qs = nomination_selectors.awaiting_signature(user=request.user, proposal=proposal)
        if award:
            qs = qs.filter(award_type__code=award)
        if movement:
            qs = (
                qs.filter(movement__isnull=True) if movement == "0" else qs.filter(movement_id=_int(movement))
            )
        items = list(selectors.with_due_date(qs).prefetch_related("votes")[:500])
        for n in items:
            n.days_waiting = (now - n.status_changed_at).days
            votes = sorted(n.votes.all(), key=lambda v: v.recorded_at)
            n.last_vote = votes[-1] if votes else None
            n.days_left = working_days_left(n.due_date, calendar=calendar) if n.due_date else None
            n.urgency = urgency(n.days_left)
        groups = nomination_selectors.awaiting_signature_groups(user=request.user, proposal=proposal)
        if proposal and not groups:
            continue
        for g in groups:
            g["movement_key"] = str(g["movement_id"] or 0)
            g["active"] = g["award_type__code"] == award and g["movement_key"] == movement
        sections.append({"kind": "proposal" if proposal else "decision", "groups": groups, "items": items})
    return render(
        request,
        "queues/signature.html",
        {"sections": sections, "filtered": bool(award or movement)},
    )


def _int(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


@login_required
def oversight_board(request):
    require_role(request.user, Role.AGENCY_HEAD)
    return render(request, "queues/oversight.html", selectors.oversight())
