"""How a dossier ends well: signed in a decision, forwarded in a proposal, or decided centrally.

Fired by the engine for many nominations in one transaction (a decision, a proposal,
a recorded central result); each writes its audit event like every transition.
"""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ..exceptions import DossierChanged, InvalidInput
from ..models import AwardRecord, Comment, Decision, Nomination
from ..text import normalize_search
from .application import application_follow
from .dossier import free_initiative
from .nomination import audit_transition, ensure_transition, fire_transition, thread_comment


def _award_record(
    nomination: Nomination, *, number: str, day, decision=None, issuer: str = ""
) -> AwardRecord:
    """The award enters the history the eligibility rules read."""
    return AwardRecord.objects.create(
        nominee_kind=nomination.nominee_kind,
        nominee_name=nomination.nominee_name,
        nominee_citizen_id=nomination.nominee_citizen_id,
        nominee_birth_year=nomination.nominee_birth_year,
        unit_id=nomination.unit_id,
        award_type_id=nomination.award_type_id,
        route=nomination.route,
        year=nomination.year,
        decision_number=number,
        decision_date=day,
        decision=decision,
        issuer=issuer or (decision.issuer_name if decision is not None else ""),
        nomination=nomination,
    )


@transaction.atomic
def nomination_sign(
    *,
    nomination: Nomination,
    actor,
    decision=None,
    decision_number: str = "",
    decision_date=None,
    comment: str = "",
    ip: str | None = None,
) -> Nomination:
    """A leader signs: the nomination is awarded and enters the award history."""
    if decision is not None:
        decision_number, decision_date = decision.number, decision.decision_date
    from_status = fire_transition(nomination, "sign", actor)
    _award_record(
        nomination, number=decision_number, day=decision_date or timezone.localdate(), decision=decision
    )
    thread_comment(nomination, actor, Comment.Kind.APPROVE, comment.strip(), from_status)
    audit_transition(
        nomination,
        actor,
        "sign",
        from_status,
        comment,
        ip,
        {"decision_id": decision.pk if decision is not None else None, "decision_number": decision_number},
    )
    return nomination


def nominations_conclude(
    *, nominations: list[Nomination], actor, decision: Decision, ip: str | None = None, issued_by=None
) -> None:
    """A signed document moves all its dossiers at once: each is awarded (a decision) or forwarded
    (a proposal) by its own django-fsm transition and gets its own audit event, as
    ``nomination_sign`` / ``nomination_forward`` do one by one, with one UPDATE per former status
    guarded like ``ConcurrentTransitionMixin`` (``WHERE status = <the former status>``): a dossier
    moved meanwhile fails the whole document (``DossierChanged``).

    The caller holds the dossiers' process locks and passes fresh instances (the gateways read them).
    ``actor`` is the signer (the document is theirs: their role is checked); ``issued_by`` the văn
    thư who issued it, whose act the dossiers' timelines record (naming the signer in the data).
    """
    assert transaction.get_connection().in_atomic_block, "a document's dossiers move in one transaction"
    proposal = decision.kind == Decision.Kind.PROPOSAL
    action = "forward" if proposal else "sign"
    now = timezone.now()
    by_status: dict[str, list[int]] = {}
    moves = []
    for nomination in nominations:
        ensure_transition(nomination, action, actor)  # the state (django-fsm) and the role and scope
        from_status = nomination.status
        getattr(nomination, action)()  # the transition sets the target status on the instance
        nomination.status_changed_at = nomination.updated_at = now
        by_status.setdefault(from_status, []).append(nomination.pk)
        moves.append((nomination, from_status))
    for from_status, ids in by_status.items():
        target = {n.status for n, f in moves if f == from_status}
        assert len(target) == 1
        moved = Nomination.objects.filter(pk__in=ids, status=from_status).update(
            status=target.pop(), status_changed_at=now, updated_at=now
        )
        if moved != len(ids):
            raise DossierChanged()
    if not proposal:
        AwardRecord.objects.bulk_create(
            [
                AwardRecord(
                    nominee_kind=n.nominee_kind,
                    nominee_name=n.nominee_name,
                    nominee_name_search=normalize_search(n.nominee_name),
                    nominee_citizen_id=n.nominee_citizen_id,
                    nominee_birth_year=n.nominee_birth_year,
                    unit_id=n.unit_id,
                    award_type_id=n.award_type_id,
                    route=n.route,
                    year=n.year,
                    decision_number=decision.number,
                    decision_date=decision.decision_date or timezone.localdate(),
                    decision=decision,
                    issuer=decision.issuer_name,
                    nomination=n,
                )
                for n, _from in moves
            ]
        )
    who = issued_by or actor
    extra = {"signed_by": actor.get_full_name(), "issued_by": issued_by.get_full_name()} if issued_by else {}
    for nomination, from_status in moves:
        if proposal:
            audit_transition(
                nomination,
                who,
                "forward",
                from_status,
                "",
                ip,
                {"decision_id": decision.pk, "decision_number": decision.number, **extra},
            )
        else:
            audit_transition(
                nomination,
                who,
                "sign",
                from_status,
                "",
                ip,
                {"decision_id": decision.pk, "decision_number": decision.number, **extra},
            )


@transaction.atomic
def nomination_forward(*, nomination: Nomination, actor, proposal, ip: str | None = None) -> Nomination:
    """The Chairman's proposal letter is signed: the dossier is forwarded to the central level."""
    from_status = fire_transition(nomination, "forward", actor)
    audit_transition(
        nomination,
        actor,
        "forward",
        from_status,
        "",
        ip,
        {"decision_id": proposal.pk, "decision_number": proposal.number},
    )
    return nomination


@transaction.atomic
def nomination_record_result(
    *, nomination: Nomination, actor, line, result: str, reason: str = "", ip: str | None = None
) -> Nomination:
    """The central decision for this dossier, recorded by the Standing agency.

    Awarded: it enters the award history under the central decision's number.
    Not awarded: final, with the reason. Returned: back to the unit, to go up again.
    """
    if result not in ("awarded", "not_awarded", "returned"):
        raise InvalidInput(_("Kết quả không hợp lệ."), fields={"result": _("Không hợp lệ.")})
    reason = (reason or "").strip()
    if result != "awarded" and not reason:
        raise InvalidInput(
            _("Phải ghi lý do khi hồ sơ không được khen thưởng hoặc bị trả lại."),
            fields={"reason": _("Bắt buộc.")},
        )
    from_status = fire_transition(nomination, "record_result", actor, result=result)
    if result == "awarded":
        _award_record(
            nomination,
            number=line.result_decision_number,
            day=line.result_decision_date,
            issuer=line.result_issuer,
        )
    else:
        if result == "not_awarded":
            free_initiative(nomination)
        kind = Comment.Kind.RETURN if result == "returned" else Comment.Kind.REJECT
        thread_comment(nomination, actor, kind, reason, from_status)
    audit_transition(
        nomination,
        actor,
        "record_result",
        from_status,
        reason,
        ip,
        {
            "result": result,
            # The proposal this dossier went up on (ours), and the central level's decision on it.
            "decision_id": line.decision_id,
            "central_decision_number": line.result_decision_number,
            "central_decision_date": line.result_decision_date.isoformat()
            if line.result_decision_date
            else "",
            "issuer": line.result_issuer,
        },
    )
    # A case that started with a citizen: the applicant's application concludes with the result.
    application_follow(nomination=nomination, actor=actor)
    return nomination
