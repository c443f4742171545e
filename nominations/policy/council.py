"""The Council's vote: quorum, the threshold in force, and when it may vote at all."""

from decimal import Decimal

from django.utils import timezone
from django.utils.translation import gettext as _

from ..models import Nomination
from .paths import Threshold, authority_for, vote_threshold

QUORUM = Decimal(2) / Decimal(3)


def vote_passes(
    *, award_type=None, votes_for: int, members_present: int, members_total: int, threshold: Threshold = None
) -> bool:
    """The threshold (the authority's, else the award's): a percentage of all members or of those present."""
    if threshold is None:
        threshold = Threshold(
            award_type.vote_threshold_percent, award_type.vote_base, award_type.vote_threshold_strict
        )
    base = members_total if threshold.base == "members_total" else members_present
    if base <= 0:
        return False
    share = Decimal(votes_for) * 100 / Decimal(base)
    required = Decimal(threshold.percent)
    return share > required if threshold.strict else share >= required


def threshold_for(nomination: Nomination) -> Threshold:
    return vote_threshold(authority_for(nomination.award_type, unit=nomination.unit))


def disclosure_required(nomination: Nomination) -> bool:
    return bool(
        nomination.award_type.needs_public_disclosure
        or authority_for(nomination.award_type, unit=nomination.unit).disclosure_required
    )


def disclosure_pending(nomination: Nomination) -> str | None:
    """Why the Council may not vote yet on an upward proposal, or None."""
    if nomination.status == Nomination.Status.UNIT_VOTE or not disclosure_required(nomination):
        return None
    last = nomination.disclosures.order_by("-closes_on").first()
    if last is None:
        return _("Hồ sơ đề nghị cấp trên khen thưởng phải được công khai lấy ý kiến trước khi Hội đồng họp.")
    if last.closes_on >= timezone.localdate():
        return _(
            "Đang trong thời gian công khai lấy ý kiến (đến hết ngày %(d)s); Hội đồng chỉ họp sau đó."
        ) % {"d": last.closes_on.strftime("%d/%m/%Y")}
    return None
