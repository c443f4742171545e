"""Signing a decision or a proposal, and recording the central result: many nominations, ONE transaction.

The door's ``task.activation()`` opens a transaction per task behind a NOWAIT
row lock, which cannot span many processes. Here one transaction takes, in a
fixed order, the document and its number counter (the service) and then every
process row (plain blocking ``SELECT … FOR UPDATE``, sorted by id so two
signers cannot deadlock), re-checks each nomination, and completes each task
through the door's ``complete``. A reviewer acting on one of these dossiers
meanwhile waits on its NOWAIT retries and is told the dossier changed; a
returned dossier fails the whole document before anything is written.

The same path serves a provincial decision (the leader), a unit's own
decision (its head, numbered in the unit's register) and the Chairman's
proposal letter to the central level (the nominations are forwarded).
"""

from django.db import transaction
from django.utils.translation import gettext as _

from nominations import services
from nominations.audit import appended_at_end
from nominations.exceptions import InvalidState
from nominations.models import Decision, Role
from nominations.policy.permissions import require_role

from ..flows import TASK_FOR_STATUS, NominationFlow
from ..models import NominationProcess
from .door import OPEN_STATUSES, bounded_lock_wait, complete, races_told_as_changed


def _lock_processes(nomination_ids) -> dict[int, int]:
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


def _open_task(process_id: int, node, name: str):
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


def sign_decision(*, user, decision_id: int, ip: str | None = None) -> Decision:
    """Sign a draft decision or proposal: every nomination in it is awarded (or forwarded)."""
    require_role(user, Role.LEADER, Role.UNIT_HEAD, message=_("Bạn không có thẩm quyền ký văn bản này."))
    with races_told_as_changed(), transaction.atomic(), appended_at_end():
        decision, lines = services.decision_open_for_signing(decision_id=decision_id, actor=user)
        processes = _lock_processes(line.nomination_id for line in lines)
        services.decision_check_lines_awaiting(decision=decision)
        node = TASK_FOR_STATUS[services.signing_status(decision)]
        proposal = decision.kind == Decision.Kind.PROPOSAL
        for line in lines:
            activation, nomination = _open_task(processes[line.nomination_id], node, line.nominee_name)
            if proposal:
                services.nomination_forward(nomination=nomination, actor=user, proposal=decision, ip=ip)
            else:
                services.nomination_sign(nomination=nomination, actor=user, decision=decision, ip=ip)
            complete(activation, user, take_over=True)
        services.decision_mark_signed(decision=decision, lines=lines, actor=user, ip=ip)
    return decision


def record_proposal_result(
    *, user, proposal_id: int, decision_number: str, decision_date, issuer: str, lines, ip: str | None = None
) -> Decision:
    """The Standing agency records the central decision for some or all lines of a signed proposal.

    Awarded lines enter the award history, not-awarded ones end with the
    reason, returned ones go back to the unit (and, supplemented, up again).
    """
    with races_told_as_changed(), transaction.atomic(), appended_at_end():
        proposal, items = services.proposal_open_for_result(
            proposal_id=proposal_id,
            actor=user,
            decision_number=decision_number,
            decision_date=decision_date,
            issuer=issuer,
            lines=lines,
        )
        processes = _lock_processes(line.nomination_id for line, _result, _reason in items)
        node = NominationFlow.central_result
        for line, result, reason in items:
            activation, nomination = _open_task(processes[line.nomination_id], node, line.nominee_name)
            services.nomination_record_result(
                nomination=nomination, actor=user, line=line, result=result, reason=reason, ip=ip
            )
            complete(activation, user, take_over=True)
        services.proposal_result_recorded(proposal=proposal, items=items, actor=user, ip=ip)
    return proposal
