"""Opening a public comment window: at least 10 working days on the official calendar."""

from django.db import transaction
from django.utils import timezone

from nominations import services

from .. import announce
from ..calendar import WorkingCalendar

MIN_WORKING_DAYS = 10  # Decree 98/2023 Art. 46(2)


def open_disclosure(*, nomination, actor, working_days: int = MIN_WORKING_DAYS, ip=None):
    days = max(int(working_days), MIN_WORKING_DAYS)
    opens_on = timezone.localdate()
    closes_on = WorkingCalendar().add_working_days(opens_on, days)
    return services.disclosure_create(
        nomination=nomination, actor=actor, opens_on=opens_on, closes_on=closes_on, ip=ip
    )


def add_public_comment(*, disclosure, ip=None, **fields):
    """A citizen's comment; whoever opened the window and the appraisers are told."""
    with transaction.atomic():
        comment = services.public_comment_add(disclosure=disclosure, ip=ip, **fields)
        announce.after_public_comment(comment=comment)
    return comment
