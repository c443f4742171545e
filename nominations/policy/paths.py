"""Which path an award travels, read from the catalog's dated authority rows (never from code).

``authority_for`` returns the row in force on a day for an award; where the
catalog has none yet, an unsaved default is derived from the award's level so
that an award keeps today's behaviour until the admin records its authority.
"""

from dataclasses import dataclass
from datetime import date

from django.utils import timezone

from ..models import AwardAuthority, AwardType, Unit
from .reference import Reference

A = AwardAuthority
# Every action that routes a dossier asks for its award's authority: read once per process and minute.
AUTHORITIES = Reference(
    lambda award_type_id: list(A.objects.filter(award_type_id=award_type_id).select_related("award_type"))
)


def authority_for(
    award_type: AwardType, *, on: date | None = None, unit: Unit | None = None
) -> AwardAuthority:
    """The authority in force on ``on`` (default today); a commune's own titles are its chairman's."""
    on = on or timezone.localdate()
    if "authorities" in getattr(award_type, "_prefetched_objects_cache", {}):
        candidates = award_type.authorities.all()
    else:
        candidates = AUTHORITIES.get(award_type.pk)
    rows = [
        row
        for row in candidates
        if (row.effective_from is None or row.effective_from <= on)
        and (row.effective_to is None or on <= row.effective_to)
    ]
    rows.sort(key=lambda r: (r.province_id is not None, r.effective_from or date.min), reverse=True)
    row = rows[0] if rows else _default(award_type)
    if row.path == A.Path.UNIT and unit is not None and unit.kind == Unit.Kind.COMMUNE:
        # The same titles, decided in a commune by its chairman on the commune council's advice.
        row = AwardAuthority(
            award_type=award_type,
            decider=A.Decider.COMMUNE_CHAIRMAN,
            council=A.Council.COMMUNE if row.council != A.Council.NONE else A.Council.NONE,
            vote_required=row.vote_required,
            vote_threshold_percent=row.vote_threshold_percent,
            vote_base=row.vote_base,
            disclosure_required=row.disclosure_required,
            legal_basis=row.legal_basis,
        )
    return row


def _default(award_type: AwardType) -> AwardAuthority:
    level = award_type.level
    if level == AwardType.Level.GRASSROOTS:
        return A(
            award_type=award_type, decider=A.Decider.UNIT_HEAD, council=A.Council.UNIT, vote_required=False
        )
    if level == AwardType.Level.NATIONAL or award_type.proposed_upward:
        return A(
            award_type=award_type,
            decider=A.Decider.PRIME_MINISTER,
            council=A.Council.PROVINCE,
            vote_required=True,
            disclosure_required=award_type.needs_public_disclosure,
        )
    return A(
        award_type=award_type,
        decider=A.Decider.PROVINCE_CHAIRMAN,
        council=A.Council.PROVINCE,
        vote_required=True,
        disclosure_required=award_type.needs_public_disclosure,
    )


@dataclass(frozen=True)
class Threshold:
    percent: object
    base: str
    strict: bool


def vote_threshold(authority: AwardAuthority) -> Threshold:
    """The authority's threshold where it sets one, else the award catalog's."""
    award = authority.award_type
    return Threshold(
        percent=authority.vote_threshold_percent
        if authority.vote_threshold_percent is not None
        else award.vote_threshold_percent,
        base=authority.vote_base or award.vote_base,
        strict=award.vote_threshold_strict if authority.vote_threshold_percent is None else False,
    )
