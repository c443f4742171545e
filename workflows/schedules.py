"""The django-q2 schedules this system needs, created idempotently."""

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.utils import timezone

SCHEDULES = {
    "Quy trình: hẹn giờ và hạn xử lý": {
        "func": "workflows.tasks.run_sweep",
        "schedule_type": "I",  # minutes
        "minutes": 1,
    },
    "Thông báo: bản tổng hợp hằng ngày 07:30": {
        "func": "workflows.tasks.daily_digest",
        "schedule_type": "D",
        "at": time(7, 30),
    },
}

LOCAL = ZoneInfo("Asia/Ho_Chi_Minh")


def _next_local(at: time, now=None) -> datetime:
    now = (now or timezone.now()).astimezone(LOCAL)
    candidate = now.replace(hour=at.hour, minute=at.minute, second=0, microsecond=0)
    if candidate <= now:
        candidate += timedelta(days=1)
    return candidate


def ensure_schedules(**kwargs) -> list[str]:
    """Create or update the schedules by name; running it twice changes nothing."""
    from django_q.models import Schedule

    changed = []
    for name, spec in SCHEDULES.items():
        spec = dict(spec)
        at = spec.pop("at", None)
        existing = Schedule.objects.filter(name=name).first()
        if existing is None:
            Schedule.objects.create(
                name=name, next_run=_next_local(at) if at else timezone.now(), repeats=-1, **spec
            )
            changed.append(name)
            continue
        dirty = [k for k, v in spec.items() if getattr(existing, k) != v]
        if dirty:
            for k in dirty:
                setattr(existing, k, spec[k])
            existing.save(update_fields=dirty)
            changed.append(name)
    return changed
