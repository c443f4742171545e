"""Public comment windows for upward proposals, and the comments citizens leave."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ..audit import record_event
from ..exceptions import InvalidInput, InvalidState
from ..models import (
    Nomination,
    PublicComment,
    PublicDisclosure,
    Role,
)
from ..policy.permissions import DISCLOSURE_STATUSES, require_role


@transaction.atomic
def disclosure_create(*, nomination: Nomination, actor, opens_on, closes_on, ip: str | None = None):
    """Publish an upward proposal for public comment (the caller computes the working-day span)."""
    require_role(actor, Role.APPRAISER, Role.AGENCY_HEAD)
    if not nomination.award_type.needs_public_disclosure:
        raise InvalidInput(_("Hình thức khen thưởng này không phải công khai lấy ý kiến."))
    if nomination.status not in DISCLOSURE_STATUSES:
        raise InvalidState(_("Chỉ công khai hồ sơ đang thẩm định hoặc chờ Hội đồng."))
    if closes_on <= opens_on:
        raise InvalidInput(_("Ngày kết thúc công khai phải sau ngày bắt đầu."))
    disclosure = PublicDisclosure.objects.create(
        nomination=nomination, opens_on=opens_on, closes_on=closes_on, created_by=actor
    )
    record_event(
        action="disclosure_open",
        actor=actor,
        nomination=nomination,
        from_status=nomination.status,
        to_status=nomination.status,
        ip=ip,
        data={"opens_on": opens_on.isoformat(), "closes_on": closes_on.isoformat()},
    )
    return disclosure


@transaction.atomic
def public_comment_add(*, disclosure, name: str, contact: str, body: str, ip: str | None = None):
    """A citizen's comment, accepted only while the window is open."""
    today = timezone.localdate()
    if not (disclosure.opens_on <= today <= disclosure.closes_on):
        raise InvalidState(_("Thời gian lấy ý kiến đã kết thúc hoặc chưa bắt đầu."))
    name, body = (name or "").strip()[:150], (body or "").strip()[:5000]
    if not name or not body:
        raise InvalidInput(_("Cần ghi họ tên và nội dung góp ý."))
    return PublicComment.objects.create(
        disclosure=disclosure, name=name, contact=(contact or "").strip()[:150], body=body, ip=ip
    )
