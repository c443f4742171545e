"""The deadline sweep: reminders, overdue notices and escalations, each once.

Run every minute by django-q2 (``workflows.tasks.run_sweep``). Candidates
come from partial indexes on open deadlines; the (deadline, kind) unique
constraint is the idempotency key, so two sweeps at once, or a worker killed
and retried, record and send each event exactly once.
"""

from collections import defaultdict
from typing import NamedTuple

from django.db import transaction
from django.db.models import Exists, F, OuterRef
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from nominations.models import Role, User
from nominations.policy.stages import STAGE_BY_KEY, Scope

from .models import DeadlineEvent, TaskDeadline
from .notify import Notice, insert_returning, notify_many

Kind = DeadlineEvent.Kind
BATCH = 500


class Due(NamedTuple):
    """A deadline the sweep tells about: only the columns it needs (no model instances)."""

    pk: int
    nomination_id: int
    stage: str
    due_at: object
    owner_id: int | None
    name: str
    unit_id: int
    unit_name: str
    cluster_id: int | None


COLUMNS = (
    "pk",
    "nomination_id",
    "stage",
    "due_at",
    "task__owner_id",
    "nomination__nominee_name",
    "nomination__unit_id",
    "nomination__unit__name",
    "nomination__cluster_id",
)


class People:
    """Who to tell, looked up once per sweep (role groups are small; owners in bulk per page)."""

    def __init__(self):
        self._roles = {}
        self._clusters = {}
        self._units = {}
        self._users = {}

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

    def load(self, rows) -> None:
        """Everyone a page may need that is not known yet, in at most three reads: the owners of
        claimed tasks, the clerks of the units and the reviewers of the clusters of its rows (one
        read per unit once made this the sweep's most frequent statement)."""
        owners = {d.owner_id for d in rows if d.owner_id and d.owner_id not in self._users}
        if owners:
            self._users.update(User.objects.in_bulk(owners))
        units = {
            d.unit_id
            for d in rows
            if not d.owner_id and STAGE_BY_KEY[d.stage].scope == Scope.UNIT and d.unit_id not in self._units
        }
        if units:
            found = {unit_id: [] for unit_id in units}
            clerks = User.objects.filter(unit_id__in=units, groups__name=Role.UNIT_CLERK, is_active=True)
            for user in clerks.order_by("pk"):
                found[user.unit_id].append(user)
            self._units.update(found)
        clusters = {
            d.cluster_id
            for d in rows
            if not d.owner_id
            and STAGE_BY_KEY[d.stage].scope == Scope.CLUSTER
            and d.cluster_id not in self._clusters
        }
        if clusters:
            found = {cluster_id: [] for cluster_id in clusters}
            reviewers = User.objects.filter(reviewed_clusters__id__in=clusters, is_active=True).annotate(
                reviewed_cluster_id=F("reviewed_clusters__id")
            )
            for user in reviewers.order_by("pk"):
                found[user.reviewed_cluster_id].append(user)
            self._clusters.update(found)

    def assignees(self, deadline: Due):
        if deadline.owner_id:
            owner = self._users.get(deadline.owner_id)
            return [owner] if owner is not None else []
        stage = STAGE_BY_KEY[deadline.stage]
        if stage.scope == Scope.CLUSTER:
            return self.cluster_reviewers(deadline.cluster_id)
        if stage.scope == Scope.UNIT:
            return self.unit_clerks(deadline.unit_id)
        return self.role(stage.role)

    def recipients(self, deadline: Due, kind):
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
    return qs.exclude(Exists(done)).order_by("pk")


class Messages:
    """The texts of one sweep: each template translated once, each stage label and due date
    formatted once, the page address built once (per event, only the % interpolation is left)."""

    def __init__(self):
        self.templates = {
            Kind.REMINDER: (
                _("Sắp đến hạn: %(stage)s – %(name)s"),
                _("Hồ sơ %(name)s (%(unit)s) cần được xử lý bước “%(stage)s” trước ngày %(due)s."),
            ),
            Kind.OVERDUE: (
                _("Quá hạn: %(stage)s – %(name)s"),
                _("Bước “%(stage)s” của hồ sơ %(name)s (%(unit)s) đã quá hạn ngày %(due)s."),
            ),
            Kind.ESCALATION: (
                _("Báo cáo vượt cấp: %(stage)s – %(name)s"),
                _("Bước “%(stage)s” của hồ sơ %(name)s (%(unit)s) đã quá hạn %(due)s hơn 3 ngày làm việc."),
            ),
        }
        self.stages = {key: str(label) for key, label in TaskDeadline._meta.get_field("stage").flatchoices}
        self._dates = {}
        # reverse() per event cost more than the rest of the message: the address of one dossier
        # with a marker id, the marker replaced by each id.
        marker = "987654321"
        self._url = reverse("nominations:detail", args=[int(marker)]).replace(marker, "%d")

    def due(self, due_at) -> str:
        day = timezone.localtime(due_at).date()
        if day not in self._dates:
            self._dates[day] = formats.date_format(day, "SHORT_DATE_FORMAT")
        return self._dates[day]

    def url(self, nomination_id: int) -> str:
        return self._url % nomination_id

    def text(self, deadline: Due, kind) -> tuple[str, str]:
        values = {
            "stage": self.stages.get(deadline.stage, deadline.stage),
            "name": deadline.name,
            "unit": deadline.unit_name,
            "due": self.due(deadline.due_at),
        }
        title, body = self.templates[kind]
        return title % values, body % values


def _record_page(kind, now, after_pk, people, messages) -> tuple[int, int | None]:
    """One transaction per page of due deadlines: the page read and locked in one statement (rows
    another sweep holds are skipped), the events as a set (the unique (deadline, kind) key settles a
    race with another sweep), the notifications in bulk, one delivery task.

    Returns (events recorded, last id of the page), or (0, None) when nothing is left."""
    with transaction.atomic():
        page = _candidates(kind, now).select_for_update(skip_locked=True, of=("self",))
        if after_pk is not None:
            page = page.filter(pk__gt=after_pk)
        rows = [Due(*row) for row in page.values_list(*COLUMNS)[:BATCH]]
        if not rows:
            return 0, None
        people.load(rows)
        created = timezone.now()
        recipients = {d.pk: people.recipients(d, kind) for d in rows}
        written = insert_returning(
            DeadlineEvent,
            ["deadline_id", "nomination_id", "kind", "recipients", "created_at"],
            [(d.pk, d.nomination_id, kind, [u.username for u in recipients[d.pk]], created) for d in rows],
            conflict="deadline_id, kind",
            returning="deadline_id",
        )
        recorded = {row[0] for row in written}
        notices = []
        for deadline in rows:
            if deadline.pk not in recorded:
                continue  # another sweep told it
            title, body = messages.text(deadline, kind)
            notices.append(
                Notice(
                    recipients=recipients[deadline.pk],
                    kind=f"deadline_{kind}",
                    title=title,
                    body=body,
                    url=messages.url(deadline.nomination_id),
                    nomination_id=deadline.nomination_id,
                    key=f"deadline:{deadline.pk}:{kind}",
                )
            )
        notify_many(notices)
        return len(recorded), rows[-1].pk


def sweep_deadlines(*, now=None) -> dict:
    """Record and notify every reminder, overdue notice and escalation now due."""
    now = now or timezone.now()
    people = People()
    messages = Messages()
    counts = defaultdict(int)
    for kind in (Kind.REMINDER, Kind.OVERDUE, Kind.ESCALATION):
        # Keyset pages, not .iterator(): each page commits on its own, which
        # would close a PostgreSQL server-side cursor under the loop.
        last_pk = None
        while True:
            recorded, last_pk = _record_page(kind, now, last_pk, people, messages)
            if last_pk is None:
                break
            counts[kind] += recorded
    return {kind: counts[kind] for kind in Kind.values}
