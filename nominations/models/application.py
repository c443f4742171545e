"""Applications that start with a citizen: Huy chương Thanh niên xung phong vẻ vang (QĐ 01/2026/QĐ-TTg).

A former youth volunteer (or a relative, for a posthumous case) files a declaration and the proof of
service with the commune of residence, online or on paper. The commune checks it, posts the list,
meets once for many cases, and its Chairman sends the cases that qualify up in one letter; each case
sent up becomes a ``Nomination`` on the upward path. django-fsm owns ``CitizenApplication.status``
(the ``APPLICATION`` lifecycle table); only ``nominations.services`` fires its transitions.
"""

import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_fsm import FSMField

from ..policy.lifecycle import APPLICATION
from ..vocabulary import ApplicationStatus, ApplicationStep
from .base import ProtectedStatusModel, table_transition
from .meeting import CouncilMeeting
from .nomination import Nomination
from .organisation import Unit

# Tracking codes: no 0/O, 1/I/L, so a code read over the phone is typed right.
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 10


def new_tracking_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


class ApplicationTimeLimit(models.Model):
    """The working days a step of the application has, as the law in force on a date says."""

    Step = ApplicationStep

    step = models.CharField(_("bước"), max_length=20, choices=ApplicationStep.choices)
    working_days = models.PositiveIntegerField(_("số ngày làm việc"))
    valid_from = models.DateField(_("áp dụng từ ngày"))
    valid_to = models.DateField(_("đến ngày"), null=True, blank=True)
    legal_basis = models.CharField(_("căn cứ"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("thời hạn xét hồ sơ Huy chương TNXP")
        verbose_name_plural = _("thời hạn xét hồ sơ Huy chương TNXP")
        ordering = ["step", "-valid_from"]

    def __str__(self):
        return f"{self.get_step_display()}: {self.working_days}"

    @classmethod
    def in_force(cls, step: str, on) -> int:
        """The working days of ``step`` on the date ``on``; LookupError when no row covers it."""
        row = (
            cls.objects.filter(step=step, valid_from__lte=on)
            .filter(models.Q(valid_to__isnull=True) | models.Q(valid_to__gte=on))
            .order_by("-valid_from")
            .first()
        )
        if row is None:
            raise LookupError(step)
        return row.working_days


class ApplicationPosting(models.Model):
    """The commune's public list (niêm yết) of the applications it is considering, open for comment."""

    commune = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="+", verbose_name=_("xã, phường")
    )
    opens_on = models.DateField(_("từ ngày"))
    closes_on = models.DateField(_("đến ngày"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("người lập")
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("danh sách niêm yết")
        verbose_name_plural = _("danh sách niêm yết")
        ordering = ["-opens_on", "-id"]

    def __str__(self):
        return f"{self.commune} ({self.opens_on:%d/%m/%Y}–{self.closes_on:%d/%m/%Y})"

    def is_open(self, today=None) -> bool:
        today = today or timezone.localdate()
        return self.opens_on <= today <= self.closes_on


class PostingComment(models.Model):
    """A citizen's comment on a posted list (like a disclosure window's comment); reaches the commune."""

    posting = models.ForeignKey(
        ApplicationPosting, on_delete=models.CASCADE, related_name="comments", verbose_name=_("danh sách")
    )
    name = models.CharField(_("họ tên người góp ý"), max_length=150)
    contact = models.CharField(_("điện thoại hoặc e-mail"), max_length=150, blank=True)
    body = models.TextField(_("nội dung"))
    ip = models.GenericIPAddressField(_("địa chỉ IP"), null=True, blank=True)
    created_at = models.DateTimeField(_("thời gian"), default=timezone.now)

    class Meta:
        verbose_name = _("ý kiến về danh sách niêm yết")
        verbose_name_plural = _("ý kiến về danh sách niêm yết")
        ordering = ["created_at"]

    def __str__(self):
        return f"{self.name}: {self.body[:40]}"


class CommuneLetter(models.Model):
    """The commune Chairman's one letter (tờ trình) sending cases up to the provincial Chairman."""

    commune = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="+", verbose_name=_("xã, phường")
    )
    number = models.CharField(_("số tờ trình"), max_length=50)
    signed_on = models.DateField(_("ngày ký"))
    signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("người ký")
    )
    file = models.FileField(_("tệp"), upload_to="applications/letters/%Y/", max_length=500)
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("tờ trình của xã")
        verbose_name_plural = _("tờ trình của xã")
        ordering = ["-signed_on", "-id"]

    def __str__(self):
        return self.number


def _lifecycle(field, action: str):
    return table_transition(APPLICATION, field, action)


class CitizenApplication(ProtectedStatusModel):
    """One person's application for the Huy chương Thanh niên xung phong vẻ vang, filed with a commune."""

    Status = ApplicationStatus

    class Channel(models.TextChoices):
        ONLINE = "online", _("Nộp trực tuyến")
        PAPER = "paper", _("Nộp trực tiếp hoặc qua bưu điện")

    code = models.CharField(_("mã tra cứu"), max_length=20, unique=True, editable=False)
    commune = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="applications", verbose_name=_("xã, phường nơi cư trú")
    )
    channel = models.CharField(_("hình thức nộp"), max_length=10, choices=Channel.choices)
    # The person who files: the volunteer, or a relative for a posthumous case.
    applicant_name = models.CharField(_("họ tên người nộp"), max_length=150)
    applicant_identity = models.CharField(_("số định danh (CCCD) người nộp"), max_length=12)
    relationship = models.CharField(
        _("quan hệ với người được đề nghị"),
        max_length=100,
        blank=True,
        help_text=_("Để trống nếu người nộp là chính người tham gia thanh niên xung phong."),
    )
    phone = models.CharField(_("điện thoại"), max_length=20, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    address = models.CharField(_("địa chỉ liên hệ"), max_length=255)
    # The former youth volunteer.
    volunteer_name = models.CharField(_("họ tên người tham gia TNXP"), max_length=150)
    volunteer_birth_year = models.PositiveIntegerField(_("năm sinh"))
    volunteer_identity = models.CharField(_("số CCCD người tham gia TNXP"), max_length=12, blank=True)
    posthumous = models.BooleanField(_("đề nghị truy tặng"), default=False)
    death_note = models.TextField(
        _("hy sinh khi làm nhiệm vụ"),
        blank=True,
        help_text=_("Ngày, nơi hy sinh; số Bằng Tổ quốc ghi công (truy tặng)."),
    )
    achievements = models.TextField(_("tóm tắt quá trình tham gia và thành tích"), max_length=5000)

    status = FSMField(
        _("trạng thái"),
        max_length=20,
        choices=ApplicationStatus.choices,
        default=ApplicationStatus.FILED,
        protected=True,
    )
    filed_at = models.DateTimeField(_("ngày tiếp nhận"), default=timezone.now)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("cán bộ nhập hồ sơ giấy"),
    )
    # The commune's clock: running from the day of receipt, stopped while the case is returned.
    clock_started_on = models.DateField(_("bắt đầu tính hạn"), null=True, blank=True)
    days_used = models.PositiveIntegerField(_("số ngày làm việc đã dùng"), default=0)
    commune_due_on = models.DateField(_("hạn xã xét, trình"), null=True, blank=True)
    missing_items = models.TextField(_("giấy tờ cần bổ sung"), blank=True)
    refusal_reason = models.TextField(_("lý do không đề nghị"), blank=True)
    posting = models.ForeignKey(
        ApplicationPosting,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="applications",
        verbose_name=_("danh sách niêm yết"),
    )
    meeting = models.ForeignKey(
        CouncilMeeting,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="applications",
        verbose_name=_("cuộc họp xét của xã"),
    )
    letter = models.ForeignKey(
        CommuneLetter,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="applications",
        verbose_name=_("tờ trình của xã"),
    )
    nomination = models.OneToOneField(
        Nomination,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="application",
        verbose_name=_("hồ sơ trình tỉnh"),
    )
    province_due_on = models.DateField(_("hạn tỉnh thẩm định, đề nghị"), null=True, blank=True)
    result_note = models.TextField(_("kết quả"), blank=True)
    # The deadline sweep's mark: which notice it last sent (1 reminder, 2 overdue, 3 escalation) for
    # which due date, so that each is sent once; a new due date starts again.
    alert_level = models.PositiveSmallIntegerField(default=0, editable=False)
    alert_for = models.DateField(null=True, blank=True, editable=False)
    status_changed_at = models.DateTimeField(_("chuyển trạng thái lúc"), default=timezone.now)

    class Meta:
        verbose_name = _("hồ sơ đề nghị Huy chương TNXP vẻ vang")
        verbose_name_plural = _("hồ sơ đề nghị Huy chương TNXP vẻ vang")
        ordering = ["-filed_at", "-id"]
        indexes = [models.Index(fields=["commune", "status"], name="app_commune_status")]

    def __str__(self):
        return f"{self.code} – {self.volunteer_name}"

    def save(self, *args, **kwargs):
        if not self.code:
            self.code = new_tracking_code()
        super().save(*args, **kwargs)

    # --- transitions (fired only by nominations.services) -----------------

    @_lifecycle(status, "accept")
    def accept(self):
        self.missing_items = ""

    @_lifecycle(status, "return_for_documents")
    def return_for_documents(self, *, missing: str, days_used: int):
        self.missing_items = missing
        self.days_used = days_used
        self.commune_due_on = None

    @_lifecycle(status, "resubmit")
    def resubmit(self, *, today, due_on):
        self.clock_started_on = today
        self.commune_due_on = due_on
        self.alert_level = 0  # a new due date: its notices are sent afresh

    @_lifecycle(status, "post")
    def post(self, *, posting):
        self.posting = posting

    @_lifecycle(status, "review")
    def review(self, *, meeting):
        self.meeting = meeting

    @_lifecycle(status, "send_up")
    def send_up(self, *, letter, nomination, province_due_on):
        self.letter = letter
        self.nomination = nomination
        self.province_due_on = province_due_on
        self.alert_level = 0

    @_lifecycle(status, "refuse")
    def refuse(self, *, reason: str):
        self.refusal_reason = reason
        self.commune_due_on = None

    @_lifecycle(status, "conclude")
    def conclude(self, *, awarded: bool, note: str):
        self.result_note = note
        return ApplicationStatus.AWARDED if awarded else ApplicationStatus.NOT_AWARDED


class ServicePeriod(models.Model):
    """A period of service in the concentrated youth volunteer force, as the applicant declares it."""

    application = models.ForeignKey(
        CitizenApplication, on_delete=models.CASCADE, related_name="periods", verbose_name=_("hồ sơ")
    )
    force = models.CharField(_("đơn vị TNXP"), max_length=255)
    started_on = models.DateField(_("từ ngày"))
    ended_on = models.DateField(_("đến ngày"))

    class Meta:
        verbose_name = _("thời gian tham gia TNXP")
        verbose_name_plural = _("thời gian tham gia TNXP")
        ordering = ["started_on"]

    def __str__(self):
        return f"{self.force} ({self.started_on:%d/%m/%Y}–{self.ended_on:%d/%m/%Y})"

    @property
    def months(self) -> int:
        """Whole months of the period (a started month that is not complete does not count)."""
        months = (
            (self.ended_on.year - self.started_on.year) * 12 + self.ended_on.month - self.started_on.month
        )
        if self.ended_on.day < self.started_on.day:
            months -= 1
        return max(months, 0)


class ApplicationFile(models.Model):
    """A paper of the application: the declaration, a proof of service, the martyr's certificate."""

    class Kind(models.TextChoices):
        DECLARATION = "declaration", _("Bản khai")
        PROOF = "proof", _("Giấy tờ chứng minh thời gian tham gia TNXP")
        MARTYR = "martyr", _("Bằng Tổ quốc ghi công hoặc giấy báo tử")
        OTHER = "other", _("Giấy tờ khác")

    application = models.ForeignKey(
        CitizenApplication, on_delete=models.CASCADE, related_name="files", verbose_name=_("hồ sơ")
    )
    kind = models.CharField(_("loại giấy tờ"), max_length=20, choices=Kind.choices)
    file = models.FileField(_("tệp"), upload_to="applications/%Y/%m/", max_length=500)
    original_name = models.CharField(_("tên tệp"), max_length=255)
    content_type = models.CharField(_("định dạng"), max_length=100)
    size = models.PositiveBigIntegerField(_("dung lượng (byte)"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    uploaded_at = models.DateTimeField(_("thời gian tải lên"), default=timezone.now)

    class Meta:
        verbose_name = _("giấy tờ của hồ sơ TNXP")
        verbose_name_plural = _("giấy tờ của hồ sơ TNXP")
        ordering = ["kind", "uploaded_at"]

    def __str__(self):
        return self.original_name
