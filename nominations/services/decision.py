"""Award decisions: drafts with reward lines, gap-free numbering, signing, cancellation.

Signing spans many nominations and their tasks, so the engine
(``workflows.actions.sign_decision``) runs it in one transaction and calls,
in order: ``decision_open_for_signing`` (lock, number), the nominations'
``nomination_sign`` one by one, then ``decision_mark_signed`` (PDF, PAdES,
the protected status transition, the audit event).
"""

import hashlib

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ..audit import record_event
from ..exceptions import InvalidInput, InvalidState, NotPermitted
from ..models import AwardRecord, Decision, DecisionCounter, DecisionLine, Nomination, Role, User
from ..policy.permissions import has_any_role, require_role
from ..policy.rewards import base_salary_on, reward_lines
from ..publishing.decision_pdf import render_decision
from ..publishing.signing import sign_pdf
from ..selectors import decision_candidates

DEFAULT_LEGAL_BASES = [
    "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 02 năm 2025;",
    "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;",
    "Căn cứ Nghị định số 152/2025/NĐ-CP ngày 26 tháng 6 năm 2025 của Chính phủ quy định chi tiết "
    "một số điều của Luật Thi đua, khen thưởng;",
    "Theo đề nghị của Trưởng Ban Thi đua - Khen thưởng tỉnh.",
]


@transaction.atomic
def decision_create_draft(
    *, actor, nomination_ids, signer=None, title: str = "", legal_bases=None
) -> Decision:
    """A leader's draft over nominations awaiting signature; amounts on today's base salary."""
    require_role(actor, Role.LEADER, message=_("Chỉ lãnh đạo UBND tỉnh được lập quyết định khen thưởng."))
    chosen = decision_candidates(user=actor, nomination_ids=nomination_ids)
    ids = [n.pk for n in chosen]
    signer = signer or actor
    if not has_any_role(signer, Role.LEADER):
        raise InvalidInput(_("Người ký phải là Chủ tịch hoặc Phó Chủ tịch UBND tỉnh."))
    today = timezone.localdate()
    base = base_salary_on(today)
    awards = sorted({n.award_type.name for n in chosen})
    decision = Decision.objects.create(
        year=today.year,
        title=title or _("Về việc khen thưởng %(awards)s") % {"awards": ", ".join(awards)},
        legal_bases=legal_bases or DEFAULT_LEGAL_BASES,
        signer=signer,
        signer_title=signer.position,
        created_by=actor,
    )
    lines = reward_lines(chosen, base_salary=base)
    for position, line in enumerate(lines, start=1):
        n = line["nomination"]
        DecisionLine.objects.create(
            decision=decision,
            nomination=n,
            position=position,
            nominee_name=n.nominee_name,
            unit_name=n.unit.name,
            award_type=n.award_type,
            coefficient=line["coefficient"],
            base_salary=base,
            multiplier=line["multiplier"],
            amount=line["amount"],
        )
    total = sum(line["amount"] for line in lines)
    decision.total_amount = total
    decision.save(update_fields=["total_amount"])
    record_event(action="decision_draft", actor=actor, data={"decision": decision.pk, "nominations": ids})
    return decision


def take_next_number(*, issuer_symbol: str, year: int) -> int:
    """The next number for the issuer and year, under a row lock (call inside the signing transaction).

    Taken only when a decision is signed, in the same transaction: a failed
    signature rolls the number back, so numbers have no gaps.
    """
    try:
        with transaction.atomic():
            DecisionCounter.objects.get_or_create(issuer_symbol=issuer_symbol, year=year)
    except IntegrityError:
        pass  # another signer created it a moment ago
    counter = DecisionCounter.objects.select_for_update().get(issuer_symbol=issuer_symbol, year=year)
    counter.last += 1
    counter.save(update_fields=["last"])
    return counter.last


@transaction.atomic
def decision_cancel(*, decision: Decision, actor: User, reason: str, ip: str | None = None) -> Decision:
    """Cancel (hủy/thu hồi) a signed decision: its awards are revoked and recorded, not deleted."""
    require_role(actor, Role.LEADER)
    reason = (reason or "").strip()
    if not reason:
        raise InvalidInput(_("Phải ghi lý do hủy quyết định."), fields={"reason": _("Bắt buộc.")})
    decision = Decision.objects.select_for_update().get(pk=decision.pk)
    if decision.status != Decision.Status.SIGNED:
        raise InvalidState(_("Chỉ hủy được quyết định đã ký."))
    revoked = AwardRecord.objects.filter(decision=decision, revoked=False).update(
        revoked=True, revoked_reason=reason
    )
    decision.cancel(reason=reason)
    decision.save()
    record_event(
        action="decision_cancel",
        actor=actor,
        comment=reason,
        ip=ip,
        data={"decision": decision.number, "revoked": revoked},
    )
    return decision


def decision_open_for_signing(*, decision_id: int, actor) -> tuple[Decision, list[DecisionLine]]:
    """Lock the draft, check the signer, and give it the next number of its register.

    Call inside the signing transaction (the engine's): the number is rolled
    back with everything else if the signature fails, so numbers have no gaps.
    """
    assert transaction.get_connection().in_atomic_block, "signing runs in one transaction"
    decision = Decision.objects.select_for_update().get(pk=decision_id)
    if decision.status != Decision.Status.DRAFT:
        raise InvalidState(_("Quyết định này đã được ký hoặc đã hủy."))
    if decision.signer_id and decision.signer_id != actor.pk:
        raise NotPermitted(_("Quyết định này do %(name)s ký.") % {"name": decision.signer.get_full_name()})
    lines = list(decision.lines.select_related("award_type").order_by("position"))
    number = take_next_number(issuer_symbol=decision.issuer_symbol, year=decision.year)
    decision.sequence = number
    decision.number = f"{number}/{decision.issuer_symbol}"
    decision.decision_date = timezone.localdate()
    decision.signed_at = timezone.now()
    decision.signer = actor
    decision.signer_title = actor.position
    return decision, lines


def decision_check_lines_awaiting(*, decision: Decision) -> None:
    """Refuse the whole decision if any of its dossiers left the signature stage meanwhile."""
    stale = Nomination.objects.filter(pk__in=decision.lines.values("nomination_id")).exclude(
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


def decision_mark_signed(*, decision: Decision, lines, actor, ip: str | None = None) -> Decision:
    """Render the decision, sign it (PAdES), store it and its hash: the decision is signed."""
    assert transaction.get_connection().in_atomic_block, "signing runs in one transaction"
    pdf = sign_pdf(
        render_decision(decision, lines, day=decision.decision_date),
        reason=f"Ký ban hành Quyết định số {decision.number}",
        location=decision.issuer_name,
    )
    decision.sign(
        pdf_name=f"QD-{decision.sequence}-{decision.year}.pdf",
        pdf=pdf,
        sha256=hashlib.sha256(pdf).hexdigest(),
    )
    decision.save()
    record_event(
        action="decision_sign",
        actor=actor,
        ip=ip,
        data={
            "decision": decision.number,
            "sha256": decision.sha256,
            "nominations": [line.nomination_id for line in lines],
        },
    )
    return decision
