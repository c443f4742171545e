"""Signing a decision or a proposal, and recording the central result: many nominations, ONE transaction.

The PDF is rendered and signed first, OUTSIDE any transaction (a document of hundreds of titles
takes seconds; a token may wait for its PIN), from the data as signing would set it, with the
register's next number peeked. Then one short transaction takes, in a fixed order, the document
and its number counter (the service, which checks that the PDF still says what the data says, or
raises ``StaleRendering``: we render again, a few times at most), then every process row (plain
blocking ``SELECT … FOR UPDATE``, sorted by id so two signers cannot deadlock), re-checks each
nomination, moves them all in sets (``nominations_conclude``: each its transition and audit
event) and completes their tasks (``complete_many``). A reviewer acting on one of these dossiers
meanwhile waits on its NOWAIT retries and is told the dossier changed; a returned dossier fails
the whole document before anything is written.

The same path serves a provincial decision (the leader), a unit's own
decision (its head, numbered in the unit's register) and the Chairman's
proposal letter to the central level (the nominations are forwarded).
"""

from django.db import transaction
from django.utils.translation import gettext as _

from nominations import services
from nominations.audit import appended_at_end
from nominations.exceptions import InvalidState
from nominations.models import Decision, Nomination, Role
from nominations.policy.permissions import require_role

from .. import announce
from ..flows import TASK_FOR_STATUS, NominationFlow
from ..models import NominationProcess
from .applications import tell_results
from .door import OPEN_STATUSES, bounded_lock_wait, complete, complete_many, races_told_as_changed

# Renderings tried before giving up: another document of the same register taking the number
# while we render costs one more; more than this means the data keeps changing under us.
RENDER_ATTEMPTS = 3


def lock_processes(nomination_ids) -> dict[int, int]:
    """The same rows the door locks (``NominationProcess``, the flow's process class), in id order,
    waiting at most LOCK_WAIT: the door's NOWAIT loses to us, or we wait for it and never cycle."""
    processes = dict(
        NominationProcess.objects.filter(nomination_id__in=list(nomination_ids)).values_list(
            "nomination_id", "pk"
        )
    )
    bounded_lock_wait()
    list(
        NominationProcess.objects.select_for_update(of=("self",))
        .filter(pk__in=sorted(processes.values()))
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    return processes


def open_task_at(process_id: int, node, name: str):
    task = (
        NominationFlow.task_class.objects.filter(
            process_id=process_id, flow_task=node, status__in=OPEN_STATUSES
        )
        .order_by("-id")
        .first()
    )
    if task is None:
        raise InvalidState(_("Hồ sơ %(name)s không có bước đang mở để hoàn thành.") % {"name": name})
    activation = task.flow_task.activation_class(task)
    nomination = activation.process.nomination  # the instance the gateway reads
    nomination.refresh_from_db()
    return activation, nomination


def _open_tasks(processes: dict[int, int], node, lines) -> list:
    """Under the process locks, in one read each: every line's open task at ``node``, its process and
    its fresh nomination (``task.process.nomination``, the instance the gateways read)."""
    tasks = {}
    for task in NominationFlow.task_class.objects.filter(
        process_id__in=list(processes.values()), flow_task=node, status__in=OPEN_STATUSES
    ).order_by("process_id", "-id"):
        tasks.setdefault(task.process_id, task)
    missing = [line.nominee_name for line in lines if processes.get(line.nomination_id) not in tasks]
    if missing:
        raise InvalidState(
            _("Hồ sơ %(name)s không có bước đang mở để hoàn thành.") % {"name": ", ".join(missing)}
        )
    by_pk = NominationProcess.objects.in_bulk(list(processes.values()))
    nominations = Nomination.objects.in_bulk([line.nomination_id for line in lines])
    ordered = []
    for line in lines:
        task = tasks[processes[line.nomination_id]]
        process = by_pk[task.process_id]
        process.nomination = nominations[line.nomination_id]
        task.process = process
        ordered.append(task)
    return ordered


def _rendered_then(render, conclude):
    """Render outside any transaction, then run ``conclude(rendered)`` in one; again if the data
    changed meanwhile (``StaleRendering``), at most RENDER_ATTEMPTS times."""
    with races_told_as_changed():
        for _attempt in range(RENDER_ATTEMPTS):
            rendered = render()
            try:
                return conclude(rendered)
            except services.StaleRendering:
                continue
    raise InvalidState(
        _(
            "Văn bản vừa thay đổi trong lúc ký (số văn bản, ngày hoặc danh sách khen thưởng), nhiều lần liên tiếp: chưa ký, chưa có thay đổi nào. Đề nghị xem lại văn bản và ký lại."
        )
    )


def sign_decision(*, user, decision_id: int, ip: str | None = None, pin: str | None = None) -> Decision:
    """The signer signs a draft decision or proposal with their own certificate.

    Where the issuer has issuance by the văn thư, that is all (the document waits for
    ``issue_decision``); otherwise it is numbered and issued at once (the organisation's
    signature applied automatically) and every nomination is awarded (or forwarded)."""
    require_role(user, Role.LEADER, Role.UNIT_HEAD, message=_("Bạn không có thẩm quyền ký văn bản này."))

    def render():
        return services.decision_render_for_signing(decision_id=decision_id, actor=user, pin=pin)

    def conclude(rendered):
        with transaction.atomic(), appended_at_end():
            decision, lines = services.decision_open_for_signing(
                decision_id=decision_id, actor=user, rendered=rendered
            )
            if services.decision_needs_office(decision):
                # The door's locks: a return or rejection racing this signature loses, or is seen.
                lock_processes(line.nomination_id for line in lines)
                services.decision_check_lines_awaiting(decision=decision)
                services.decision_sign_by_signer(
                    decision=decision, lines=lines, actor=user, rendered=rendered, ip=ip
                )
                announce.after_signed_for_issue(decision=decision)
                return decision
            _conclude(decision, lines, signer=user, actor=user, ip=ip, rendered=rendered)
        return decision

    return _rendered_then(render, conclude)


def issue_decision(*, user, decision_id: int, ip: str | None = None) -> Decision:
    """The văn thư numbers and dates a signed document, applies the organisation's signature and
    issues it: its nominations are awarded (or forwarded) now, in the signer's name."""
    require_role(user, Role.CLERK_OFFICE, message=_("Chỉ văn thư được phát hành văn bản."))

    def render():
        return services.decision_render_for_issue(decision_id=decision_id, actor=user)

    def conclude(rendered):
        with transaction.atomic(), appended_at_end():
            decision, lines = services.decision_open_for_issue(
                decision_id=decision_id, actor=user, rendered=rendered
            )
            _conclude(decision, lines, signer=decision.signer, actor=user, ip=ip, rendered=rendered)
        return decision

    return _rendered_then(render, conclude)


def recall_decision(*, user, decision_id: int, reason: str = "", ip: str | None = None) -> Decision:
    """The signer takes back a document signed but not yet issued."""
    require_role(user, Role.LEADER, Role.UNIT_HEAD, message=_("Bạn không có thẩm quyền thu hồi văn bản này."))
    with races_told_as_changed(), transaction.atomic():
        return services.decision_recall(decision_id=decision_id, actor=user, reason=reason, ip=ip)


def _conclude(decision, lines, *, signer, actor, ip, rendered) -> None:
    """Lock and move every nomination (in the signer's name: the decision is theirs), then issue."""
    processes = lock_processes(line.nomination_id for line in lines)
    services.decision_check_lines_awaiting(decision=decision)
    node = TASK_FOR_STATUS[services.signing_status(decision)]
    tasks = _open_tasks(processes, node, lines)
    concluded = [task.process.nomination for task in tasks]
    services.nominations_conclude(
        nominations=concluded,
        actor=signer,
        decision=decision,
        ip=ip,
        issued_by=actor if actor.pk != signer.pk else None,
    )
    complete_many(tasks, signer)
    services.decision_mark_signed(decision=decision, lines=lines, actor=actor, ip=ip, rendered=rendered)
    # The units learn it when the document is issued (at once where the signature issues it).
    announce.after_signing(decision=decision, nominations=concluded)


def record_proposal_result(
    *, user, proposal_id: int, decision_number: str, decision_date, issuer: str, lines, ip: str | None = None
) -> Decision:
    """The Standing agency records the central decision for some or all lines of a signed proposal.

    Awarded lines enter the award history, not-awarded ones end with the
    reason, returned ones go back to the unit (and, supplemented, up again).
    """
    with races_told_as_changed(), transaction.atomic():
        with appended_at_end():
            proposal, items = _record_results(
                user=user,
                proposal_id=proposal_id,
                decision_number=decision_number,
                decision_date=decision_date,
                issuer=issuer,
                lines=lines,
                ip=ip,
            )
        # After the audit rows are written: the notices name them.
        announce.after_central_result(proposal=proposal, items=items)
        # Cases that started with a citizen: the applicant hears the decision.
        tell_results([line.nomination_id for line, _result, _reason in items])
    return proposal


def _record_results(*, user, proposal_id, decision_number, decision_date, issuer, lines, ip):
    proposal, items = services.proposal_open_for_result(
        proposal_id=proposal_id,
        actor=user,
        decision_number=decision_number,
        decision_date=decision_date,
        issuer=issuer,
        lines=lines,
    )
    processes = lock_processes(line.nomination_id for line, _result, _reason in items)
    node = NominationFlow.central_result
    for line, result, reason in items:
        activation, nomination = open_task_at(processes[line.nomination_id], node, line.nominee_name)
        services.nomination_record_result(
            nomination=nomination, actor=user, line=line, result=result, reason=reason, ip=ip
        )
        complete(activation, user, take_over=True)
    services.proposal_result_recorded(proposal=proposal, items=items, actor=user, ip=ip)
    return proposal, items
