"""django-q2 jobs. Delivery is at-least-once: each job is safe to run twice."""

import logging

from viewflow.workflow.timers import fire_due_timers

from . import notify
from .sweep import sweep_deadlines

logger = logging.getLogger(__name__)


def run_timers() -> dict:
    """Every minute: fire viewflow's database timers, then the deadline sweep."""
    fired = fire_due_timers()
    counts = sweep_deadlines()
    if fired or any(counts.values()):
        logger.info("timers fired: %s, deadline events: %s", fired, counts)
    return {"timers": fired, **counts}


def deliver_notification(notification_id: int) -> bool:
    return notify.deliver(notification_id)


def daily_digest() -> int:
    """07:30 every day: one e-mail per user who chose the digest."""
    return notify.send_digests()
