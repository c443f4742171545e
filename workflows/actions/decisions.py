"""Signing a decision: every nomination in it awarded in ONE transaction.

The door's ``task.activation()`` opens a transaction per task behind a NOWAIT
row lock, which cannot span many processes. Here one transaction takes, in a
fixed order, the decision and its number counter (``decision_open_for_signing``)
and then every process row (plain blocking ``SELECT … FOR UPDATE``, sorted by
id so two signers cannot deadlock), re-checks each nomination, and completes
each signature task through the door's ``complete``. A reviewer acting on one
of these dossiers meanwhile waits on its NOWAIT retries and is told the
dossier changed; a returned dossier fails the whole decision before anything
is written.
"""

from django.db import transaction
from django.utils.translation import gettext as _
from viewflow.workflow.models import Process

from nominations import services
from nominations.exceptions import InvalidState
from nominations.models import Decision, Role
from nominations.policy.permissions import require_role

from ..flows import NominationFlow
from ..models import NominationProcess
from .door import OPEN_STATUSES, complete


def sign_decision(*, user, decision_id: int, ip: str | None = None) -> Decision:
    require_role(user, Role.LEADER, message=_("Chỉ lãnh đạo UBND tỉnh được ký quyết định."))
    with transaction.atomic():
        decision, lines = services.decision_open_for_signing(decision_id=decision_id, actor=user)
        processes = dict(
            NominationProcess.objects.filter(
                nomination_id__in=[line.nomination_id for line in lines]
            ).values_list("nomination_id", "pk")
        )
        list(Process.objects.select_for_update().filter(pk__in=sorted(processes.values())).order_by("pk"))
        services.decision_check_lines_awaiting(decision=decision)
        for line in lines:
            task = (
                NominationFlow.task_class.objects.filter(
                    process_id=processes[line.nomination_id],
                    flow_task=NominationFlow.signature,
                    status__in=OPEN_STATUSES,
                )
                .order_by("-id")
                .first()
            )
            if task is None:
                raise InvalidState(
                    _("Hồ sơ %(name)s không có bước ký đang mở.") % {"name": line.nominee_name}
                )
            activation = task.flow_task.activation_class(task)
            nomination = activation.process.nomination  # the instance the gateway reads
            nomination.refresh_from_db()
            services.nomination_sign(nomination=nomination, actor=user, decision=decision, ip=ip)
            complete(activation, user, take_over=True)
        services.decision_mark_signed(decision=decision, lines=lines, actor=user, ip=ip)
    return decision
