"""The deadline sweep: reminders, overdue notices and escalations, each once.

Run every minute by django-q2 (``workflows.tasks.run_sweep``). Candidates
come from partial indexes on open deadlines; the (deadline, kind) unique
constraint is the idempotency key, so two sweeps at once, or a worker killed
and retried, record and send each event exactly once.

Two kinds of subject share it: a dossier's task (``TaskDeadline``) and what a movement asks of a
unit (``RequestDeadline``: its plan, its report, the Standing agency's answer). Each is a
``Source``: its candidates, its columns, its event's key and its page; the rest (pages, recipients,
events, notices) is one code path.
"""

from collections import defaultdict
from typing import NamedTuple

from django.db import transaction
from django.db.models import Exists, F, OuterRef
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from nominations.models import Role, User
from nominations.policy.requests import REQUEST_STAGE_BY_KEY
from nominations.policy.stages import STAGE_BY_KEY, Scope

from .models import DeadlineEvent, RequestDeadline, TaskDeadline
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


REQUEST_COLUMNS = (
    "pk",
    "request_id",
    "stage",
    "due_at",
    "request__movement__name",
    "unit_id",
    "unit__name",
)


def _stage(key: str):
    """The row of the stage table (a dossier's) or of the requests' table that ``key`` names."""
    return STAGE_BY_KEY.get(key) or REQUEST_STAGE_BY_KEY[key]


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
            if not d.owner_id and _stage(d.stage).scope == Scope.UNIT and d.unit_id not in self._units
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
            and _stage(d.stage).scope == Scope.CLUSTER
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
        stage = _stage(deadline.stage)
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
        if _stage(deadline.stage).role == Role.LEADER:
            people += self.role(Role.LEADER)
        return people


def _candidates(kind, now, model=TaskDeadline, event_field="deadline"):
    done = DeadlineEvent.objects.filter(**{event_field: OuterRef("pk")}, kind=kind)
    qs = model.objects.filter(closed_at__isnull=True)
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
        self.request_templates = {
            Kind.REMINDER: (
                _("Sắp đến hạn: %(stage)s – %(name)s"),
                _("%(unit)s: “%(stage)s” của phong trào %(name)s trước ngày %(due)s."),
            ),
            Kind.OVERDUE: (
                _("Quá hạn: %(stage)s – %(name)s"),
                _("%(unit)s: “%(stage)s” của phong trào %(name)s đã quá hạn ngày %(due)s."),
            ),
            Kind.ESCALATION: (
                _("Báo cáo vượt cấp: %(stage)s – %(name)s"),
                _("%(unit)s: “%(stage)s” của phong trào %(name)s đã quá hạn %(due)s hơn 3 ngày làm việc."),
            ),
        }
        self.stages = {key: str(label) for key, label in TaskDeadline._meta.get_field("stage").flatchoices}
        self.stages.update(
            {key: str(label) for key, label in RequestDeadline._meta.get_field("stage").flatchoices}
        )
        self._dates = {}
        # reverse() per event cost more than the rest of the message: the address of one dossier
        # with a marker id, the marker replaced by each id.
        marker = "987654321"
        self._url = reverse("nominations:detail", args=[int(marker)]).replace(marker, "%d")
        self._request_url = reverse("movements:request", args=[int(marker)]).replace(marker, "%d")

    def due(self, due_at) -> str:
        day = timezone.localtime(due_at).date()
        if day not in self._dates:
            self._dates[day] = formats.date_format(day, "SHORT_DATE_FORMAT")
        return self._dates[day]

    def url(self, nomination_id: int) -> str:
        return self._url % nomination_id

    def request_url(self, request_id: int) -> str:
        return self._request_url % request_id

    def text(self, deadline: Due, kind, templates=None) -> tuple[str, str]:
        values = {
            "stage": self.stages.get(deadline.stage, deadline.stage),
            "name": deadline.name,
            "unit": deadline.unit_name,
            "due": self.due(deadline.due_at),
        }
        title, body = (templates or self.templates)[kind]
        return title % values, body % values


class TaskSource:
    """A dossier's task: told on the dossier's page, keyed as it always was."""

    model = TaskDeadline
    event_field = "deadline"
    event_columns = ["deadline_id", "nomination_id", "kind", "recipients", "created_at"]
    conflict = "deadline_id, kind"

    def rows(self, page):
        return [Due(*row) for row in page.values_list(*COLUMNS)[:BATCH]]

    def event(self, d, kind, usernames, created):
        return (d.pk, d.nomination_id, kind, usernames, created)

    def notice(self, d, kind, recipients, messages) -> Notice:
        title, body = messages.text(d, kind)
        return Notice(
            recipients=recipients,
            kind=f"deadline_{kind}",
            title=title,
            body=body,
            url=messages.url(d.nomination_id),
            nomination_id=d.nomination_id,
            key=f"deadline:{d.pk}:{kind}",
        )


class RequestSource:
    """What a movement asks of a unit: told on the request's page; ``nomination_id`` of the row
    carries the request's id (the columns the recipients need are the same)."""

    model = RequestDeadline
    event_field = "request_deadline"
    event_columns = ["request_deadline_id", "kind", "recipients", "created_at"]
    conflict = "request_deadline_id, kind"

    def rows(self, page):
        return [
            Due(pk, request_id, stage, due_at, None, name, unit_id, unit_name, None)
            for pk, request_id, stage, due_at, name, unit_id, unit_name in page.values_list(*REQUEST_COLUMNS)[
                :BATCH
            ]
        ]

    def event(self, d, kind, usernames, created):
        return (d.pk, kind, usernames, created)

    def notice(self, d, kind, recipients, messages) -> Notice:
        title, body = messages.text(d, kind, messages.request_templates)
        return Notice(
            recipients=recipients,
            kind=f"deadline_{kind}",
            title=title,
            body=body,
            url=messages.request_url(d.nomination_id),
            nomination_id=None,
            key=f"request-deadline:{d.pk}:{kind}",
        )


SOURCES = (TaskSource(), RequestSource())


def _record_page(kind, now, after_pk, people, messages, source=SOURCES[0]) -> tuple[int, int | None]:
    """One transaction per page of due deadlines: the page read and locked in one statement (rows
    another sweep holds are skipped), the events as a set (the unique (deadline, kind) key settles a
    race with another sweep), the notifications in bulk, one delivery task.

    Returns (events recorded, last id of the page), or (0, None) when nothing is left."""
    with transaction.atomic():
        page = _candidates(kind, now, source.model, source.event_field).select_for_update(
            skip_locked=True, of=("self",)
        )
        if after_pk is not None:
            page = page.filter(pk__gt=after_pk)
        rows = source.rows(page)
        if not rows:
            return 0, None
        people.load(rows)
        created = timezone.now()
        recipients = {d.pk: people.recipients(d, kind) for d in rows}
        written = insert_returning(
            DeadlineEvent,
            source.event_columns,
            [source.event(d, kind, [u.username for u in recipients[d.pk]], created) for d in rows],
            conflict=source.conflict,
            returning=source.event_columns[0],
        )
        recorded = {row[0] for row in written}
        notices = [
            source.notice(d, kind, recipients[d.pk], messages)
            for d in rows
            if d.pk in recorded  # else another sweep told it
        ]
        notify_many(notices)
        return len(recorded), rows[-1].pk


def sweep_deadlines(*, now=None) -> dict:
    """Record and notify every reminder, overdue notice and escalation now due."""
    now = now or timezone.now()
    people = People()
    messages = Messages()
    counts = defaultdict(int)
    for source in SOURCES:
        for kind in (Kind.REMINDER, Kind.OVERDUE, Kind.ESCALATION):
            # Keyset pages, not .iterator(): each page commits on its own, which
            # would close a PostgreSQL server-side cursor under the loop.
            last_pk = None
            while True:
                recorded, last_pk = _record_page(kind, now, last_pk, people, messages, source)
                if last_pk is None:
                    break
                counts[kind] += recorded
    return {kind: counts[kind] for kind in Kind.values}
