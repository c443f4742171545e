"""The emulation year: what a movement asks of each unit, the units' registrations, advanced examples."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_fsm import FSMField

from ..policy.lifecycle import MOVEMENT_REQUEST, REGISTRATION
from ..vocabulary import RegistrationStatus, RequestKind, RequestStatus
from .base import ProtectedStatusModel, table_transition
from .catalog import AwardType, Movement, MovementMilestone, NomineeKind
from .organisation import Unit


class MovementRequest(ProtectedStatusModel):
    """What a movement asks of one participating unit: its response plan (at launch) or its report
    for one review (sơ kết, tổng kết), by a due date; accepted or returned by the Standing agency."""

    Kind = RequestKind
    Status = RequestStatus

    movement = models.ForeignKey(
        Movement, verbose_name=_("phong trào"), on_delete=models.CASCADE, related_name="requests"
    )
    milestone = models.ForeignKey(
        MovementMilestone,
        verbose_name=_("mốc sơ kết, tổng kết"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="requests",
    )
    unit = models.ForeignKey(
        Unit, verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="movement_requests"
    )
    kind = models.CharField(_("loại yêu cầu"), max_length=10, choices=RequestKind.choices)
    status = FSMField(
        _("trạng thái"),
        max_length=20,
        choices=RequestStatus.choices,
        default=RequestStatus.OPEN,
        protected=True,
    )
    due_date = models.DateField(_("hạn gửi"))
    file = models.FileField(_("tệp"), upload_to="movements/requests/", max_length=500, blank=True)
    file_name = models.CharField(_("tên tệp"), max_length=255, blank=True)
    file_sha256 = models.CharField(max_length=64, blank=True)
    figures = models.JSONField(_("số liệu"), default=dict, blank=True)
    comment = models.TextField(_("ý kiến khi trả lại"), blank=True)
    times_returned = models.PositiveIntegerField(_("số lần trả lại"), default=0)
    created_at = models.DateTimeField(_("ngày yêu cầu"), default=timezone.now)
    submitted_at = models.DateTimeField(_("ngày gửi"), null=True, blank=True)
    decided_at = models.DateTimeField(_("ngày tiếp nhận / trả lại"), null=True, blank=True)

    class Meta:
        verbose_name = _("yêu cầu của phong trào")
        verbose_name_plural = _("yêu cầu của phong trào")
        ordering = ["due_date", "unit__name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["movement", "unit"], condition=models.Q(kind="plan"), name="one_plan_per_unit"
            ),
            models.UniqueConstraint(
                fields=["milestone", "unit"], condition=models.Q(kind="report"), name="one_report_per_unit"
            ),
        ]
        indexes = [models.Index(fields=["unit", "status"], name="movement_request_unit")]

    def __str__(self):
        return f"{self.get_kind_display()} – {self.unit} – {self.movement}"

    @table_transition(MOVEMENT_REQUEST, "status", "submit")
    def submit(self):
        """The unit sends its plan or report."""

    @table_transition(MOVEMENT_REQUEST, "status", "accept")
    def accept(self):
        """The Standing agency receives it."""

    @table_transition(MOVEMENT_REQUEST, "status", "return_request")
    def return_request(self):
        """The Standing agency sends it back with a comment."""

    @table_transition(MOVEMENT_REQUEST, "status", "resubmit")
    def resubmit(self):
        """The unit sends it again, corrected."""


class RegistrationRule(models.Model):
    """The province's rule for a year's registration, in force from a date: the due day, whether a
    missing registration refuses a title (Law 06/2022 made it a warning), and whether a cluster's head
    accepts the registrations of its members."""

    due_month = models.PositiveSmallIntegerField(_("hạn đăng ký: tháng"))
    due_day = models.PositiveSmallIntegerField(_("hạn đăng ký: ngày"))
    required = models.BooleanField(
        _("bắt buộc đăng ký"),
        default=False,
        help_text=_("Bật: thiếu đăng ký là lý do không xét danh hiệu; tắt: chỉ là cảnh báo."),
    )
    cluster_head_accepts = models.BooleanField(
        _("Trưởng cụm, khối duyệt đăng ký của thành viên"), default=False
    )
    basis = models.CharField(_("căn cứ"), max_length=255, blank=True)
    valid_from = models.DateField(_("hiệu lực từ"))
    valid_to = models.DateField(_("hiệu lực đến"), null=True, blank=True)

    class Meta:
        verbose_name = _("quy định đăng ký thi đua")
        verbose_name_plural = _("quy định đăng ký thi đua")
        ordering = ["-valid_from"]

    def __str__(self):
        return f"{self.due_day:02d}/{self.due_month:02d} ({self.valid_from:%d/%m/%Y})"


class Registration(ProtectedStatusModel):
    """A unit's emulation registration for a year (đăng ký thi đua): the collective titles it strives
    for and its people for Lao động tiên tiến and Chiến sĩ thi đua."""

    Status = RegistrationStatus

    unit = models.ForeignKey(
        Unit, verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="registrations"
    )
    year = models.PositiveIntegerField(_("năm"))
    titles = models.ManyToManyField(
        AwardType, verbose_name=_("danh hiệu tập thể đăng ký"), blank=True, related_name="+"
    )
    status = FSMField(
        _("trạng thái"),
        max_length=20,
        choices=RegistrationStatus.choices,
        default=RegistrationStatus.DRAFT,
        protected=True,
    )
    due_date = models.DateField(_("hạn đăng ký"), null=True, blank=True)
    comment = models.TextField(_("lý do trả lại"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người lập"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("ngày lập"), default=timezone.now)
    submitted_at = models.DateTimeField(_("ngày gửi"), null=True, blank=True)
    decided_at = models.DateTimeField(_("ngày duyệt / trả lại"), null=True, blank=True)

    class Meta:
        verbose_name = _("đăng ký thi đua")
        verbose_name_plural = _("đăng ký thi đua")
        ordering = ["-year", "unit__name"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "year"], name="one_registration_per_unit_year")
        ]

    def __str__(self):
        return f"{self.unit} – {self.year}"

    @property
    def late(self) -> bool:
        sent = self.submitted_at.date() if self.submitted_at else timezone.localdate()
        return bool(self.due_date and sent > self.due_date and (self.submitted_at or self.status == "draft"))

    @table_transition(REGISTRATION, "status", "submit")
    def submit(self):
        """The unit sends its registration."""

    @table_transition(REGISTRATION, "status", "accept")
    def accept(self):
        """The Standing agency (or the cluster's head) accepts it."""

    @table_transition(REGISTRATION, "status", "return_registration")
    def return_registration(self):
        """Sent back with a reason."""

    @table_transition(REGISTRATION, "status", "resubmit")
    def resubmit(self):
        """Sent again, corrected."""


class RegistrationEntry(models.Model):
    """One person of a registration and the title they strive for."""

    registration = models.ForeignKey(
        Registration, verbose_name=_("đăng ký"), on_delete=models.CASCADE, related_name="entries"
    )
    name = models.CharField(_("họ và tên"), max_length=255)
    identity_number = models.CharField(_("số CCCD"), max_length=12, blank=True)
    title = models.ForeignKey(
        AwardType, verbose_name=_("danh hiệu"), on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("cá nhân đăng ký")
        verbose_name_plural = _("cá nhân đăng ký")
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["registration", "identity_number", "title"],
                condition=~models.Q(identity_number=""),
                name="one_entry_per_person_title",
            )
        ]

    def __str__(self):
        return f"{self.name} – {self.title}"


class AdvancedExample(models.Model):
    """An advanced example (điển hình tiên tiến) found by a movement: proposed by a unit, accepted by
    the Standing agency, then shown on the public site and counted in the reports."""

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("Đơn vị đề xuất")
        ACCEPTED = "accepted", _("Đã công nhận")

    kind = models.CharField(_("đối tượng"), max_length=20, choices=NomineeKind.choices)
    name = models.CharField(_("tên cá nhân, tập thể"), max_length=255)
    unit = models.ForeignKey(
        Unit, verbose_name=_("đơn vị đề xuất"), on_delete=models.PROTECT, related_name="+"
    )
    movement = models.ForeignKey(
        Movement,
        verbose_name=_("phong trào"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="examples",
    )
    story = models.TextField(_("câu chuyện"), max_length=4000)
    photo = models.FileField(_("ảnh"), upload_to="examples/", blank=True)
    award = models.CharField(_("khen thưởng đã nhận"), max_length=255, blank=True)
    status = models.CharField(_("trạng thái"), max_length=20, choices=Status.choices, default=Status.PROPOSED)
    proposed_at = models.DateTimeField(_("ngày đề xuất"), default=timezone.now)
    accepted_at = models.DateTimeField(_("ngày công nhận"), null=True, blank=True)

    class Meta:
        verbose_name = _("điển hình tiên tiến")
        verbose_name_plural = _("điển hình tiên tiến")
        ordering = ["-accepted_at", "name"]

    def __str__(self):
        return self.name
