"""django-q2 jobs. Delivery is at-least-once: each job is safe to run twice."""

import logging

from nominations import audit

from . import notify
from .sweep import sweep_deadlines

logger = logging.getLogger(__name__)


def run_sweep() -> dict:
    """Every minute: reminders, overdue notices and escalations that are due (each once), and
    e-mails stuck in "pending" queued again.

    The flow defines no viewflow timers (deadlines live in ``TaskDeadline``), so
    there is nothing for viewflow's own timer runner to fire.
    """
    counts = sweep_deadlines()
    counts["redelivered"] = notify.redeliver_stuck()
    audit.checkpoint()
    if any(counts.values()):
        logger.info("deadline events: %s", counts)
    return counts


def deliver_notification(notification_id: int) -> bool:
    return notify.deliver(notification_id)


def deliver_notifications(notification_ids: list[int]) -> int:
    """One job per sweep batch: each e-mail once (a delivered one is skipped on a retry)."""
    return sum(notify.deliver(pk) for pk in notification_ids)


def daily_digest() -> int:
    """07:30 every day: one e-mail per user who chose the digest; in December, a word to the
    administrators if next year's official day swaps are not recorded yet."""
    from django.utils import timezone

    from .calendar import warn_if_next_year_unannounced

    warn_if_next_year_unannounced(today=timezone.localdate())
    return notify.send_digests()
