"""Extensions of a closed submission window, granted by the agency head."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ..audit import record_event
from ..exceptions import InvalidInput
from ..models import (
    Role,
    SubmissionExtension,
)
from ..policy.permissions import require_role


@transaction.atomic
def submission_extension_grant(
    *,
    actor,
    unit,
    until,
    reason: str,
    award_type=None,
    movement=None,
    ip: str | None = None,
) -> SubmissionExtension:
    """The agency head lets one unit submit after a closing date, with a recorded reason."""
    require_role(
        actor, Role.AGENCY_HEAD, message=_("Chỉ Trưởng Ban Thi đua – Khen thưởng được gia hạn nộp hồ sơ.")
    )
    reason = (reason or "").strip()
    errors = {}
    if not reason:
        errors["reason"] = _("Phải ghi lý do gia hạn.")
    if award_type is None and movement is None:
        errors["award_type"] = _("Chọn hình thức khen thưởng hoặc phong trào được gia hạn.")
    if until is None or until < timezone.localdate():
        errors["until"] = _("Ngày gia hạn phải từ hôm nay trở đi.")
    if errors:
        raise InvalidInput(" ".join(str(v) for v in errors.values()), fields=errors)
    extension = SubmissionExtension.objects.create(
        unit=unit, award_type=award_type, movement=movement, until=until, reason=reason, granted_by=actor
    )
    record_event(
        action="extension_grant",
        actor=actor,
        comment=reason,
        ip=ip,
        data={
            "extension": extension.pk,
            "unit": unit.pk,
            "award_type": getattr(award_type, "code", None),
            "movement": getattr(movement, "pk", None),
            "until": until.isoformat(),
        },
    )
    return extension
