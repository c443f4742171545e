"""Award decisions: drafts with reward lines, gap-free numbering, cancellation."""

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .audit import record_event
from .exceptions import InvalidInput, InvalidState, NotPermitted
from .models import AwardRecord, Decision, DecisionCounter, DecisionLine, Nomination, Role, User
from .rewards import base_salary_on, reward_amount
from .selectors import nominations_visible_to

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
    if not (actor.is_superuser or actor.has_role(Role.LEADER)):
        raise NotPermitted(_("Chỉ lãnh đạo UBND tỉnh được lập quyết định khen thưởng."))
    ids = sorted({int(i) for i in nomination_ids})
    if not ids:
        raise InvalidInput(_("Hãy chọn ít nhất một hồ sơ."))
    chosen = list(
        nominations_visible_to(actor)
        .filter(pk__in=ids, status=Nomination.Status.AWAITING_SIGNATURE)
        .select_related("unit", "award_type")
        .order_by("award_type__name", "nominee_name")
    )
    if len(chosen) != len(ids):
        raise InvalidState(
            _("Có hồ sơ không còn ở trạng thái chờ ký (vừa được trả lại hoặc đã ký). Vui lòng chọn lại.")
        )
    signer = signer or actor
    if not (signer.has_role(Role.LEADER) or signer.is_superuser):
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
    total = 0
    for position, n in enumerate(chosen, start=1):
        amount = reward_amount(
            coefficient=n.award_type.reward_coefficient, nominee_kind=n.nominee_kind, base_salary=base
        )
        total += amount
        DecisionLine.objects.create(
            decision=decision,
            nomination=n,
            position=position,
            nominee_name=n.nominee_name,
            unit_name=n.unit.name,
            award_type=n.award_type,
            coefficient=n.award_type.reward_coefficient,
            base_salary=base,
            multiplier="1.5" if n.nominee_kind == "household" else "1",
            amount=amount,
        )
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
    if not (actor.is_superuser or actor.has_role(Role.LEADER)):
        raise NotPermitted()
    reason = (reason or "").strip()
    if not reason:
        raise InvalidInput(_("Phải ghi lý do hủy quyết định."), fields={"reason": _("Bắt buộc.")})
    decision = Decision.objects.select_for_update().get(pk=decision.pk)
    if decision.status != Decision.Status.SIGNED:
        raise InvalidState(_("Chỉ hủy được quyết định đã ký."))
    revoked = AwardRecord.objects.filter(decision=decision, revoked=False).update(
        revoked=True, revoked_reason=reason
    )
    decision.status = Decision.Status.CANCELLED
    decision.cancelled_at = timezone.now()
    decision.cancel_reason = reason
    decision.save(update_fields=["status", "cancelled_at", "cancel_reason"])
    record_event(
        action="decision_cancel",
        actor=actor,
        comment=reason,
        ip=ip,
        data={"decision": decision.number, "revoked": revoked},
    )
    return decision
