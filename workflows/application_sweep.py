"""The deadline sweep's part for citizens' applications: the commune's and the province's working-day
limits get the same three notices as every stage (reminder two working days before, overdue after
the due day, escalation three working days after), each once per due date.

Run by the same sweep as the dossiers' deadlines (``tasks.run_sweep``). The commune's clerks and
Chairman hear of the commune's limit (the Chairman is the escalation); the province's appraisers of
the province's limit, its agency head of the escalation. Each notice is idempotent by its key, and
the application keeps the last level sent for its due date, so a minute's sweep reads a handful.
"""

from datetime import timedelta

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from nominations.models import CitizenApplication, Role, User

from .calendar import WorkingCalendar
from .deadlines import ESCALATE_AFTER, REMIND_BEFORE
from .notify import notify

S = CitizenApplication.Status
AT_COMMUNE = (S.FILED, S.RESUBMITTED, S.COMPLETE, S.POSTED, S.REVIEWED)
# Calendar days ahead that can hold two working days (Tết's week and its weekends).
LOOKAHEAD_DAYS = 14
REMIND, OVERDUE, ESCALATE = 1, 2, 3


def _due(application):
    return application.province_due_on if application.status == S.SENT_UP else application.commune_due_on


def _level(due, today, calendar) -> int:
    if today >= calendar.add_working_days(due, ESCALATE_AFTER):
        return ESCALATE
    if today > due:
        return OVERDUE
    if today >= calendar.add_working_days(due, -REMIND_BEFORE):
        return REMIND
    return 0


def _people(application, level) -> list:
    if application.status == S.SENT_UP:
        role = Role.AGENCY_HEAD if level == ESCALATE else Role.APPRAISER
        return list(User.objects.filter(groups__name=role, is_active=True).distinct())
    roles = [Role.UNIT_CLERK] + ([Role.UNIT_HEAD] if level >= OVERDUE else [])
    return list(
        User.objects.filter(unit_id=application.commune_id, groups__name__in=roles, is_active=True).distinct()
    )


def sweep_applications(*, today=None) -> dict:
    today = today or timezone.localdate()
    calendar = WorkingCalendar()
    horizon = today + timedelta(days=LOOKAHEAD_DAYS)
    candidates = (
        CitizenApplication.objects.filter(
            Q(status__in=AT_COMMUNE, commune_due_on__lte=horizon)
            | Q(status=S.SENT_UP, province_due_on__lte=horizon)
        )
        .exclude(alert_level__gte=ESCALATE, alert_for__isnull=False)
        .select_related("commune", "nomination")
    )
    counts = {"application_reminders": 0, "application_overdue": 0, "application_escalations": 0}
    for application in candidates:
        due = _due(application)
        level = _level(due, today, calendar)
        already = application.alert_level if application.alert_for == due else 0
        if level <= already:
            continue
        v = {
            "code": application.code,
            "name": application.volunteer_name,
            "commune": application.commune.name,
            "due": due.strftime("%d/%m/%Y"),
        }
        title = {
            REMIND: _("Sắp đến hạn hồ sơ Huy chương TNXP %(code)s (%(name)s, %(commune)s): hạn %(due)s"),
            OVERDUE: _("Quá hạn hồ sơ Huy chương TNXP %(code)s (%(name)s, %(commune)s): hạn %(due)s"),
            ESCALATE: _("Báo cáo: hồ sơ Huy chương TNXP %(code)s (%(name)s, %(commune)s) quá hạn %(due)s"),
        }[level] % v
        url = (
            reverse("nominations:detail", args=[application.nomination_id])
            if application.status == S.SENT_UP and application.nomination_id
            else reverse("applications:detail", args=[application.pk])
        )
        notify(
            recipients=_people(application, level),
            kind="application_deadline",
            title=title,
            url=url,
            nomination=application.nomination if application.status == S.SENT_UP else None,
            key=f"application_deadline:{application.pk}:{due.isoformat()}:{level}",
        )
        CitizenApplication.objects.filter(pk=application.pk).update(alert_level=level, alert_for=due)
        counts[
            {
                REMIND: "application_reminders",
                OVERDUE: "application_overdue",
                ESCALATE: "application_escalations",
            }[level]
        ] += 1
    return counts
