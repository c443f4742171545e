"""The deadline sweep: reminders, overdue notices and escalations, each once.

Run every minute by django-q2 (``workflows.tasks.run_sweep``). Candidates
come from partial indexes on open deadlines; the (deadline, kind) unique
constraint is the idempotency key, so two sweeps at once, or a worker killed
and retried, record and send each event exactly once.
"""

from collections import defaultdict

from django.db import transaction
from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from nominations.models import Role, User
from nominations.policy.stages import STAGE_BY_KEY, Scope

from .models import DeadlineEvent, TaskDeadline
from .notify import Notice, insert_returning, notify_many

Kind = DeadlineEvent.Kind
BATCH = 500


class People:
    """Who to tell, looked up once per sweep (role groups are small)."""

    def __init__(self):
        self._roles = {}
        self._clusters = {}
        self._units = {}

    def role(self, role):
        if role not in self._roles:
            self._roles[role] = list(User.objects.filter(groups__name=role, is_active=True))
        return self._roles[role]

    def cluster_reviewers(self, cluster_id):
        if cluster_id not in self._clusters:
            self._clusters[cluster_id] = list(
                User.objects.filter(reviewed_clusters__id=cluster_id, is_active=True)
            )
        return self._clusters[cluster_id]

    def unit_clerks(self, unit_id):
        if unit_id not in self._units:
            self._units[unit_id] = list(
                User.objects.filter(unit_id=unit_id, groups__name=Role.UNIT_CLERK, is_active=True)
            )
        return self._units[unit_id]

    def assignees(self, deadline):
        if deadline.task.owner_id:
            return [deadline.task.owner]
        nomination = deadline.nomination
        stage = STAGE_BY_KEY[deadline.stage]
        if stage.scope == Scope.CLUSTER:
            return self.cluster_reviewers(nomination.cluster_id)
        if stage.scope == Scope.UNIT:
            return self.unit_clerks(nomination.unit_id)
        return self.role(stage.role)

    def recipients(self, deadline, kind):
        if kind == Kind.REMINDER:
            return self.assignees(deadline)
        if kind == Kind.OVERDUE:
            return self.assignees(deadline) + self.role(Role.AGENCY_HEAD)
        people = list(self.role(Role.AGENCY_HEAD))
        if STAGE_BY_KEY[deadline.stage].role == Role.LEADER:
            people += self.role(Role.LEADER)
        return people


def _candidates(kind, now):
    done = DeadlineEvent.objects.filter(deadline=OuterRef("pk"), kind=kind)
    qs = TaskDeadline.objects.filter(closed_at__isnull=True)
    if kind == Kind.REMINDER:
        # A reminder after the due moment is noise: the overdue notice says it.
        qs = qs.filter(remind_at__lte=now, due_at__gt=now)
    elif kind == Kind.OVERDUE:
        qs = qs.filter(due_at__lte=now)
    else:
        qs = qs.filter(escalate_at__lte=now)
    return (
        qs.exclude(Exists(done))
        .select_related("task__owner", "nomination__unit", "nomination__award_type")
        .order_by("pk")
    )


def _message(deadline, kind):
    nomination = deadline.nomination
    due = formats.date_format(timezone.localtime(deadline.due_at), "SHORT_DATE_FORMAT")
    values = {
        "stage": deadline.get_stage_display(),
        "name": nomination.nominee_name,
        "unit": nomination.unit.name,
        "due": due,
    }
    if kind == Kind.REMINDER:
        title = _("Sắp đến hạn: %(stage)s – %(name)s") % values
        body = _("Hồ sơ %(name)s (%(unit)s) cần được xử lý bước “%(stage)s” trước ngày %(due)s.") % values
    elif kind == Kind.OVERDUE:
        title = _("Quá hạn: %(stage)s – %(name)s") % values
        body = _("Bước “%(stage)s” của hồ sơ %(name)s (%(unit)s) đã quá hạn ngày %(due)s.") % values
    else:
        title = _("Báo cáo vượt cấp: %(stage)s – %(name)s") % values
        body = (
            _("Bước “%(stage)s” của hồ sơ %(name)s (%(unit)s) đã quá hạn %(due)s hơn 3 ngày làm việc.")
            % values
        )
    return title, body


def _record_page(page, kind, people) -> int:
    """One transaction per page of due deadlines: the events as a set (the unique (deadline, kind)
    key settles a race with another sweep), the notifications in bulk, one delivery task."""
    with transaction.atomic():
        # Skip rows another sweep holds; the unique key settles the rest.
        held = set(
            TaskDeadline.objects.select_for_update(skip_locked=True)
            .filter(pk__in=[d.pk for d in page], closed_at__isnull=True)
            .values_list("pk", flat=True)
        )
        rows = [d for d in page if d.pk in held]
        if not rows:
            return 0
        now = timezone.now()
        recipients = {d.pk: people.recipients(d, kind) for d in rows}
        written = insert_returning(
            DeadlineEvent,
            ["deadline_id", "nomination_id", "kind", "recipients", "created_at"],
            [(d.pk, d.nomination_id, kind, [u.username for u in recipients[d.pk]], now) for d in rows],
            conflict="deadline_id, kind",
            returning="deadline_id",
        )
        recorded = {row[0] for row in written}
        notices = []
        for deadline in rows:
            if deadline.pk not in recorded:
                continue  # another sweep told it
            title, body = _message(deadline, kind)
            notices.append(
                Notice(
                    recipients=recipients[deadline.pk],
                    kind=f"deadline_{kind}",
                    title=title,
                    body=body,
                    url=reverse("nominations:detail", args=[deadline.nomination_id]),
                    nomination_id=deadline.nomination_id,
                    key=f"deadline:{deadline.pk}:{kind}",
                )
            )
        notify_many(notices)
        return len(recorded)


def sweep_deadlines(*, now=None) -> dict:
    """Record and notify every reminder, overdue notice and escalation now due."""
    now = now or timezone.now()
    people = People()
    counts = defaultdict(int)
    for kind in (Kind.REMINDER, Kind.OVERDUE, Kind.ESCALATION):
        # Keyset pages, not .iterator(): each page commits on its own, which
        # would close a PostgreSQL server-side cursor under the loop.
        last_pk = None
        while True:
            page = _candidates(kind, now)
            if last_pk is not None:
                page = page.filter(pk__gt=last_pk)
            page = list(page[:BATCH])
            if not page:
                break
            counts[kind] += _record_page(page, kind, people)
            last_pk = page[-1].pk
    return {kind: counts[kind] for kind in Kind.values}
