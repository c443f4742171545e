"""Award decisions: drafts with reward lines, gap-free numbering, signing, issuance, cancellation.

Two signatures (Decree 30/2020): the signer's own (their token or remote-signing service,
``SigningMethod``), then the organisation's, applied at issuance with the number and date.

Where the issuer has issuance by the văn thư (``Unit.office_issuance``), the engine's
``sign_decision`` calls ``decision_open_for_signing`` then ``decision_sign_by_signer``
(no number yet, nominations untouched: LEADER_SIGNED); the văn thư's ``issue_decision`` calls
``decision_open_for_issue`` (lock, number), ``nominations_conclude`` (every nomination's
transition and audit event, in sets), then ``decision_mark_signed`` (the file with the
organisation's signature, the protected transition, the audit event). Without it,
``sign_decision`` numbers, moves the nominations and stores the file that carries both
signatures.
A signed, not yet issued document can be recalled by its signer (``decision_recall``).

The PDF is rendered and signed OUTSIDE the transaction that numbers the document and moves its
nominations (``decision_render_for_signing`` / ``decision_render_for_issue``): from the data as
signing would set it, with the next free number of the register peeked, not taken. The short
transaction then locks the document, takes the number and recomputes the same data; if anything
the PDF prints differs (a line, an amount, the number, the date, the status) it raises
``StaleRendering`` and the engine renders again. The number is still taken only in the
transaction that issues the document: a signature that fails (a token refused, a wrong PIN) has
taken nothing, so numbers stay gap-free.
"""

import hashlib
from dataclasses import dataclass

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ..audit import record_event
from ..exceptions import InvalidInput, InvalidState, NotPermitted
from ..models import (
    AwardRecord,
    Decision,
    DecisionCounter,
    DecisionLine,
    LegalBasis,
    Nomination,
    Role,
    SigningMethod,
    User,
)
from ..models.catalog import conferral_phrase
from ..policy.issuers import issuer_on, legal_bases_on, province_on
from ..policy.permissions import has_any_role, require_role
from ..policy.rewards import reward_for, reward_lines
from ..publishing import signing
from ..publishing.decision_pdf import (
    annex_reference,
    content_fingerprint,
    date_line_text,
    document_title,
    proposing_line,
    render_decision,
    render_proposal,
    verification_url,
)
from ..selectors import decision_candidates, decisions_list


@transaction.atomic
def decision_create_draft(
    *,
    actor,
    nomination_ids,
    signer=None,
    title: str = "",
    legal_bases=None,
    kind: str = Decision.Kind.DECISION,
) -> Decision:
    """A draft over nominations waiting for one signature: a provincial decision (the leader),
    a unit decision in the unit's own register (its head), or a proposal letter to the central
    level (the leader). Amounts on today's base salary; a proposal carries none."""
    require_role(
        actor, Role.LEADER, Role.UNIT_HEAD, message=_("Chỉ lãnh đạo có thẩm quyền được lập dự thảo.")
    )
    chosen = decision_candidates(user=actor, nomination_ids=nomination_ids, kind=kind)
    ids = [n.pk for n in chosen]
    status = chosen[0].status
    today = timezone.localdate()
    # How each award is conferred, as the catalog words it: "tặng Bằng khen của Chủ tịch Ủy ban nhân
    # dân tỉnh", "tặng danh hiệu “Lao động tiên tiến”".
    wordings = conferral_phrase({n.award_type for n in chosen})
    fields = {"kind": kind, "year": today.year, "created_by": actor}
    if status == Nomination.Status.UNIT_SIGNATURE:
        unit = chosen[0].unit
        if len({n.unit_id for n in chosen}) != 1:
            raise InvalidInput(_("Một quyết định của đơn vị chỉ gồm hồ sơ của chính đơn vị đó."))
        signer = signer or actor
        if not (has_any_role(signer, Role.UNIT_HEAD) and (signer.is_superuser or signer.unit_id == unit.pk)):
            raise InvalidInput(_("Người ký phải là thủ trưởng của đơn vị."))
        fields.update(unit=unit, issuer_symbol=f"QĐ-{unit.register_code or unit.code}")
    else:
        signer = signer or actor
        if not has_any_role(signer, Role.LEADER):
            raise InvalidInput(_("Người ký phải là Chủ tịch hoặc Phó Chủ tịch UBND tỉnh."))
        if kind == Decision.Kind.PROPOSAL:
            fields["issuer_symbol"] = "TTr-UBND"
    if kind == Decision.Kind.PROPOSAL:
        # Document text, in Vietnamese whatever the screen's language.
        fields["title"] = title or f"Về việc đề nghị {wordings}"
    else:
        fields["title"] = title or f"Về việc {wordings}"
    decision = Decision(signer=signer, signer_title=signer.position, **fields)
    _issue_on(decision, today)
    if legal_bases:
        decision.legal_bases = legal_bases
    decision.save()
    lines = reward_lines(chosen, day=today, amounts=kind != Decision.Kind.PROPOSAL)
    DecisionLine.objects.bulk_create(
        [
            DecisionLine(
                decision=decision,
                nomination=line["nomination"],
                position=position,
                nominee_name=line["nomination"].nominee_name,
                unit_name=line["nomination"].unit.name,
                award_type=line["nomination"].award_type,
                coefficient=line["coefficient"],
                base_salary=line["base_salary"],
                multiplier=line["multiplier"],
                amount=line["amount"],
            )
            for position, line in enumerate(lines, start=1)
        ]
    )
    decision.total_amount = sum(line["amount"] for line in lines)
    decision.save(update_fields=["total_amount"])
    action = "proposal_draft" if kind == Decision.Kind.PROPOSAL else "decision_draft"
    record_event(action=action, actor=actor, data={"decision_id": decision.pk, "nominations": ids})
    return decision


def register_key(decision: Decision) -> str:
    """The register a decision is numbered in: the province's per symbol, or the unit's own."""
    return f"{decision.issuer_symbol}#{decision.unit_id}" if decision.unit_id else decision.issuer_symbol


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


def peek_next_number(*, issuer_symbol: str, year: int) -> int:
    """The number the next signature of this register will take, if nobody signs first (no lock)."""
    last = DecisionCounter.objects.filter(issuer_symbol=issuer_symbol, year=year).values_list(
        "last", flat=True
    )
    return (last.first() or 0) + 1


@dataclass(frozen=True)
class Rendered:
    """A signed PDF and the fingerprint of what it was rendered from."""

    pdf: bytes
    fingerprint: str


class StaleRendering(Exception):
    """The data changed between rendering and the signing transaction (another document took
    the number, a line or an amount changed, the day turned): render again."""


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
    decision.lines.update(live=False)  # its dossiers are no longer held by a live document
    record_event(
        action="decision_cancel",
        actor=actor,
        comment=reason,
        ip=ip,
        data={"decision_id": decision.pk, "decision_number": decision.number, "revoked": revoked},
    )
    return decision


def _prepared_for_signing(decision_id: int, actor, *, lock: bool) -> tuple[Decision, list[DecisionLine]]:
    """The draft as signing sets it: signer, date, issuer, prices and (without issuance by the
    văn thư) the number: taken under the lock, peeked without it."""
    decision = (Decision.objects.select_for_update() if lock else Decision.objects).get(pk=decision_id)
    if decision.status != Decision.Status.DRAFT:
        raise InvalidState(_("Quyết định này đã được ký hoặc đã hủy."))
    if decision.unit_id:
        if not (
            has_any_role(actor, Role.UNIT_HEAD) and (actor.is_superuser or actor.unit_id == decision.unit_id)
        ):
            raise NotPermitted(_("Chỉ thủ trưởng của đơn vị được ký quyết định này."))
    elif not has_any_role(actor, Role.LEADER):
        raise NotPermitted(_("Chỉ lãnh đạo UBND tỉnh được ký văn bản này."))
    if decision.signer_id and decision.signer_id != actor.pk:
        raise NotPermitted(_("Quyết định này do %(name)s ký.") % {"name": decision.signer.get_full_name()})
    person_key(actor)  # no method, no signature: said before anything is locked further
    lines = list(
        decision.lines.select_related("award_type", "nomination")
        .prefetch_related("award_type__coefficients")
        .order_by("position")
    )
    decision.decision_date = timezone.localdate()
    decision.signed_at = timezone.now()
    decision.signer = actor
    decision.signer_title = actor.position
    if not decision_needs_office(decision):
        if lock:
            _take_number(decision)
        else:
            _peek_number(decision)
    _issue_on(decision, decision.decision_date)
    if decision.kind == Decision.Kind.DECISION:
        _price_on_decision_date(decision, lines, save=lock)
    return decision, lines


def decision_render_for_signing(*, decision_id: int, actor, pin: str | None = None) -> Rendered:
    """Render and sign the document from a snapshot, outside any transaction that holds a lock.

    Without issuance by the văn thư: both signatures, over the number the register gives next
    (peeked, not taken). With it: the signer's alone. Nothing is written; a refused signature
    (token, PIN) fails here, before any number is taken or any dossier locked."""
    decision, lines = _prepared_for_signing(decision_id, actor, lock=False)
    decision_check_lines_awaiting(decision=decision)
    pdf = _signed_by_person(decision, lines, actor, pin)
    if not decision_needs_office(decision):
        pdf = _signed_by_organisation(decision, pdf)
    return Rendered(pdf=pdf, fingerprint=_signing_fingerprint(decision, lines))


def _signing_fingerprint(decision: Decision, lines) -> str:
    return content_fingerprint(decision, lines, day=decision.decision_date)


def decision_open_for_signing(
    *, decision_id: int, actor, rendered: Rendered
) -> tuple[Decision, list[DecisionLine]]:
    """Lock the draft, check the signer; without issuance by the văn thư, give it the next number
    of its register now. Then hold the PDF rendered outside against the data under the lock:
    ``StaleRendering`` if anything it prints differs.

    Call inside the signing transaction (the engine's): the number is rolled
    back with everything else if anything fails, so numbers have no gaps.
    """
    assert transaction.get_connection().in_atomic_block, "signing runs in one transaction"
    decision, lines = _prepared_for_signing(decision_id, actor, lock=True)
    if _signing_fingerprint(decision, lines) != rendered.fingerprint:
        raise StaleRendering()
    return decision, lines


def _take_number(decision: Decision) -> None:
    _number(decision, take_next_number(issuer_symbol=register_key(decision), year=decision.year))


def _peek_number(decision: Decision) -> None:
    _number(decision, peek_next_number(issuer_symbol=register_key(decision), year=decision.year))


def issue_preview(decision: Decision) -> tuple[str, object]:
    """The number and date issuing this document would take now (peeked, nothing written): what
    the văn thư confirms before "Phát hành"."""
    preview = Decision(issuer_symbol=decision.issuer_symbol, unit_id=decision.unit_id, year=decision.year)
    _peek_number(preview)
    return preview.number, timezone.localdate()


def _number(decision: Decision, number: int) -> None:
    decision.sequence = number
    decision.number = f"{number}/{decision.issuer_symbol}"


def issuing_unit(decision: Decision):
    """The organisation whose signature and register issue the document: the unit, or the province."""
    return decision.unit if decision.unit_id else province_on(decision.decision_date or timezone.localdate())


def decision_needs_office(decision: Decision) -> bool:
    """Issuance by the văn thư is the issuer's setting (the province's, or the unit's)."""
    unit = issuing_unit(decision)
    if unit is None:
        return settings.DECISION_OFFICE_ISSUANCE
    return unit.office_issuance


def _spec(method: SigningMethod) -> signing.KeySpec:
    seal = ""
    if method.seal_image:
        try:
            seal = method.seal_image.path
        except NotImplementedError:  # remote storage: the generated seal
            seal = ""
    return signing.KeySpec(
        kind=method.kind,
        module_path=method.module_path,
        token_label=method.token_label,
        key_label=method.key_label,
        pin_env=method.pin_env,
        service_url=method.service_url,
        credential_id=method.credential_id,
        secret_env=method.secret_env,
        seal_path=seal,
    )


def person_key(user: User) -> signing.KeySpec:
    """The signer's own method; none configured: they cannot sign (409)."""
    method = SigningMethod.objects.filter(user=user, active=True).first()
    if method is None:
        raise InvalidState(
            _(
                "%(name)s chưa được cấu hình phương thức ký số (thiết bị ký số USB token hoặc dịch vụ ký số từ xa) nên chưa thể ký. Đề nghị quản trị hệ thống cấu hình chữ ký số của người ký trước."
            )
            % {"name": user.get_full_name() or user.username}
        )
    if method.kind == SigningMethod.Kind.DEMO and not settings.SIGNING_ALLOW_DEMO_KEYS:
        raise InvalidState(_("Khóa tệp thử nghiệm không được dùng để ký văn bản thật."))
    return _spec(method)


def organisation_key(decision: Decision) -> tuple[signing.KeySpec, signing.Identity]:
    """The issuing organisation's method, or (demo only) a file key in its name."""
    unit = issuing_unit(decision)
    name = unit.name if unit is not None else settings.DECISION_ISSUER_NAME
    method = SigningMethod.objects.filter(unit=unit, active=True).first() if unit is not None else None
    if method is None:
        if not settings.SIGNING_ALLOW_DEMO_KEYS:
            raise InvalidState(
                _("%(org)s chưa được cấu hình chữ ký số của cơ quan: chưa thể phát hành.") % {"org": name}
            )
        return signing.KeySpec(kind="demo"), signing.Identity(organisation=name)
    return _spec(method), signing.Identity(organisation=name)


def _refused(exc: signing.SigningRefused):
    raise InvalidState(exc.message) from exc


def _what(decision: Decision) -> str:
    return "Tờ trình" if decision.kind == Decision.Kind.PROPOSAL else "Quyết định"


def _signed_by_person(decision: Decision, lines, actor, pin) -> bytes:
    """Render with empty number and date fields, and the signer's certifying signature."""
    render = render_proposal if decision.kind == Decision.Kind.PROPOSAL else render_decision
    layout = signing.Layout()
    pdf = render(decision, lines, day=decision.decision_date, layout=layout)
    unit = issuing_unit(decision)
    identity = signing.Identity(
        person=actor.get_full_name(),
        organisation=unit.name if unit is not None else decision.issuer_name,
        title=actor.position,
    )
    try:
        return signing.sign_as_person(
            pdf,
            layout,
            person_key(actor),
            identity,
            reason=f"Ký {_what(decision)} {decision.title}",
            location=decision.place_name or decision.issuer_name,
            pin=pin,
        )
    except signing.SigningRefused as exc:
        _refused(exc)


def _signed_by_organisation(decision: Decision, pdf: bytes) -> bytes:
    spec, identity = organisation_key(decision)
    try:
        return signing.sign_as_organisation(
            pdf,
            spec,
            identity,
            number_text=f"Số: {decision.number}",
            date_text=date_line_text(decision.decision_date, decision.place_name),
            reason=f"Phát hành {_what(decision)} số {decision.number}",
            location=decision.place_name or decision.issuer_name,
            qr_url=verification_url(decision.number),
            annex_text=annex_reference(decision, decision.decision_date),
            title=document_title(decision),
        )
    except signing.SigningRefused as exc:
        _refused(exc)


def _file_name(decision: Decision, suffix: str = "") -> str:
    proposal = decision.kind == Decision.Kind.PROPOSAL
    if decision.sequence:
        return f"{'TTr' if proposal else 'QD'}-{decision.sequence}-{decision.year}{suffix}.pdf"
    return f"{'TTr' if proposal else 'QD'}-du-thao-{decision.pk}{suffix}.pdf"


def decision_sign_by_signer(*, decision: Decision, lines, actor, rendered: Rendered, ip=None) -> Decision:
    """The signer's signature alone (issuance by the văn thư follows): no number, nominations wait.
    The PDF was signed outside the transaction and checked against the data (``decision_open_for_signing``)."""
    assert transaction.get_connection().in_atomic_block, "signing runs in one transaction"
    pdf = rendered.pdf
    decision.sign_by_signer(
        pdf_name=_file_name(decision, "-ky"), pdf=pdf, sha256=hashlib.sha256(pdf).hexdigest()
    )
    decision.save()
    _hold_lines(decision)
    record_event(
        action="proposal_signer_sign" if decision.kind == Decision.Kind.PROPOSAL else "decision_signer_sign",
        actor=actor,
        ip=ip,
        data={"decision_id": decision.pk, "sha256": decision.sha256},
    )
    return decision


def can_issue(user, decision: Decision) -> bool:
    """The văn thư of the issuing organisation: the unit's own, or the provincial office's."""
    if not has_any_role(user, Role.CLERK_OFFICE):
        return False
    if user.is_superuser:
        return True
    return decisions_list(user=user).filter(pk=decision.pk).exists()


def _prepared_for_issue(decision_id: int, actor, *, lock: bool) -> Decision:
    query = Decision.objects.select_for_update(of=("self",)) if lock else Decision.objects
    decision = query.get(pk=decision_id)
    if not can_issue(actor, decision):
        raise NotPermitted(_("Chỉ văn thư của cơ quan ban hành được phát hành văn bản này."))
    if decision.status != Decision.Status.LEADER_SIGNED:
        raise InvalidState(
            _("Văn bản này chưa được ký hoặc đã phát hành: chỉ phát hành văn bản đã ký, chưa phát hành.")
        )
    decision.decision_date = timezone.localdate()
    if lock:
        _take_number(decision)
    else:
        _peek_number(decision)
    return decision


def _issue_fingerprint(decision: Decision) -> str:
    """What the organisation's signature adds (number, date, place) over the signer's file (its hash)."""
    raw = "|".join(
        [decision.sha256, decision.number, decision.decision_date.isoformat(), decision.place_name or ""]
    )
    return hashlib.sha256(raw.encode()).hexdigest()


def decision_render_for_issue(*, decision_id: int, actor) -> Rendered:
    """The organisation's signature over the signed file, with the number the register gives next
    (peeked) and today's date: outside any transaction, nothing written."""
    decision = _prepared_for_issue(decision_id, actor, lock=False)
    decision_check_lines_awaiting(decision=decision)
    with decision.pdf.open("rb") as handle:
        signed = handle.read()
    if hashlib.sha256(signed).hexdigest() != decision.sha256:
        raise InvalidState(_("Tệp văn bản đã ký không khớp mã băm đã lưu: không phát hành."))
    return Rendered(pdf=_signed_by_organisation(decision, signed), fingerprint=_issue_fingerprint(decision))


def decision_open_for_issue(
    *, decision_id: int, actor, rendered: Rendered
) -> tuple[Decision, list[DecisionLine]]:
    """Lock a signed, not yet issued document and give it the next number of its register and
    today's date; ``StaleRendering`` if the file signed outside no longer fits (another document
    took the number, the signer recalled and signed again, the day turned). Call inside the
    engine's transaction (a failure rolls the number back)."""
    assert transaction.get_connection().in_atomic_block, "issuance runs in one transaction"
    decision = _prepared_for_issue(decision_id, actor, lock=True)
    if _issue_fingerprint(decision) != rendered.fingerprint:
        raise StaleRendering()
    lines = list(decision.lines.select_related("award_type", "nomination").order_by("position"))
    return decision, lines


def decision_recall(*, decision_id: int, actor, reason: str = "", ip: str | None = None) -> Decision:
    """The signer takes back a document signed but not yet issued: it is a draft again."""
    assert transaction.get_connection().in_atomic_block, "recall runs in one transaction"
    decision = Decision.objects.select_for_update().get(pk=decision_id)
    if decision.status != Decision.Status.LEADER_SIGNED:
        raise InvalidState(_("Chỉ thu hồi được văn bản đã ký nhưng chưa phát hành."))
    if decision.signer_id != actor.pk:
        raise NotPermitted(_("Chỉ người đã ký được thu hồi văn bản này."))
    sha = decision.sha256
    decision.recall()
    decision.save()
    decision.lines.update(live=False)
    record_event(
        action="decision_recall",
        actor=actor,
        comment=(reason or "").strip(),
        ip=ip,
        data={"decision_id": decision.pk, "sha256": sha},
    )
    return decision


def _issue_on(decision: Decision, day) -> None:
    """Issuer, place name and legal bases in force on the document's date (set again at signing)."""
    issuer = issuer_on(day, unit=decision.unit)
    decision.issuer_name, decision.issuer_parent, decision.place_name = (
        issuer.name,
        issuer.parent,
        issuer.place,
    )
    decision.issuer_text = issuer.text_name
    recipients = list(issuer.recipients)
    if decision.kind == Decision.Kind.PROPOSAL and recipients[:1] == ["Như Điều 3;"]:
        recipients[0] = "Như trên;"  # a letter has no Article 3: its addressee is "above"
    decision.recipients = recipients
    if decision.kind == Decision.Kind.PROPOSAL:
        document = LegalBasis.Document.PROPOSAL
    elif decision.unit_id:
        document = LegalBasis.Document.UNIT_DECISION
    else:
        document = LegalBasis.Document.PROVINCE_DECISION
    if not decision.legal_bases_edited:  # the drafter's own bases are what the signer previewed
        decision.legal_bases = legal_bases_on(day, document=document, unit=decision.unit)


def default_legal_bases(decision: Decision, day=None) -> list[str]:
    """The dated default bases for this document on ``day`` (today): what "restore" puts back."""
    copy = Decision(kind=decision.kind, unit=decision.unit)
    _issue_on(copy, day or timezone.localdate())
    return copy.legal_bases


def _price_on_decision_date(decision: Decision, lines, *, save: bool = True) -> None:
    """The amounts are those in force on the decision date (not the draft's): fixed now, for good."""
    changed = []
    rewards = {}  # one look-up per award and kind of nominee, not per line (hundreds of lines)
    for line in lines:
        key = (line.award_type_id, line.nomination.nominee_kind)
        if key not in rewards:
            rewards[key] = reward_for(
                award_type=line.award_type, nominee_kind=key[1], day=decision.decision_date
            )
        reward = rewards[key]
        if (line.coefficient, line.base_salary, line.amount) != (
            reward.coefficient,
            reward.base_salary,
            reward.amount,
        ):
            line.coefficient, line.base_salary = reward.coefficient, reward.base_salary
            line.multiplier, line.amount = reward.multiplier, reward.amount
            changed.append(line)
    if changed and save:
        DecisionLine.objects.bulk_update(changed, ["coefficient", "base_salary", "multiplier", "amount"])
    decision.total_amount = sum(line.amount for line in lines)


def signing_status(decision: Decision) -> str:
    """The status every nomination of the document waits in until it is signed."""
    if decision.kind == Decision.Kind.PROPOSAL:
        return Nomination.Status.AWAITING_PROPOSAL
    return Nomination.Status.UNIT_SIGNATURE if decision.unit_id else Nomination.Status.AWAITING_SIGNATURE


def _hold_lines(decision: Decision) -> None:
    """The signed document's lines are live: the partial unique index refuses a dossier already a
    line of another live document (two signers at once: the second gets IntegrityError, told as
    ``LIVE_ELSEWHERE`` by the engine)."""
    decision.lines.exclude(result=DecisionLine.Result.RETURNED).update(live=True)


def decision_check_lines_awaiting(*, decision: Decision) -> None:
    """Refuse the whole decision if any of its dossiers left the signature stage meanwhile,
    or was signed in another document that waits for issuance."""
    ids = decision.lines.values("nomination_id")
    stale = Nomination.objects.filter(pk__in=ids).exclude(status=signing_status(decision))
    if decision.status == Decision.Status.DRAFT:
        elsewhere = DecisionLine.objects.filter(nomination_id__in=ids, live=True).exclude(decision=decision)
        stale = stale | Nomination.objects.filter(pk__in=elsewhere.values("nomination_id"))
    if stale.exists():
        names = ", ".join(stale.values_list("nominee_name", flat=True))
        raise InvalidState(
            _(
                "Không ký được: hồ sơ %(names)s không còn ở trạng thái chờ ký (có thể vừa được trả lại). Quyết định chưa được ký, chưa có thay đổi nào."
            )
            % {"names": names}
        )


def decision_mark_signed(
    *, decision: Decision, lines, actor, rendered: Rendered, ip: str | None = None
) -> Decision:
    """Issue: store the file signed outside the transaction (the organisation's signature over the
    number and date, after the signer's) and its hash: issued."""
    assert transaction.get_connection().in_atomic_block, "signing runs in one transaction"
    proposal = decision.kind == Decision.Kind.PROPOSAL
    by_office = decision.status == Decision.Status.LEADER_SIGNED
    if by_office:
        decision.issued_by = actor
    pdf = rendered.pdf
    decision.sign(pdf_name=_file_name(decision), pdf=pdf, sha256=hashlib.sha256(pdf).hexdigest())
    decision.save()
    _hold_lines(decision)
    if not proposal:
        _keep_register_numbers(decision)
    if by_office:
        action = "proposal_issue" if proposal else "decision_issue"
    else:
        action = "proposal_sign" if proposal else "decision_sign"
    record_event(
        action=action,
        actor=actor,
        ip=ip,
        data={
            "decision_id": decision.pk,
            "decision_number": decision.number,
            "sha256": decision.sha256,
            "nominations": [line.nomination_id for line in lines],
        },
    )
    return decision


def _keep_register_numbers(decision: Decision) -> None:
    """Each awardee's number in the award register (số vào sổ khen thưởng), printed on the
    certificate: the decision's number and the line's place in its annex, kept from issuance."""
    lines = list(decision.lines.filter(register_number="").only("pk", "position"))
    for line in lines:
        line.register_number = f"{decision.number}-{line.position}"
    DecisionLine.objects.bulk_update(lines, ["register_number"], batch_size=500)


def proposal_open_for_result(
    *, proposal_id: int, actor, decision_number: str, decision_date, issuer: str, lines
) -> tuple[Decision, list[tuple[DecisionLine, str, str]]]:
    """Check a central result against a signed proposal and record it on the lines.

    ``lines`` are ``{"nomination", "result", "reason"}``; a proposal's lines may get
    their results over several central decisions, each line once. Call inside the
    engine's transaction, which then moves each nomination.
    """
    assert transaction.get_connection().in_atomic_block, "results are recorded in one transaction"
    require_role(actor, Role.APPRAISER, Role.AGENCY_HEAD)
    proposal = (
        Decision.objects.select_for_update().filter(pk=proposal_id, kind=Decision.Kind.PROPOSAL).first()
    )
    if proposal is None:
        raise InvalidInput(_("Không có tờ trình này."))
    if proposal.status != Decision.Status.SIGNED:
        raise InvalidState(_("Tờ trình chưa được ký: chưa thể ghi nhận kết quả của cấp trên."))
    errors = {}
    decision_number = (decision_number or "").strip()
    issuer = (issuer or "").strip()
    if not decision_number:
        errors["decision_number"] = _("Cần ghi số quyết định của cấp trên.")
    if decision_date is None:
        errors["decision_date"] = _("Cần ghi ngày quyết định.")
    if not issuer:
        errors["issuer"] = _("Cần ghi cấp quyết định (Thủ tướng Chính phủ, Chủ tịch nước).")
    if not lines:
        errors["lines"] = _("Cần ít nhất một dòng kết quả.")
    if errors:
        raise InvalidInput(" ".join(str(v) for v in errors.values()), fields=errors)
    by_nomination = {line.nomination_id: line for line in proposal.lines.select_for_update()}
    items, seen = [], set()
    for entry in lines:
        line = by_nomination.get(entry.get("nomination"))
        if line is None or line.nomination_id in seen:
            raise InvalidInput(
                _("Hồ sơ #%(id)s không có trong tờ trình này (hoặc bị ghi hai lần).")
                % {"id": entry.get("nomination")},
                fields={"lines": _("Không hợp lệ.")},
            )
        seen.add(line.nomination_id)
        if line.result:
            raise InvalidState(
                _("Đã ghi nhận kết quả cho %(name)s (%(result)s).")
                % {"name": line.nominee_name, "result": line.get_result_display()}
            )
        line.result = entry.get("result")
        line.result_reason = (entry.get("reason") or "").strip()
        line.result_decision_number = decision_number
        line.result_decision_date = decision_date
        line.result_issuer = issuer
        line.result_recorded_at = timezone.now()
        if line.result == DecisionLine.Result.RETURNED:
            line.live = False  # back to the unit: it may go up again on another proposal
        line.save()
        items.append((line, line.result, line.result_reason))
    return proposal, items


def proposal_result_recorded(*, proposal: Decision, items, actor, ip: str | None = None) -> None:
    record_event(
        action="proposal_result",
        actor=actor,
        ip=ip,
        data={
            "decision_id": proposal.pk,
            "decision_number": proposal.number,
            "central_decision_number": items[0][0].result_decision_number,
            "results": {str(line.nomination_id): result for line, result, _reason in items},
        },
    )


# --- drafting before the signature --------------------------------------------------------------

MAX_BASIS = 1000


def can_edit_draft(user, decision: Decision) -> bool:
    """Who may edit a draft before it is signed: for the province's documents a leader or the
    Standing agency preparing it for them (its head, its appraisers); for a unit's own, its head."""
    if decision.status != Decision.Status.DRAFT:
        return False
    if decision.unit_id:
        return has_any_role(user, Role.UNIT_HEAD) and (user.is_superuser or user.unit_id == decision.unit_id)
    return has_any_role(user, Role.LEADER, Role.AGENCY_HEAD, Role.APPRAISER)


def _draft_for_edit(decision_id: int, actor) -> Decision:
    decision = Decision.objects.select_for_update().filter(pk=decision_id).first()
    if decision is None:
        raise InvalidInput(_("Không tìm thấy dự thảo."))
    if decision.status != Decision.Status.DRAFT:
        raise InvalidState(
            _("Văn bản đã được ký: không sửa được nữa (người ký có thể thu hồi khi chưa phát hành).")
        )
    if not can_edit_draft(actor, decision):
        raise NotPermitted(_("Bạn không có quyền sửa dự thảo này."))
    return decision


def _clean_text(value: str) -> str:
    return " ".join((value or "").split())


@transaction.atomic
def decision_edit_draft(
    *,
    decision_id: int,
    actor,
    legal_bases: list[str],
    proposal_letter_by: str = "",
    proposal_letter_number: str = "",
    proposal_letter_date=None,
    article1_reason: str = "",
    ip: str | None = None,
) -> Decision:
    """Edit a draft before the signature: its legal bases (none given: the dated defaults again),
    the proposing letter it cites, Article 1's achievement (empty: the template's words). One audit
    event says what changed; the preview and the signed document print what is stored."""
    decision = _draft_for_edit(decision_id, actor)
    errors = {}
    bases = [_clean_text(b) for b in legal_bases if _clean_text(b)]
    if any(len(b) > MAX_BASIS for b in bases):
        errors["legal_bases"] = _("Mỗi căn cứ tối đa %(n)s ký tự.") % {"n": MAX_BASIS}
    by, number = _clean_text(proposal_letter_by), _clean_text(proposal_letter_number)
    if number or proposal_letter_date:
        if not number:
            errors["proposal_letter_number"] = _("Ghi số tờ trình đề nghị, ví dụ 125/TTr-SNV.")
        if proposal_letter_date is None:
            errors["proposal_letter_date"] = _("Ghi ngày của tờ trình đề nghị.")
        elif proposal_letter_date > timezone.localdate():
            errors["proposal_letter_date"] = _("Ngày của tờ trình không được sau hôm nay.")
        if not by:
            errors["proposal_letter_by"] = _("Ghi người đề nghị, ví dụ Giám đốc Sở Nội vụ.")
    reason = _clean_text(article1_reason).rstrip(".")
    if reason.lower().startswith("điều"):
        errors["article1_reason"] = _(
            "Chỉ ghi phần thành tích (ví dụ “đã có thành tích xuất sắc trong …”); “Điều 1.”, hình thức "
            "khen thưởng và đối tượng do mẫu văn bản ghi."
        )
    if errors:
        raise InvalidInput(_("Dự thảo chưa được sửa: vui lòng kiểm tra lại."), fields=errors)
    before = {
        "legal_bases": list(decision.legal_bases),
        "letter": [
            decision.proposal_letter_by,
            decision.proposal_letter_number,
            decision.proposal_letter_date,
        ],
        "article1_reason": decision.article1_reason,
    }
    if bases:
        decision.legal_bases_edited = bases != default_legal_bases(decision)
        decision.legal_bases = bases
    else:
        decision.legal_bases_edited = False
        decision.legal_bases = default_legal_bases(decision)
    decision.proposal_letter_by, decision.proposal_letter_number = (by, number) if number else ("", "")
    decision.proposal_letter_date = proposal_letter_date if number else None
    decision.article1_reason = reason
    after = {
        "legal_bases": list(decision.legal_bases),
        "letter": [
            decision.proposal_letter_by,
            decision.proposal_letter_number,
            decision.proposal_letter_date,
        ],
        "article1_reason": decision.article1_reason,
    }
    if after == before:
        return decision
    decision.full_clean(exclude=["created_by", "signer", "status"])
    decision.save(
        update_fields=[
            "legal_bases",
            "legal_bases_edited",
            "proposal_letter_by",
            "proposal_letter_number",
            "proposal_letter_date",
            "article1_reason",
        ]
    )
    changes = {
        "decision_id": decision.pk,
        "bases_added": [b for b in after["legal_bases"] if b not in before["legal_bases"]],
        "bases_removed": [b for b in before["legal_bases"] if b not in after["legal_bases"]],
    }
    if after["letter"] != before["letter"]:
        changes["proposal_letter"] = proposing_line(decision)
    if after["article1_reason"] != before["article1_reason"]:
        changes["article1_reason"] = {"before": before["article1_reason"], "after": decision.article1_reason}
    record_event(action="decision_draft_edit", actor=actor, ip=ip, data=changes)
    return decision


@transaction.atomic
def decision_remove_line(
    *, decision_id: int, line_id: int, actor, reason: str, ip: str | None = None
) -> Decision:
    """Take one line out of a draft: its dossier stays waiting for the signature, free for another
    document; the others are renumbered and the total recomputed. The last line is not removed:
    the draft is discarded instead."""
    decision = _draft_for_edit(decision_id, actor)
    reason = (reason or "").strip()
    if not reason:
        raise InvalidInput(_("Ghi lý do bỏ dòng khỏi dự thảo."), fields={"reason": _("Bắt buộc.")})
    line = decision.lines.select_related("nomination").filter(pk=line_id).first()
    if line is None:
        raise InvalidInput(_("Dòng này không thuộc dự thảo."))
    if decision.lines.count() == 1:
        raise InvalidInput(_("Đây là dòng cuối cùng của dự thảo: hãy hủy dự thảo thay vì bỏ dòng."))
    nomination = line.nomination
    line.delete()
    rest = list(decision.lines.order_by("position"))
    for position, other in enumerate(rest, start=1):
        other.position = position
    DecisionLine.objects.bulk_update(rest, ["position"])
    decision.total_amount = sum(other.amount for other in rest)
    decision.save(update_fields=["total_amount"])
    record_event(
        action="decision_line_remove",
        actor=actor,
        nomination=nomination,
        comment=reason,
        ip=ip,
        data={"decision_id": decision.pk, "nomination_id": nomination.pk, "nominee_name": line.nominee_name},
    )
    return decision


@transaction.atomic
def decision_discard_draft(*, decision_id: int, actor, reason: str, ip: str | None = None) -> None:
    """Discard a whole draft (never signed, so no number was taken): its dossiers stay waiting
    for the signature; the audit event keeps what the draft held."""
    decision = _draft_for_edit(decision_id, actor)
    reason = (reason or "").strip()
    if not reason:
        raise InvalidInput(_("Ghi lý do hủy dự thảo."), fields={"reason": _("Bắt buộc.")})
    lines = list(decision.lines.values_list("nomination_id", "nominee_name"))
    data = {
        "decision_id": decision.pk,
        "kind": decision.kind,
        "title": decision.title,
        "nominations": [pk for pk, _name in lines],
        "names": [name for _pk, name in lines],
    }
    decision.lines.all().delete()
    decision.delete()
    record_event(action="decision_draft_discard", actor=actor, comment=reason, ip=ip, data=data)
