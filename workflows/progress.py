"""Where a dossier is on its way: the steps of its path, the current one, who holds it, by when.

The steps are the lifecycle table's route for the path the award's authority
gives (a unit's own title, a provincial award, or a proposal upward), labelled
by the stage table; the first and last steps are the unit's submission and the
award itself.
"""

from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from nominations.models import AuditEvent, Nomination, Role, Route
from nominations.policy import paths
from nominations.policy.lifecycle import CLUSTER, NOMINATION, VOTE
from nominations.policy.stages import STAGE_BY_KEY, STAGE_BY_STATUS
from nominations.selectors import cluster_for

from .calendar import WorkingCalendar

S = Nomination.Status
SUBMIT_LABEL = gettext_lazy("Đơn vị nộp")
AMBER_WORKING_DAYS = 2  # "due soon": at most this many working days left


@dataclass
class Step:
    key: str
    label: str
    state: str = "todo"  # done | current | stopped | todo
    holder: str = ""
    due: object = None
    days_left: int | None = None
    notes: list = field(default_factory=list)

    @property
    def urgency(self) -> str:
        return urgency(self.days_left)

    @property
    def days_overdue(self) -> int:
        return -self.days_left if self.days_left and self.days_left < 0 else 0


def urgency(days_left: int | None) -> str:
    """ "overdue", "soon" (≤ 2 working days) or "" for a due date far enough away."""
    if days_left is None:
        return ""
    if days_left < 0:
        return "overdue"
    if days_left <= AMBER_WORKING_DAYS:
        return "soon"
    return ""


def working_days_left(due_at, *, today=None, calendar=None) -> int | None:
    """Working days from today to the due date (negative once it has passed)."""
    if due_at is None:
        return None
    today = today or timezone.localdate()
    due = timezone.localdate(due_at) if hasattr(due_at, "tzinfo") else due_at
    if due < today:
        return -max(1, (calendar or WorkingCalendar()).working_days_between(due, today))
    return (calendar or WorkingCalendar()).working_days_between(today, due)


def path_keys(nomination) -> list[str]:
    """The stage keys this dossier passes through, in order (its route in the lifecycle table)."""
    draft = nomination.status == S.DRAFT
    if draft:  # not yet fixed: the authority in force today
        authority = paths.authority_for(nomination.award_type, unit=nomination.unit)
        path, vote_required = authority.path, authority.vote_required
    else:  # fixed at submission
        path, vote_required = nomination.path, nomination.vote_required

    def through_cluster() -> bool:
        if draft:
            return nomination.route != Route.AD_HOC and cluster_for(nomination) is not None
        return (
            nomination.status == S.CLUSTER_REVIEW
            or AuditEvent.objects.filter(nomination=nomination, from_status=S.CLUSTER_REVIEW).exists()
        )

    conditions = {
        # A vote shows where the dossier needs one, and wherever it waits for one.
        VOTE: vote_required or nomination.status in (S.UNIT_VOTE, S.COUNCIL_VOTE),
        CLUSTER: through_cluster,  # asked only on the routes that have a cluster
    }
    return [
        STAGE_BY_STATUS[status].key
        for status in NOMINATION.route(path, **conditions)
        if status in STAGE_BY_STATUS
    ]


def _holder(stage, task) -> str:
    if task is not None and task.owner_id:
        return task.owner.get_full_name()
    return str(Role(stage.role).label)


def dossier_steps(nomination, *, task=None, deadline=None) -> list[Step]:
    """The dossier's path as steps: done, the current one (holder, due date, days left), still to come."""
    keys = path_keys(nomination)
    steps = [Step("submit", str(SUBMIT_LABEL))]
    steps += [Step(k, str(STAGE_BY_KEY[k].label)) for k in keys]
    steps.append(Step("awarded", str(S.AWARDED.label)))
    status = nomination.status
    days_left = working_days_left(deadline.due_at) if deadline is not None else None
    due = timezone.localtime(deadline.due_at).date() if deadline is not None else None

    def mark(current_index, state="current"):
        for i, step in enumerate(steps):
            step.state = "done" if i < current_index else state if i == current_index else "todo"
        return steps[current_index]

    if status == S.DRAFT:
        step = mark(0)
        step.holder = nomination.unit.name
    elif status == S.RETURNED:
        step = mark(0)
        step.label = str(STAGE_BY_KEY["revise"].label)
        step.holder = nomination.unit.name
        step.due, step.days_left = due, days_left
        step.notes.append(_("Trả lại từ bước: %(stage)s") % {"stage": nomination.get_returned_from_display()})
    elif status == S.AWARDED:
        mark(len(steps) - 1, "done")
    elif status in (S.REJECTED, S.WITHDRAWN):
        last = AuditEvent.objects.filter(nomination=nomination, to_status=status).order_by("-id").first()
        where = STAGE_BY_STATUS.get(last.from_status) if last else None
        index = next((i for i, s in enumerate(steps) if where and s.key == where.key), 0)
        step = mark(index, "stopped")
        step.notes.append(nomination.get_status_display())
    else:
        stage = STAGE_BY_STATUS.get(status)
        index = next((i for i, s in enumerate(steps) if stage and s.key == stage.key), 0)
        step = mark(index)
        if stage is not None:
            step.holder = _holder(stage, task)
        step.due, step.days_left = due, days_left
    return steps
