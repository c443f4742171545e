"""Citizens' applications for the Huy chương Thanh niên xung phong vẻ vang: every write, with its audit event.

The dates (the commune's clock, the posting's last day, the province's due date) are computed by the
caller on the working-day calendar from the dated time limits (``ApplicationTimeLimit``); these
functions check who acts and what the law asks, fire the transition and write the audit row.
"""

from dataclasses import dataclass, field
from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_fsm import ConcurrentTransition, can_proceed

from ..audit import appended_at_end, record_event
from ..exceptions import DossierChanged, InvalidInput, InvalidState, NotPermitted
from ..models import (
    ApplicationFile,
    ApplicationPosting,
    AwardType,
    CitizenApplication,
    CommuneLetter,
    CouncilMeeting,
    Document,
    DocumentKind,
    Nomination,
    NomineeKind,
    PostingComment,
    Role,
    Route,
    ServiceRecord,
    Unit,
)
from ..policy.permissions import has_any_role
from ..uploads import check_upload
from ._common import require_comment, validation_to_input
from .nomination import nomination_submit_sent_up

A = CitizenApplication.Status
MAX_FILES = 10
# A martyr's case needs the papers of the death on duty; every case its declaration and a proof.
REQUIRED_KINDS = (ApplicationFile.Kind.DECLARATION, ApplicationFile.Kind.PROOF)


# --- who acts --------------------------------------------------------------------


def is_commune_staff(user, commune_id: int, *roles) -> bool:
    """A user of this commune holding one of ``roles`` (the commune's clerk, its Chairman)."""
    roles = roles or (Role.UNIT_CLERK, Role.UNIT_HEAD)
    return bool(
        user is not None
        and user.is_authenticated
        and user.is_active
        and has_any_role(user, *roles)
        and (user.is_superuser or user.unit_id == commune_id)
    )


def _require_commune(user, application_or_commune_id, *roles) -> None:
    commune_id = getattr(application_or_commune_id, "commune_id", application_or_commune_id)
    if not is_commune_staff(user, commune_id, *roles):
        raise NotPermitted(_("Chỉ cán bộ của xã, phường tiếp nhận hồ sơ mới thực hiện được thao tác này."))


def _fire(application: CitizenApplication, action: str, **kwargs) -> str:
    method = getattr(application, action)
    if not can_proceed(method):
        raise InvalidState(
            _("Hồ sơ đang ở trạng thái “%(status)s”, không thể thực hiện thao tác này.")
            % {"status": application.get_status_display()}
        )
    from_status = application.status
    method(**kwargs)
    application.status_changed_at = timezone.now()
    try:
        application.save()
    except ConcurrentTransition as exc:  # someone else moved it first
        raise DossierChanged() from exc
    return from_status


def _audit(application, actor, action, from_status, comment="", ip=None, data=None):
    record_event(
        action=f"application_{action}",
        actor=actor,
        nomination=application.nomination,
        from_status=from_status,
        to_status=application.status,
        comment=comment,
        ip=ip,
        data={"application": application.code, "commune": application.commune_id, **(data or {})},
    )


# --- filing ------------------------------------------------------------------------


@dataclass
class Period:
    force: str
    started_on: date
    ended_on: date


@dataclass
class Filing:
    """What the applicant declares (the public form, the clerk's paper entry or the API)."""

    applicant_name: str
    applicant_identity: str
    address: str
    volunteer_name: str
    volunteer_birth_year: int
    achievements: str
    relationship: str = ""
    phone: str = ""
    email: str = ""
    volunteer_identity: str = ""
    posthumous: bool = False
    death_note: str = ""
    periods: list[Period] = field(default_factory=list)
    # (kind, uploaded file)
    files: list[tuple[str, object]] = field(default_factory=list)


def _digits(value: str, length: int) -> bool:
    return value.isdigit() and len(value) == length


def _check_filing(filing: Filing) -> dict[str, str]:
    errors = {}
    for name in ("applicant_name", "address", "volunteer_name", "achievements"):
        if not (getattr(filing, name) or "").strip():
            errors[name] = _("Bắt buộc.")
    if not _digits(filing.applicant_identity or "", 12):
        errors["applicant_identity"] = _("Số định danh cá nhân (CCCD) gồm 12 chữ số.")
    if filing.volunteer_identity and not _digits(filing.volunteer_identity, 12):
        errors["volunteer_identity"] = _("Số CCCD gồm 12 chữ số.")
    year = filing.volunteer_birth_year or 0
    if not 1900 <= year <= timezone.localdate().year - 14:
        errors["volunteer_birth_year"] = _("Năm sinh không hợp lệ.")
    if not filing.phone and not filing.email:
        errors["phone"] = _("Ghi số điện thoại hoặc e-mail để nhận thông báo.")
    if not filing.periods:
        errors["periods"] = _("Kê khai ít nhất một thời gian tham gia thanh niên xung phong.")
    for period in filing.periods:
        if period.ended_on < period.started_on:
            errors["periods"] = _("Ngày kết thúc phải sau ngày bắt đầu (%(force)s).") % {
                "force": period.force
            }
        if not period.force.strip():
            errors["periods"] = _("Ghi tên đơn vị thanh niên xung phong của từng thời gian.")
    if filing.posthumous:
        if not filing.relationship.strip():
            errors["relationship"] = _("Người nộp hồ sơ truy tặng ghi rõ quan hệ với người đã hy sinh.")
        if not filing.death_note.strip():
            errors["death_note"] = _("Ghi ngày, nơi hy sinh khi làm nhiệm vụ và số Bằng Tổ quốc ghi công.")
    kinds = {kind for kind, _file in filing.files}
    missing = [k for k in REQUIRED_KINDS if k not in kinds]
    if filing.posthumous and ApplicationFile.Kind.MARTYR not in kinds:
        missing.append(ApplicationFile.Kind.MARTYR)
    if missing:
        errors["files"] = _("Còn thiếu: %(kinds)s.") % {
            "kinds": ", ".join(str(ApplicationFile.Kind(k).label) for k in missing)
        }
    if len(filing.files) > MAX_FILES:
        errors["files"] = _("Tối đa %(n)s tệp cho một hồ sơ.") % {"n": MAX_FILES}
    return errors


def _store_files(application, files) -> list[ApplicationFile]:
    """Check each upload by its content (not its name), the total size, then store it."""
    cap = getattr(settings, "APPLICATION_MAX_TOTAL_BYTES", 30 * 1024 * 1024)
    checked, total = [], 0
    for kind, uploaded in files:
        if kind not in ApplicationFile.Kind.values:
            raise InvalidInput(_("Loại giấy tờ không hợp lệ."), fields={"files": _("Không hợp lệ.")})
        try:
            item = check_upload(uploaded)
        except InvalidInput as exc:
            raise InvalidInput(
                _("Tệp “%(name)s”: %(reason)s")
                % {"name": getattr(uploaded, "name", ""), "reason": exc.message},
                fields={"files": exc.message},
            ) from exc
        total += item.size
        if total > cap:
            raise InvalidInput(
                _("Tổng dung lượng các tệp vượt quá %(mb)s MB.") % {"mb": cap // (1024 * 1024)},
                fields={"files": "too_large"},
            )
        checked.append((kind, item))
    stored = []
    for kind, item in checked:
        row = ApplicationFile(
            application=application,
            kind=kind,
            original_name=item.safe_name,
            content_type=item.content_type,
            size=item.size,
            sha256=item.sha256,
        )
        row.file.save(item.safe_name, ContentFile(item.content), save=False)
        row.save()
        stored.append(row)
    return stored


def application_file(
    *, commune: Unit, filing: Filing, today: date, due_on: date, actor=None, ip: str | None = None
) -> CitizenApplication:
    """A declaration filed with the commune, online (no account) or entered by the commune's clerk
    from paper; the commune's clock starts on the day of receipt."""
    if commune is None or commune.kind != Unit.Kind.COMMUNE or not commune.is_valid_on(today):
        raise InvalidInput(_("Chọn xã, phường nơi cư trú."), fields={"commune": _("Không hợp lệ.")})
    if actor is not None:
        _require_commune(actor, commune.pk, Role.UNIT_CLERK)
    errors = _check_filing(filing)
    if errors:
        raise InvalidInput(" ".join(errors.values()), fields=errors)
    with transaction.atomic(), appended_at_end():
        application = CitizenApplication(
            commune=commune,
            channel=CitizenApplication.Channel.PAPER
            if actor is not None
            else CitizenApplication.Channel.ONLINE,
            entered_by=actor,
            clock_started_on=today,
            commune_due_on=due_on,
            **{
                name: (
                    getattr(filing, name).strip()
                    if isinstance(getattr(filing, name), str)
                    else getattr(filing, name)
                )
                for name in (
                    "applicant_name",
                    "applicant_identity",
                    "relationship",
                    "phone",
                    "email",
                    "address",
                    "volunteer_name",
                    "volunteer_birth_year",
                    "volunteer_identity",
                    "posthumous",
                    "death_note",
                    "achievements",
                )
            },
        )
        application.save()
        for period in filing.periods:
            application.periods.create(
                force=period.force.strip()[:255], started_on=period.started_on, ended_on=period.ended_on
            )
        _store_files(application, filing.files)
        _audit(application, actor, "file", "", ip=ip, data={"channel": application.channel})
    return application


# --- the commune -------------------------------------------------------------------


@transaction.atomic
def application_check(
    *, application: CitizenApplication, actor, complete: bool, missing: str = "", days_used: int = 0, ip=None
) -> CitizenApplication:
    """The clerk's completeness check: complete, or returned with what is missing (the clock stops)."""
    _require_commune(actor, application, Role.UNIT_CLERK)
    if complete:
        from_status = _fire(application, "accept")
        _audit(application, actor, "accept", from_status, ip=ip)
    else:
        missing = require_comment(missing, _("trả lại hồ sơ để bổ sung"))
        from_status = _fire(application, "return_for_documents", missing=missing, days_used=days_used)
        _audit(application, actor, "return", from_status, missing, ip, {"days_used": days_used})
    return application


@transaction.atomic
def application_resubmit(
    *, application: CitizenApplication, files, note: str, today: date, due_on: date, actor=None, ip=None
) -> CitizenApplication:
    """The missing papers arrive (online with the code, or handed to the clerk): the clock runs again."""
    if actor is not None:
        _require_commune(actor, application, Role.UNIT_CLERK)
    if not files:
        raise InvalidInput(_("Tải lên giấy tờ cần bổ sung."), fields={"files": _("Bắt buộc.")})
    if application.files.count() + len(files) > MAX_FILES * 2:
        raise InvalidInput(_("Hồ sơ đã có quá nhiều tệp."), fields={"files": "too_many"})
    from_status = _fire(application, "resubmit", today=today, due_on=due_on)
    _store_files(application, files)
    _audit(application, actor, "resubmit", from_status, (note or "").strip()[:2000], ip)
    return application


def application_post(*, applications, actor, opens_on: date, closes_on: date, ip=None) -> ApplicationPosting:
    """The commune posts its list of complete cases on its public page for the working days the law sets."""
    applications = list(applications)
    if not applications:
        message = _("Chọn ít nhất một hồ sơ để niêm yết.")
        raise InvalidInput(message, fields={"applications": message})
    commune_ids = {a.commune_id for a in applications}
    if len(commune_ids) != 1:
        raise InvalidInput(_("Một danh sách niêm yết chỉ gồm hồ sơ của một xã."))
    _require_commune(actor, commune_ids.pop(), Role.UNIT_CLERK, Role.UNIT_HEAD)
    if closes_on <= opens_on:
        raise InvalidInput(_("Ngày kết thúc niêm yết phải sau ngày bắt đầu."))
    with transaction.atomic(), appended_at_end():
        posting = ApplicationPosting.objects.create(
            commune_id=applications[0].commune_id, opens_on=opens_on, closes_on=closes_on, created_by=actor
        )
        for application in applications:
            application = CitizenApplication.objects.select_for_update().get(pk=application.pk)
            from_status = _fire(application, "post", posting=posting)
            _audit(
                application,
                actor,
                "post",
                from_status,
                ip=ip,
                data={"opens_on": opens_on.isoformat(), "closes_on": closes_on.isoformat()},
            )
    return posting


@transaction.atomic
def posting_comment_add(*, posting: ApplicationPosting, name: str, contact: str, body: str, ip=None):
    """A citizen's comment on a posted list, accepted only while it is posted."""
    if posting is None or not posting.is_open():
        raise InvalidState(_("Danh sách không còn trong thời gian niêm yết."))
    name, body = (name or "").strip()[:150], (body or "").strip()[:5000]
    if not name or not body:
        raise InvalidInput(_("Cần ghi họ tên và nội dung góp ý."))
    return PostingComment.objects.create(
        posting=posting, name=name, contact=(contact or "").strip()[:150], body=body, ip=ip
    )


def application_review(
    *,
    applications,
    actor,
    held_on: date,
    members_total: int,
    members_present: int,
    minutes,
    attendees: str = "",
    note: str = "",
    ip=None,
) -> CouncilMeeting:
    """The commune's one review meeting for many posted cases, once their posting has ended."""
    applications = list(applications)
    if not applications:
        message = _("Chọn các hồ sơ đã xét tại cuộc họp.")
        raise InvalidInput(message, fields={"applications": message})
    commune_ids = {a.commune_id for a in applications}
    if len(commune_ids) != 1:
        raise InvalidInput(_("Một cuộc họp xét chỉ gồm hồ sơ của một xã."))
    commune_id = commune_ids.pop()
    _require_commune(actor, commune_id, Role.UNIT_CLERK, Role.UNIT_HEAD)
    errors = {}
    if not 0 < members_present <= members_total:
        errors["members_present"] = _("Số thành viên có mặt phải từ 1 đến tổng số thành viên.")
    if held_on > timezone.localdate():
        errors["held_on"] = _("Ngày họp không được sau hôm nay.")
    if minutes is None:
        errors["minutes"] = _("Tải lên biên bản cuộc họp.")
    for application in applications:
        if application.posting and held_on <= application.posting.closes_on:
            errors["held_on"] = _("Chỉ họp xét sau khi hết thời gian niêm yết (đến ngày %(d)s).") % {
                "d": application.posting.closes_on.strftime("%d/%m/%Y")
            }
    if errors:
        raise InvalidInput(" ".join(errors.values()), fields=errors)
    checked = check_upload(minutes)
    with transaction.atomic(), appended_at_end():
        meeting = CouncilMeeting.objects.create(
            kind=CouncilMeeting.Kind.UNIT,
            unit_id=commune_id,
            held_on=held_on,
            members_total=members_total,
            members_present=members_present,
            attendees=(attendees or "").strip(),
            note=(note or "").strip(),
            recorded_by=actor,
        )
        document = Document(
            meeting=meeting,
            kind=DocumentKind.BIEN_BAN,
            original_name=checked.safe_name,
            content_type=checked.content_type,
            size=checked.size,
            sha256=checked.sha256,
            uploaded_by=actor,
        )
        document.file.save(checked.safe_name, ContentFile(checked.content), save=False)
        document.save()
        for application in applications:
            application = CitizenApplication.objects.select_for_update().get(pk=application.pk)
            from_status = _fire(application, "review", meeting=meeting)
            _audit(application, actor, "review", from_status, ip=ip, data={"meeting": meeting.pk})
    return meeting


@transaction.atomic
def application_refuse(*, application: CitizenApplication, actor, reason: str, ip=None) -> CitizenApplication:
    """The commune Chairman tells the applicant why the case is not sent up."""
    _require_commune(actor, application, Role.UNIT_HEAD)
    reason = require_comment(reason, _("không đề nghị"))
    from_status = _fire(application, "refuse", reason=reason)
    _audit(application, actor, "refuse", from_status, reason, ip)
    return application


@dataclass
class SentUp:
    letter: CommuneLetter
    nominations: list[Nomination]
    refused: list[CitizenApplication]


def tnxp_award_type() -> AwardType:
    code = getattr(settings, "CITIZEN_APPLICATION_AWARD_CODE", "HC_TNXP")
    award = AwardType.objects.filter(code=code).first()
    if award is None:
        raise InvalidState(_("Danh mục chưa có hình thức Huy chương Thanh niên xung phong vẻ vang."))
    return award


def _nomination_for(application: CitizenApplication, *, actor, award, letter, meeting_minutes) -> Nomination:
    """The upward dossier a case becomes: the commune's letter as its tờ trình, the declaration as
    its report, the meeting's minutes; the declared periods become the service history the
    province's appraisal checks (certified by the commune's review)."""
    today = timezone.localdate()
    nomination = Nomination(
        unit_id=application.commune_id,
        created_by=actor,
        award_type=award,
        route=Route.RESISTANCE,
        year=today.year,
        nominee_kind=NomineeKind.INDIVIDUAL,
        nominee_name=application.volunteer_name,
        nominee_birth_year=application.volunteer_birth_year,
        nominee_citizen_id=application.volunteer_identity,
        household_address=application.address[:255],
        achievements=application.achievements,
        posthumous=application.posthumous,
    )
    try:
        nomination.full_clean(exclude=["status", "created_by", "unit", "award_type"])
    except ValidationError as exc:
        raise validation_to_input(exc) from exc
    nomination.save()
    declaration = application.files.filter(kind=ApplicationFile.Kind.DECLARATION).first()
    # The same stored files, not copies: the letter and the minutes are one file for every case.
    for kind, source in (
        (DocumentKind.TO_TRINH, letter),
        (DocumentKind.BAO_CAO_THANH_TICH, declaration),
        (DocumentKind.BIEN_BAN, meeting_minutes),
    ):
        name = source.file.name
        Document.objects.create(
            nomination=nomination,
            kind=kind,
            file=name,
            original_name=getattr(source, "original_name", "") or name.rsplit("/", 1)[-1],
            content_type=getattr(source, "content_type", "") or "application/pdf",
            size=getattr(source, "size", None) or source.file.size,
            sha256=source.sha256,
            dossier_version=1,
            uploaded_by=actor,
        )
    for period in application.periods.all():
        ServiceRecord.objects.create(
            nominee_name=application.volunteer_name,
            nominee_citizen_id=application.volunteer_identity,
            nominee_birth_year=application.volunteer_birth_year,
            force=period.force,
            started_on=period.started_on,
            ended_on=period.ended_on,
            evidence=_("Hồ sơ %(code)s, xã xét ngày %(day)s")
            % {"code": application.code, "day": application.meeting.held_on.strftime("%d/%m/%Y")},
        )
    return nomination


def application_send_up(
    *,
    actor,
    commune_id: int,
    number: str,
    signed_on: date,
    letter_file,
    send,
    refuse: dict,
    province_due_on: date,
    ip=None,
) -> SentUp:
    """The commune Chairman's one letter to the provincial Chairman: the reviewed cases that meet the
    conditions become upward dossiers; the others are refused with the reason told to the applicant.

    Runs inside the caller's transaction (the engine then starts each dossier's flow)."""
    _require_commune(actor, commune_id, Role.UNIT_HEAD)
    send, refuse = list(send), dict(refuse)
    if not send and not refuse:
        raise InvalidInput(_("Chọn hồ sơ trình tỉnh hoặc hồ sơ không đề nghị."))
    for application in [*send, *refuse]:
        if application.commune_id != commune_id:
            raise NotPermitted()
    missing_reason = [a.code for a, reason in refuse.items() if not (reason or "").strip()]
    if missing_reason:
        message = _("Ghi lý do không đề nghị cho hồ sơ: %(codes)s.") % {"codes": ", ".join(missing_reason)}
        raise InvalidInput(message, fields={"refuse": message})
    letter = None
    nominations = []
    if send:
        number = (number or "").strip()
        if not number or letter_file is None:
            message = _("Ghi số tờ trình và tải lên tờ trình đã ký.")
            raise InvalidInput(message, fields={"letter": message})
        checked = check_upload(letter_file)
        award = tnxp_award_type()
        letter = CommuneLetter(
            commune_id=commune_id,
            number=number[:50],
            signed_on=signed_on,
            signed_by=actor,
            sha256=checked.sha256,
        )
        letter.file.save(checked.safe_name, ContentFile(checked.content), save=False)
        letter.save()
        for application in send:
            application = CitizenApplication.objects.select_for_update().get(pk=application.pk)
            if application.status != A.REVIEWED or application.meeting_id is None:
                raise InvalidState(
                    _("Hồ sơ %(code)s chưa được xã họp xét, chưa trình được.") % {"code": application.code}
                )
            nomination = _nomination_for(
                application,
                actor=actor,
                award=award,
                letter=letter,
                meeting_minutes=application.meeting.minutes,
            )
            nomination_submit_sent_up(nomination=nomination, actor=actor, ip=ip)
            from_status = _fire(
                application, "send_up", letter=letter, nomination=nomination, province_due_on=province_due_on
            )
            _audit(application, actor, "send_up", from_status, ip=ip, data={"letter": letter.number})
            nominations.append(nomination)
    refused = []
    for application, reason in refuse.items():
        application = CitizenApplication.objects.select_for_update().get(pk=application.pk)
        reason = reason.strip()
        from_status = _fire(application, "refuse", reason=reason)
        _audit(application, actor, "refuse", from_status, reason, ip)
        refused.append(application)
    return SentUp(letter=letter, nominations=nominations, refused=refused)


def application_follow(*, nomination: Nomination, actor=None) -> CitizenApplication | None:
    """The central result of a case that started with a citizen concludes the application."""
    application = CitizenApplication.objects.filter(nomination=nomination).first()
    if application is None or application.status != A.SENT_UP:
        return None
    if nomination.status == Nomination.Status.AWARDED:
        note = _("Đã được Chủ tịch nước quyết định tặng thưởng Huy chương Thanh niên xung phong vẻ vang.")
        line = nomination.decision_lines.exclude(result_decision_number="").order_by("-id").first()
        if line is not None:
            note = _("Đã được tặng thưởng theo Quyết định số %(n)s ngày %(d)s.") % {
                "n": line.result_decision_number,
                "d": line.result_decision_date.strftime("%d/%m/%Y") if line.result_decision_date else "",
            }
        awarded = True
    elif nomination.status == Nomination.Status.REJECTED:
        last = nomination.comments.order_by("-id").first()
        note = (last.body if last else "") or _("Không được tặng thưởng.")
        awarded = False
    else:
        return None
    from_status = _fire(application, "conclude", awarded=awarded, note=note)
    _audit(application, actor, "conclude", from_status, note)
    return application
