"""Work queues: reviewers' inbox and queue, the unit's dossiers, the signature
queue of the Chairman's office, and the agency head's oversight board."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Count
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

from ..http import require_role, safe_next

QUEUE_TITLES = {
    "inbox": gettext_lazy("Việc tôi đã nhận"),
    "queue": gettext_lazy("Hàng chờ của bộ phận"),
    "overdue": gettext_lazy("Quá hạn"),
}
QUEUES = {key: (title, selectors.TASK_QUEUES[key]) for key, title in QUEUE_TITLES.items()}


@login_required
def my_work(request):
    """Reviewers: what I hold, what my group may take, what is late."""
    which = request.GET.get("q", "inbox")
    if which not in QUEUES:
        which = "inbox"
    title, selector = QUEUES[which]
    counts = selectors.task_counts(user=request.user)
    paginator = Paginator(selector(user=request.user), 30)
    paginator.count = counts[which]  # known from the one aggregate: no second COUNT
    page = paginator.get_page(request.GET.get("page"))
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
    return _task_action(request, task_id, actions.claim, _("Đã nhận xử lý hồ sơ."))


@login_required
@require_POST
def task_release(request, task_id):
    return _task_action(request, task_id, actions.release, _("Đã trả hồ sơ về hàng chờ."))


PAGE_SIZE = 100


@login_required
def unit_dossiers(request):
    """The unit's dossiers by status; returned ones first with the reviewer's comment. A page at a
    time (newest change first), with each status's total from one aggregate."""
    require_role(request.user, Role.UNIT_CLERK)
    dossiers = nomination_selectors.unit_dossiers(user=request.user)
    totals = dict(dossiers.order_by().values_list("status").annotate(n=Count("id")))
    paginator = Paginator(selectors.with_due_date(dossiers), PAGE_SIZE)
    paginator.count = sum(totals.values())  # known: no second COUNT
    page = paginator.get_page(request.GET.get("page"))
    groups = {}
    for n in page:
        groups.setdefault(n.status, []).append(n)
    order = [
        Nomination.Status.RETURNED,
        *[s for s in Nomination.Status.values if s != Nomination.Status.RETURNED],
    ]
    labels = dict(Nomination.Status.choices)
    sections = [
        {"status": s, "label": labels[s], "items": groups[s], "total": totals.get(s, 0)}
        for s in order
        if s in groups
    ]
    return render(request, "queues/unit.html", {"sections": sections, "page": page, "now": timezone.now()})


@login_required
def signature_queue(request):
    """What waits for this signer, grouped, oldest first, to select from: the leader's decisions
    and proposals to the central level, a unit head's own unit's titles. A page at a time."""
    require_role(request.user, Role.LEADER, Role.UNIT_HEAD)
    now = timezone.now()
    sections = []
    for proposal in (False, True):
        groups = nomination_selectors.awaiting_signature_groups(user=request.user, proposal=proposal)
        param = "ppage" if proposal else "page"
        paginator = Paginator(
            nomination_selectors.awaiting_signature(user=request.user, proposal=proposal), PAGE_SIZE
        )
        paginator.count = sum(g["count"] for g in groups)  # the groups' counts: no second COUNT
        page = paginator.get_page(request.GET.get(param))
        items = list(page)
        for n in items:
            n.days_waiting = (now - n.status_changed_at).days
        if proposal and not items:
            continue
        sections.append(
            {
                "kind": "proposal" if proposal else "decision",
                "groups": groups,
                "items": items,
                "page": page,
                "param": param,
            }
        )
    return render(request, "queues/signature.html", {"sections": sections})


@login_required
def oversight_board(request):
    require_role(request.user, Role.AGENCY_HEAD)
    return render(request, "queues/oversight.html", selectors.oversight())
