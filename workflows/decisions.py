"""Signing a decision: every nomination in it awarded in ONE transaction.

The door's ``task.activation()`` opens a transaction per task behind a NOWAIT
row lock, which cannot span many processes. Here one transaction takes, in a
fixed order, the number counter's lock and then every process row (plain
blocking ``SELECT … FOR UPDATE``, sorted by id so two signers cannot
deadlock), re-checks each nomination, and completes each signature task with
its activation directly. A reviewer acting on one of these dossiers meanwhile
waits on its NOWAIT retries and is told the dossier changed; a returned
dossier fails the whole decision before anything is written.
"""

import hashlib

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from viewflow.workflow.models import Process

from nominations import services
from nominations.audit import record_event
from nominations.decision_pdf import render_decision
from nominations.decisions import take_next_number
from nominations.exceptions import InvalidState, NotPermitted
from nominations.models import AwardRecord, Decision, Nomination, Role
from nominations.signing import sign_pdf

from .actions import OPEN_STATUSES
from .due import close_deadlines
from .flows import NominationFlow
from .models import NominationProcess


def sign_decision(*, user, decision_id: int, ip: str | None = None) -> Decision:
    if not (user.is_superuser or user.has_role(Role.LEADER)):
        raise NotPermitted(_("Chỉ lãnh đạo UBND tỉnh được ký quyết định."))
    with transaction.atomic():
        decision = Decision.objects.select_for_update().get(pk=decision_id)
        if decision.status != Decision.Status.DRAFT:
            raise InvalidState(_("Quyết định này đã được ký hoặc đã hủy."))
        if decision.signer_id and decision.signer_id != user.pk:
            raise NotPermitted(
                _("Quyết định này do %(name)s ký.") % {"name": decision.signer.get_full_name()}
            )
        lines = list(decision.lines.select_related("award_type").order_by("position"))
        number = take_next_number(issuer_symbol=decision.issuer_symbol, year=decision.year)

        processes = dict(
            NominationProcess.objects.filter(
                nomination_id__in=[line.nomination_id for line in lines]
            ).values_list("nomination_id", "pk")
        )
        list(Process.objects.select_for_update().filter(pk__in=sorted(processes.values())).order_by("pk"))
        stale = Nomination.objects.filter(pk__in=[line.nomination_id for line in lines]).exclude(
            status=Nomination.Status.AWAITING_SIGNATURE
        )
        if stale.exists():
            names = ", ".join(stale.values_list("nominee_name", flat=True))
            raise InvalidState(
                _(
                    "Không ký được: hồ sơ %(names)s không còn ở trạng thái chờ ký (có thể vừa được trả lại). Quyết định chưa được ký, chưa có thay đổi nào."
                )
                % {"names": names}
            )

        today = timezone.localdate()
        decision.sequence = number
        decision.number = f"{number}/{decision.issuer_symbol}"
        decision.decision_date = today
        decision.signed_at = timezone.now()
        decision.signer = user
        decision.signer_title = user.position
        task_ids = []
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
            services.nomination_sign(
                nomination=nomination, actor=user, decision_number=decision.number, decision_date=today, ip=ip
            )
            AwardRecord.objects.filter(nomination=nomination).update(decision=decision)
            if activation.assign.can_proceed():
                activation.assign(user)
            elif activation.task.owner_id != user.pk:
                activation.reassign(user)
            activation.start(None)
            activation.execute()
            task_ids.append(task.pk)
        close_deadlines(task_ids=task_ids)

        pdf = sign_pdf(
            render_decision(decision, lines, day=today),
            reason=f"Ký ban hành Quyết định số {decision.number}",
            location=decision.issuer_name,
        )
        decision.sha256 = hashlib.sha256(pdf).hexdigest()
        decision.pdf.save(f"QD-{number}-{decision.year}.pdf", ContentFile(pdf), save=False)
        decision.status = Decision.Status.SIGNED
        decision.save()
        record_event(
            action="decision_sign",
            actor=user,
            ip=ip,
            data={"decision": decision.number, "sha256": decision.sha256, "nominations": list(processes)},
        )
    return decision
