"""The Council's vote: quorum, the award's threshold, and when it may vote at all."""

from decimal import Decimal

from django.utils import timezone
from django.utils.translation import gettext as _

from ..models import Nomination

QUORUM = Decimal(2) / Decimal(3)


def vote_passes(*, award_type, votes_for: int, members_present: int, members_total: int) -> bool:
    """The award's threshold: a percentage of all members or of those present."""
    base = members_total if award_type.vote_base == award_type.VoteBase.MEMBERS_TOTAL else members_present
    if base <= 0:
        return False
    share = Decimal(votes_for) * 100 / Decimal(base)
    threshold = Decimal(award_type.vote_threshold_percent)
    return share > threshold if award_type.vote_threshold_strict else share >= threshold


def disclosure_pending(nomination: Nomination) -> str | None:
    """Why the Council may not vote yet on an upward proposal, or None."""
    if not nomination.award_type.needs_public_disclosure:
        return None
    last = nomination.disclosures.order_by("-closes_on").first()
    if last is None:
        return _("Hồ sơ đề nghị cấp trên khen thưởng phải được công khai lấy ý kiến trước khi Hội đồng họp.")
    if last.closes_on >= timezone.localdate():
        return _(
            "Đang trong thời gian công khai lấy ý kiến (đến hết ngày %(d)s); Hội đồng chỉ họp sau đó."
        ) % {"d": last.closes_on.strftime("%d/%m/%Y")}
    return None
