"""django-q2 jobs. Delivery is at-least-once: each job is safe to run twice."""

import logging

from nominations import audit

from . import announce, notify
from .application_sweep import sweep_applications
from .sweep import sweep_deadlines

logger = logging.getLogger(__name__)


def run_sweep() -> dict:
    """Every minute: reminders, overdue notices and escalations that are due (each once), and
    e-mails stuck in "pending" queued again.

    The flow defines no viewflow timers (deadlines live in ``TaskDeadline``), so
    there is nothing for viewflow's own timer runner to fire.
    """
    counts = sweep_deadlines()
    counts.update(sweep_applications())
    counts["redelivered"] = notify.redeliver_stuck()
    counts["exports_restarted"] = restart_stale_exports()
    audit.checkpoint()
    if any(counts.values()):
        logger.info("deadline events: %s", counts)
    return counts


def deliver_notification(notification_id: int) -> bool:
    return notify.deliver(notification_id)


def deliver_notifications(notification_ids: list[int]) -> int:
    """One job per sweep batch: each e-mail once (a delivered one is skipped on a retry)."""
    return sum(notify.deliver(pk) for pk in notification_ids)


def announce_arrivals(nomination_ids: list[int]) -> int:
    """Dossiers that reached a stage: their stage's people are told (once per task)."""
    return announce.announce_arrivals(nomination_ids)


def daily_digest() -> int:
    """07:30 every day: one e-mail per user who chose the digest; in December, a word to the
    administrators if next year's official day swaps are not recorded yet."""
    from django.utils import timezone

    from .calendar import warn_if_next_year_unannounced

    warn_if_next_year_unannounced(today=timezone.localdate())
    return notify.send_digests()


def run_report_export(export_id: int) -> str:
    """A large export; its state is in the ReportExport row, so a restart loses nothing."""
    from nominations.services.report_export import export_run

    return export_run(export_id=export_id)


def queue_report_export(export_id: int) -> None:
    """Queue the export once the row is committed; long exports get a long timeout."""
    from django.db import transaction
    from django_q.tasks import async_task

    transaction.on_commit(
        lambda: async_task(
            "workflows.tasks.run_report_export", export_id, timeout=3600, task_name=f"export-{export_id}"
        )
    )


def restart_stale_exports() -> int:
    """Exports whose worker died (no heartbeat for a while) are queued again: the state is in the DB."""
    from nominations.models import ReportExport
    from nominations.services.report_export import export_is_stale

    restarted = 0
    for export in ReportExport.objects.filter(
        status__in=[ReportExport.Status.QUEUED, ReportExport.Status.RUNNING]
    ):
        if export_is_stale(export):
            queue_report_export(export.pk)
            restarted += 1
    return restarted
