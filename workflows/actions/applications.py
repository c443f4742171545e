"""Citizens' applications (Huy chương TNXP vẻ vang): the dates from the dated time limits and the
working-day calendar, the domain's service, then who is told.

The commune's clock runs from the day of receipt for the working days the law in force gives; a
return for more papers stops it (the days used are kept) and the resubmission starts it again for
what is left. Posting lasts the law's working days from the day it opens. The case sent up gets the
province's working days from the Chairman's letter, and its dossier enters the upward path.
"""

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from nominations import services
from nominations.audit import appended_at_end
from nominations.exceptions import InvalidState
from nominations.models import ApplicationTimeLimit, CitizenApplication, Role, User

from .. import applicants
from ..calendar import WorkingCalendar
from ..notify import notify
from .door import races_told_as_changed, start_process

Step = ApplicationTimeLimit.Step


def working_days(step: str, on) -> int:
    try:
        return ApplicationTimeLimit.in_force(step, on)
    except LookupError:
        raise InvalidState(
            _("Chưa có thời hạn “%(step)s” áp dụng ngày %(day)s: quản trị viên cần khai báo.")
            % {"step": Step(step).label, "day": on.strftime("%d/%m/%Y")}
        ) from None


def _commune_people(commune_id: int, role: str) -> list:
    return list(User.objects.filter(unit_id=commune_id, groups__name=role, is_active=True).distinct())


def _tell_commune(application, role: str, kind: str, title: str) -> None:
    notify(
        recipients=_commune_people(application.commune_id, role),
        kind=kind,
        title=title,
        url=reverse("applications:detail", args=[application.pk]),
        key=f"{kind}:{application.pk}:{application.status_changed_at.timestamp():.0f}",
    )


def file_application(*, commune, filing, actor=None, ip=None) -> CitizenApplication:
    """Filed online or entered from paper: the clock starts today; the clerk and the applicant hear."""
    today = timezone.localdate()
    due_on = WorkingCalendar().add_working_days(today, working_days(Step.COMMUNE, today))
    with transaction.atomic():
        application = services.application_file(
            commune=commune, filing=filing, today=today, due_on=due_on, actor=actor, ip=ip
        )
        _tell_commune(
            application,
            Role.UNIT_CLERK,
            "application_filed",
            _("Hồ sơ Huy chương TNXP mới: %(name)s (%(code)s)")
            % {"name": application.volunteer_name, "code": application.code},
        )
        applicants.tell(application, "filed")
    return application


def check_application(*, application, actor, complete: bool, missing: str = "", ip=None):
    today = timezone.localdate()
    used = 0
    if not complete and application.clock_started_on:
        used = application.days_used + max(
            WorkingCalendar().working_days_between(application.clock_started_on, today), 0
        )
    with races_told_as_changed(), transaction.atomic():
        application = CitizenApplication.objects.select_for_update().get(pk=application.pk)
        services.application_check(
            application=application, actor=actor, complete=complete, missing=missing, days_used=used, ip=ip
        )
        if not complete:
            applicants.tell(application, "returned")
    return application


def resubmit_application(*, application, files, note: str = "", actor=None, ip=None):
    """The papers asked for: the clock runs again for the working days left."""
    today = timezone.localdate()
    limit = working_days(
        Step.COMMUNE, application.filed_at.astimezone(timezone.get_current_timezone()).date()
    )
    due_on = WorkingCalendar().add_working_days(today, max(limit - application.days_used, 0))
    with races_told_as_changed(), transaction.atomic():
        application = CitizenApplication.objects.select_for_update().get(pk=application.pk)
        services.application_resubmit(
            application=application, files=files, note=note, today=today, due_on=due_on, actor=actor, ip=ip
        )
        _tell_commune(
            application,
            Role.UNIT_CLERK,
            "application_resubmitted",
            _("Hồ sơ %(code)s đã nộp bổ sung") % {"code": application.code},
        )
    return application


def post_applications(*, applications, actor, ip=None):
    """The list goes on the public page today for the posting's working days."""
    opens_on = timezone.localdate()
    closes_on = WorkingCalendar().add_working_days(opens_on, working_days(Step.POSTING, opens_on))
    with races_told_as_changed(), transaction.atomic():
        posting = services.application_post(
            applications=applications, actor=actor, opens_on=opens_on, closes_on=closes_on, ip=ip
        )
        for application in posting.applications.all():
            applicants.tell(application, "posted")
    return posting


def add_posting_comment(*, posting, ip=None, **fields):
    """A citizen's comment on a posted list; the commune's clerks hear of it."""
    with transaction.atomic():
        comment = services.posting_comment_add(posting=posting, ip=ip, **fields)
        notify(
            recipients=_commune_people(posting.commune_id, Role.UNIT_CLERK),
            kind="posting_comment",
            title=_("Có ý kiến về danh sách niêm yết Huy chương TNXP"),
            body=comment.body[:500],
            url=reverse("applications:list"),
            key=f"posting_comment:{comment.pk}",
        )
    return comment


def review_applications(*, applications, actor, ip=None, **meeting):
    """The commune's one meeting for many cases; its Chairman is told that cases await the letter."""
    with races_told_as_changed():
        record = services.application_review(applications=applications, actor=actor, ip=ip, **meeting)
    with transaction.atomic():
        notify(
            recipients=_commune_people(record.unit_id, Role.UNIT_HEAD),
            kind="application_reviewed",
            title=_("Có hồ sơ Huy chương TNXP chờ Chủ tịch xã trình tỉnh"),
            url=reverse("applications:send_up"),
            key=f"application_reviewed:{record.pk}",
        )
    return record


def send_up(*, actor, commune_id, number, signed_on, letter_file, send, refuse, ip=None):
    """The Chairman's one letter: the cases sent up start their upward flow (the province's
    appraisers are told as for any dossier), the others are refused; every applicant hears."""
    today = timezone.localdate()
    province_due_on = WorkingCalendar().add_working_days(today, working_days(Step.PROVINCE, today))
    with races_told_as_changed(), transaction.atomic(), appended_at_end():
        result = services.application_send_up(
            actor=actor,
            commune_id=commune_id,
            number=number,
            signed_on=signed_on,
            letter_file=letter_file,
            send=send,
            refuse=refuse,
            province_due_on=province_due_on,
            ip=ip,
        )
        for nomination in result.nominations:
            start_process(nomination)
    for nomination in result.nominations:
        applicants.tell(nomination.application, "sent_up")
    for application in result.refused:
        applicants.tell(application, "refused")
    return result


def refuse_application(*, application, actor, reason: str, ip=None):
    with races_told_as_changed(), transaction.atomic():
        application = CitizenApplication.objects.select_for_update().get(pk=application.pk)
        services.application_refuse(application=application, actor=actor, reason=reason, ip=ip)
        applicants.tell(application, "refused")
    return application


def tell_results(nominations) -> None:
    """After a central result: the applicants of the cases it concluded hear the decision."""
    for application in CitizenApplication.objects.filter(
        nomination__in=list(nominations),
        status__in=[CitizenApplication.Status.AWARDED, CitizenApplication.Status.NOT_AWARDED],
    ).select_related("commune", "posting"):
        applicants.tell(application, "decided")
