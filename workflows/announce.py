"""Telling people what happened to the dossiers that concern them.

Raised from the door (``workflows.actions``) right after the service has
fired the transition and written its audit event, inside the same
transaction: the notification rows commit (or roll back) with the action, and
their e-mails are queued by ``notify`` with ``transaction.on_commit``. Each
key names the audit event (or the row) that caused it, so a retried action
or a second call tells nobody twice.
"""

from urllib.parse import urlencode

from django.db import connection, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext as _

from nominations.models import AuditEvent, AwardType, Nomination, Role, User
from nominations.policy.stages import ACTION_BY_NAME, STAGE_BY_KEY, stage_for_status
from nominations.services import can_issue

from .notify import Notice, notify, notify_many

S = Nomination.Status


def unit_clerks(nomination) -> list:
    """The clerks of the dossier's unit, and whoever created it (if still active)."""
    people = list(
        User.objects.filter(unit_id=nomination.unit_id, groups__name=Role.UNIT_CLERK, is_active=True)
    )
    if nomination.created_by_id and all(u.pk != nomination.created_by_id for u in people):
        creator = User.objects.filter(pk=nomination.created_by_id, is_active=True).first()
        if creator is not None and creator.unit_id == nomination.unit_id:
            people.append(creator)
    return people


def _role(role: str) -> list:
    return list(User.objects.filter(groups__name=role, is_active=True))


def _stage_people(nomination) -> list:
    """Who may act on the stage the dossier now waits in (the group queue)."""
    stage = stage_for_status(nomination.status)
    if stage is None:
        return []
    return stage_people(stage, unit_id=nomination.unit_id, cluster_id=nomination.cluster_id)


def stage_people(stage, *, unit_id=None, cluster_id=None) -> list:
    """The people who may take a task of ``stage``: its roles (the stage table), within its scope
    (the dossier's unit, the reviewers of its cluster, or the province)."""
    people = User.objects.filter(is_active=True)
    if stage.scope == "unit":
        people = people.filter(unit_id=unit_id, groups__name__in=stage.roles)
    elif stage.scope == "cluster":
        people = people.filter(reviewed_clusters__id=cluster_id, groups__name__in=stage.roles)
    else:
        people = people.filter(groups__name__in=stage.roles)
    return list(people.distinct().order_by("pk"))


def returned_by(nomination) -> User | None:
    """The reviewer who last sent this dossier back, if they may still take it (active, same role)."""
    event = (
        AuditEvent.objects.filter(nomination=nomination, action="return_for_changes")
        .select_related("actor")
        .order_by("-id")
        .first()
    )
    if event is None or event.actor is None or not event.actor.is_active:
        return None
    stage = stage_for_status(nomination.status)
    if stage is not None and not any(event.actor.has_role(r) for r in stage.roles):
        return None
    return event.actor


def _last_event(nomination, action: str) -> AuditEvent | None:
    return AuditEvent.objects.filter(nomination=nomination, action=action).order_by("-id").first()


def _values(nomination, event) -> dict:
    return {
        "name": nomination.nominee_name,
        "award": nomination.award_type.name,
        "unit": nomination.unit.name,
        "actor": (event.actor_name if event else "") or _("(hệ thống)"),
        "comment": (event.comment if event else "") or "",
        "status": nomination.get_status_display(),
    }


def after_action(*, nomination, action: str, from_status: str, event: AuditEvent | None = None) -> None:
    """Tell the people concerned that ``action`` was done on the dossier (called by the door).

    ``event``: the audit row the action has just written, when the caller holds it (else read).
    """
    if event is None:
        event = _last_event(nomination, action)
    if event is None:
        return
    v = _values(nomination, event)
    url = reverse("nominations:detail", args=[nomination.pk])
    recipients, title, body = [], "", ""
    if action == "return_for_changes":
        recipients = unit_clerks(nomination)
        title = _("Hồ sơ bị trả lại: %(name)s") % v
        body = _("%(actor)s trả lại hồ sơ %(name)s (%(award)s) để bổ sung. Ý kiến: “%(comment)s”") % v
    elif action == "resubmit":
        reviewer = returned_by(nomination)
        recipients = [reviewer] if reviewer else _stage_people(nomination)
        title = _("Hồ sơ đã được nộp lại: %(name)s") % v
        body = _("%(unit)s đã bổ sung và nộp lại hồ sơ %(name)s (%(award)s).") % v
        if v["comment"]:
            body += " " + _("Ý kiến: “%(comment)s”") % v
    elif action == "reject" or (action == "record_vote" and nomination.status == S.REJECTED):
        recipients = unit_clerks(nomination)
        title = _("Hồ sơ không được khen thưởng: %(name)s") % v
        body = _("Hồ sơ %(name)s (%(award)s) không được khen thưởng.") % v
        if v["comment"]:
            body += " " + _("Lý do: “%(comment)s”") % v
    elif action in ("approve_cluster", "pass_appraisal", "record_vote"):
        recipients = unit_clerks(nomination)
        stage = stage_for_status(from_status)
        v["stage"] = stage.label if stage else ACTION_BY_NAME[action].event
        title = _("Hồ sơ qua bước %(stage)s: %(name)s") % v
        body = _("Hồ sơ %(name)s (%(award)s) đã qua bước “%(stage)s”; trạng thái hiện tại: %(status)s.") % v
        if v["comment"]:
            body += " " + _("Ý kiến: “%(comment)s”") % v
    elif action == "return_to_council":
        recipients = _stage_people(nomination)
        title = _("Lãnh đạo chuyển lại Hội đồng: %(name)s") % v
        body = _("%(actor)s chuyển hồ sơ %(name)s (%(award)s) lại Hội đồng xem xét. Lý do: “%(comment)s”") % v
    elif action == "withdraw" and from_status != S.DRAFT:
        recipients = _stage_people_for(from_status, nomination)
        title = _("Đơn vị đã rút hồ sơ: %(name)s") % v
        body = _("%(unit)s đã rút hồ sơ %(name)s (%(award)s).") % v
    if not recipients:
        return
    notify(
        recipients=[u for u in recipients if u.pk != event.actor_id],
        kind=f"action_{action}",
        title=title,
        body=body,
        url=url,
        nomination=nomination,
        key=f"event:{event.pk}",
    )


def _stage_people_for(status, nomination) -> list:
    stage = stage_for_status(status)
    if stage is None or stage.scope == "unit":
        return []
    if stage.scope == "cluster":
        return list(User.objects.filter(reviewed_clusters__id=nomination.cluster_id, is_active=True))
    return list(User.objects.filter(groups__name__in=stage.roles, is_active=True).distinct())


# Beyond this many dossiers of one unit in a document, the unit gets one notice for all of them.
SIGNING_NOTICES_PER_UNIT = 5


def after_signing(*, decision, nominations) -> None:
    """Each unit hears that its dossier was awarded (or forwarded); the drafter and the agency head
    hear that the document was signed."""
    proposal = decision.kind == decision.Kind.PROPOSAL
    number = decision.number or "—"
    clerks = {}  # per unit: a decision of hundreds of titles from a few units asks a few times
    awards = AwardType.objects.in_bulk({n.award_type_id for n in nominations})
    items = []
    by_unit = {}
    for nomination in nominations:
        by_unit.setdefault(nomination.unit_id, []).append(nomination)
    for unit_id, theirs in by_unit.items():
        if len(theirs) <= SIGNING_NOTICES_PER_UNIT:
            continue
        # A unit's whole staff in one decision: one notice for the unit, not hundreds.
        v = {"number": number, "count": len(theirs), "award": awards[theirs[0].award_type_id].name}
        title = (
            _("Tờ trình số %(number)s: %(count)s hồ sơ của đơn vị đã trình cấp trên") % v
            if proposal
            else _("Quyết định số %(number)s: %(count)s hồ sơ của đơn vị được khen thưởng") % v
        )
        items.append(
            Notice(
                recipients=unit_clerks(theirs[0]),
                kind="forwarded" if proposal else "awarded",
                title=title,
                body=title,
                url=reverse("nominations:list") + "?" + urlencode({"status": theirs[0].status}),
                nomination_id=None,
                key=f"signed:{decision.pk}:unit{unit_id}",
            )
        )
    for nomination in nominations:
        if len(by_unit[nomination.unit_id]) > SIGNING_NOTICES_PER_UNIT:
            continue
        key = (nomination.unit_id, nomination.created_by_id)
        if key not in clerks:
            clerks[key] = unit_clerks(nomination)
        v = {
            "name": nomination.nominee_name,
            "award": awards[nomination.award_type_id].name,
            "number": number,
        }
        if proposal:
            title = _("Hồ sơ đã trình cấp trên: %(name)s") % v
            body = _("Hồ sơ %(name)s (%(award)s) đã được trình cấp trên theo Tờ trình số %(number)s.") % v
        else:
            title = _("Hồ sơ đã được khen thưởng: %(name)s") % v
            body = _("%(name)s được khen thưởng %(award)s theo Quyết định số %(number)s.") % v
        items.append(
            Notice(
                recipients=clerks[key],
                kind="forwarded" if proposal else "awarded",
                title=title,
                body=body,
                url=reverse("nominations:detail", args=[nomination.pk]),
                nomination_id=nomination.pk,
                key=f"signed:{decision.pk}:n{nomination.pk}",
            )
        )
    notify_many(items)
    people = _role(Role.AGENCY_HEAD)
    if decision.created_by_id:
        people += list(User.objects.filter(pk=decision.created_by_id))
    v = {"number": number, "title": decision.title, "count": len(nominations)}
    notify(
        recipients=[u for u in people if u.pk != decision.signer_id],
        kind="decision_signed",
        title=_("Văn bản số %(number)s đã được ký") % v,
        body=_("Văn bản số %(number)s “%(title)s” đã được ký, gồm %(count)s hồ sơ.") % v,
        url=reverse("nominations:decision_detail", args=[decision.pk]),
        key=f"decision_signed:{decision.pk}",
    )


def after_central_result(*, proposal, items) -> None:
    """Each unit hears the central level's answer for its dossier."""
    for line, result, reason in items:
        nomination = Nomination.objects.select_related("award_type", "unit").get(pk=line.nomination_id)
        v = {
            "name": nomination.nominee_name,
            "award": nomination.award_type.name,
            "number": line.result_decision_number,
            "reason": reason or "",
        }
        if nomination.status == S.AWARDED:
            title = _("Hồ sơ đã được khen thưởng: %(name)s") % v
            body = _("Cấp trên đã khen thưởng %(name)s (%(award)s) theo Quyết định số %(number)s.") % v
        elif nomination.status == S.RETURNED:
            title = _("Hồ sơ bị trả lại: %(name)s") % v
            body = _("Cấp trên trả lại hồ sơ %(name)s (%(award)s) để bổ sung. Ý kiến: “%(reason)s”") % v
        else:
            title = _("Hồ sơ không được khen thưởng: %(name)s") % v
            body = _("Cấp trên không khen thưởng %(name)s (%(award)s). Lý do: “%(reason)s”") % v
        event = AuditEvent.objects.filter(nomination=nomination).order_by("-id").first()
        notify(
            recipients=unit_clerks(nomination),
            kind=f"central_{result}",
            title=title,
            body=body,
            url=reverse("nominations:detail", args=[nomination.pk]),
            nomination=nomination,
            key=f"event:{event.pk}" if event else f"central:{proposal.pk}:n{nomination.pk}",
        )


def after_public_comment(*, comment) -> None:
    """Whoever opened the public window, and the appraisers, hear of a citizen's comment."""
    disclosure = comment.disclosure
    nomination = disclosure.nomination
    people = list(User.objects.filter(pk=disclosure.created_by_id, is_active=True))
    people += list(User.objects.filter(groups__name=STAGE_BY_KEY["appraisal"].role, is_active=True))
    v = {"name": nomination.nominee_name, "who": comment.name}
    notify(
        recipients=people,
        kind="public_comment",
        title=_("Có ý kiến nhân dân về hồ sơ %(name)s") % v,
        body=_("%(who)s góp ý về hồ sơ %(name)s trong thời gian công khai.") % v,
        url=reverse("nominations:detail", args=[nomination.pk]) + "#disclosure",
        nomination=nomination,
        key=f"public_comment:{comment.pk}",
    )


def after_extension(*, extension) -> None:
    """The unit's clerks hear that they may still submit, until when, and why."""
    what = extension.award_type.name if extension.award_type_id else extension.movement.name
    v = {"what": what, "until": extension.until.strftime("%d/%m/%Y"), "reason": extension.reason}
    people = User.objects.filter(
        Q(unit_id=extension.unit_id), groups__name=Role.UNIT_CLERK, is_active=True
    ).distinct()
    notify(
        recipients=list(people),
        kind="extension_granted",
        title=_("Được gia hạn nộp hồ sơ đến %(until)s") % v,
        body=_("Đơn vị được nộp hồ sơ %(what)s đến hết ngày %(until)s. Lý do: %(reason)s") % v,
        url=reverse("queues:unit"),
        key=f"extension:{extension.pk}",
    )


# --- new work announces itself ---------------------------------------------------------

# Beyond this many dossiers arriving at once for the same people (a unit's batch), one notice says
# how many and links to the filtered queue.
ARRIVALS_PER_NOTICE = 5


def arrived(nomination_id: int) -> None:
    """The dossier has just reached a new stage (its task is created inside this transaction):
    once the transaction commits, one background job tells the people who may take it. Many
    dossiers in one transaction (a batch) make one job; nothing is read or written here, so a
    completion through the door costs no statement more."""
    if not connection.in_atomic_block:
        enqueue_arrivals([nomination_id])  # nothing to wait for
        return
    pending = getattr(connection, "_tdkt_arrivals", None)
    # The list of the current transaction, while its commit hook is still registered (a rollback
    # discards the hook, and with it this list).
    if pending is None or not any(entry[1] == pending.flush for entry in connection.run_on_commit):
        pending = _Arrivals()
        connection._tdkt_arrivals = pending
        transaction.on_commit(pending.flush)
    pending.ids.append(nomination_id)


class _Arrivals:
    def __init__(self):
        self.ids = []

    def flush(self):
        if getattr(connection, "_tdkt_arrivals", None) is self:
            connection._tdkt_arrivals = None
        if self.ids:
            enqueue_arrivals(sorted(set(self.ids)))


def enqueue_arrivals(nomination_ids: list[int]) -> None:
    from django_q.tasks import async_task

    async_task(
        "workflows.tasks.announce_arrivals",
        nomination_ids,
        task_name=f"arrivals-{nomination_ids[0]}-{len(nomination_ids)}",
    )


def announce_arrivals(nomination_ids) -> int:
    """Tell the people of each dossier's new stage that it waits for them (idempotent: one key per
    task, so a job run twice tells nobody twice). A task already taken (a resubmission handed back
    to the reviewer who returned it) was told by ``after_action``; a returned dossier's clerks
    were told of the return. Returns the notices written."""
    from .models import TaskDeadline

    deadlines = list(
        TaskDeadline.objects.filter(
            nomination_id__in=list(nomination_ids), closed_at__isnull=True, owner__isnull=True
        )
        .exclude(stage="revise")
        .select_related("nomination__award_type", "nomination__unit")
        .order_by("task_id")
    )
    groups: dict[tuple, list] = {}
    for deadline in deadlines:
        stage = STAGE_BY_KEY.get(deadline.stage)
        if stage is None:
            continue
        n = deadline.nomination
        scope = n.unit_id if stage.scope == "unit" else n.cluster_id if stage.scope == "cluster" else None
        groups.setdefault((stage.key, scope, n.unit_id), []).append(deadline)
    people_of = {}
    notices = []
    for (key, scope, unit_id), items in groups.items():
        stage = STAGE_BY_KEY[key]
        if (key, scope) not in people_of:
            people_of[key, scope] = stage_people(
                stage,
                unit_id=scope if stage.scope == "unit" else None,
                cluster_id=scope if stage.scope == "cluster" else None,
            )
        people = people_of[key, scope]
        if not people:
            continue
        queue = queue_url(stage.key)
        if len(items) > ARRIVALS_PER_NOTICE:
            first = items[0].nomination
            v = {"count": len(items), "unit": first.unit.name, "stage": stage.label}
            title = _("%(count)s hồ sơ của %(unit)s chờ bước %(stage)s") % v
            notices.append(
                Notice(
                    recipients=people,
                    kind="arrival",
                    title=title,
                    body=title,
                    url=queue + "&" + urlencode({"unit": unit_id}),
                    nomination_id=None,
                    key=f"arrival:{key}:t{items[0].task_id}:n{len(items)}",
                )
            )
            continue
        for deadline in items:
            n = deadline.nomination
            v = {
                "name": n.nominee_name,
                "award": n.award_type.name,
                "unit": n.unit.name,
                "stage": stage.label,
                "due": deadline.due_at.strftime("%d/%m/%Y"),
            }
            notices.append(
                Notice(
                    recipients=people,
                    kind="arrival",
                    title=_("Hồ sơ mới chờ %(stage)s: %(name)s") % v,
                    body=_("Hồ sơ %(name)s (%(award)s) của %(unit)s chờ bước “%(stage)s”, hạn %(due)s.") % v,
                    url=reverse("nominations:detail", args=[n.pk]),
                    nomination_id=n.pk,
                    key=f"arrival:t{deadline.task_id}",
                )
            )
    return len(notify_many(notices)) if notices else 0


SIGNATURE_STAGES = ("signature", "unit_signature", "proposal")


def queue_url(stage_key: str) -> str:
    """The queue where a stage's work is taken: the signature queue for signatures, else the work
    queue filtered on the stage."""
    if stage_key in SIGNATURE_STAGES:
        return reverse("queues:signature") + "?" + urlencode({"stage": stage_key})
    return reverse("queues:my_work") + "?" + urlencode({"q": "queue", "stage": stage_key})


def after_signed_for_issue(*, decision) -> None:
    """A document signed and waiting for the văn thư: the văn thư of the office are told."""
    v = {"number": decision.title, "signer": decision.signer.get_full_name() if decision.signer_id else ""}
    notify(
        # The văn thư of the issuing organisation only (a unit's own, or the provincial office's).
        recipients=[u for u in _role(Role.CLERK_OFFICE) if can_issue(u, decision)],
        kind="arrival_issue",
        title=_("Văn bản chờ phát hành: %(number)s") % v,
        body=_("%(signer)s đã ký văn bản “%(number)s”; văn bản chờ cấp số và phát hành.") % v,
        url=reverse("nominations:issuance_queue"),
        key=f"to_issue:{decision.pk}:{decision.signed_at.isoformat() if decision.signed_at else ''}",
    )
