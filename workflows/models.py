"""Engine-side data: the viewflow process per nomination, calendar and SLA policy."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from viewflow.workflow.models import Process

from nominations.models import Nomination, Route
from nominations.policy.requests import REQUEST_STAGES
from nominations.policy.stages import STAGES


class NominationProcess(Process):
    """One viewflow process per nomination: who must act on it, and by when."""

    nomination = models.OneToOneField(
        Nomination,
        verbose_name=_("hồ sơ"),
        on_delete=models.PROTECT,
        related_name="process",
    )

    class Meta:
        verbose_name = _("quy trình xét hồ sơ")
        verbose_name_plural = _("quy trình xét hồ sơ")
        # One permission per human task; the role groups hold them (see roles.py).
        permissions = [(stage.permission, stage.permission_label) for stage in STAGES]

    def __str__(self):
        return str(_("Quy trình hồ sơ #%(id)s")) % {"id": self.nomination_id}


class CalendarAdjustment(models.Model):
    """An official change to the working calendar announced by the government.

    Extra days off (e.g. the bridge days of Tết) and compensating working
    Saturdays; the `holidays` package's VN calendar supplies the fixed holidays.
    """

    class Kind(models.TextChoices):
        DAY_OFF = "day_off", _("Ngày nghỉ")
        WORKING_DAY = "working_day", _("Ngày làm việc bù")

    date = models.DateField(_("ngày"), unique=True)
    kind = models.CharField(_("loại"), max_length=20, choices=Kind.choices)
    reason = models.CharField(_("lý do, căn cứ"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("điều chỉnh lịch làm việc")
        verbose_name_plural = _("điều chỉnh lịch làm việc")
        ordering = ["date"]

    def __str__(self):
        return f"{self.date:%d/%m/%Y} – {self.get_kind_display()}"


class SlaPolicy(models.Model):
    """Processing time of a stage in working days, optionally per route."""

    # The stages of the stage table (values are the flow's task names).
    # The stages of the stage table (values are the flow's task names), then the waits of a
    # movement's requests that last a number of working days (their own table).
    Stage = models.TextChoices(
        "Stage",
        [(s.key.upper(), (s.key, s.label)) for s in STAGES]
        + [(s.key.upper(), (s.key, s.label)) for s in REQUEST_STAGES if s.sla_days is not None],
    )

    stage = models.CharField(_("bước"), max_length=30, choices=Stage.choices)
    route = models.CharField(
        _("hình thức xét"),
        max_length=20,
        choices=Route.choices,
        blank=True,
        help_text=_("Để trống: áp dụng cho mọi hình thức."),
    )
    working_days = models.PositiveIntegerField(_("số ngày làm việc"))

    class Meta:
        verbose_name = _("thời hạn xử lý")
        verbose_name_plural = _("thời hạn xử lý")
        ordering = ["stage", "route"]
        constraints = [models.UniqueConstraint(fields=["stage", "route"], name="sla_stage_route_unique")]

    def __str__(self):
        return f"{self.get_stage_display()}: {self.working_days}"


class TaskDeadline(models.Model):
    """The due date of one human task, computed in working days when the task opens.

    Kept beside viewflow's Task (one row per task) so that queues sort and
    filter on an indexed column, and the sweep finds what is due without
    scanning open tasks.
    """

    task = models.OneToOneField(
        "viewflow.Task", on_delete=models.CASCADE, primary_key=True, related_name="deadline"
    )
    nomination = models.ForeignKey(
        Nomination, on_delete=models.CASCADE, related_name="deadlines", verbose_name=_("hồ sơ")
    )
    stage = models.CharField(_("bước"), max_length=30, choices=[(s.key, s.label) for s in STAGES])
    working_days = models.PositiveIntegerField(_("số ngày làm việc"))
    started_at = models.DateTimeField(_("bắt đầu"))
    due_at = models.DateTimeField(_("hạn xử lý"))
    remind_at = models.DateTimeField(_("nhắc hạn lúc"))
    escalate_at = models.DateTimeField(_("báo cáo vượt cấp lúc"))
    closed_at = models.DateTimeField(_("kết thúc lúc"), null=True, blank=True)
    # The task's owner, copied when it is claimed or released (actions.claim/release), so the
    # queues filter and order on this row alone and PostgreSQL stops at the page.
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người nhận xử lý"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # The nomination's unit while the deadline is open, copied when it opens and when a merger or
    # split moves the nomination (``nominations.signals.nominations_moved``), so the oversight
    # board counts overdue work per unit on this row alone (at 1M nominations the join to the
    # nominations read the whole table: 0.6 s).
    unit = models.ForeignKey(
        "nominations.Unit",
        verbose_name=_("đơn vị"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        db_index=False,
    )

    class Meta:
        verbose_name = _("hạn xử lý")
        verbose_name_plural = _("hạn xử lý")
        indexes = [
            models.Index(
                fields=["due_at"], condition=models.Q(closed_at__isnull=True), name="deadline_open_due"
            ),
            models.Index(
                fields=["remind_at"], condition=models.Q(closed_at__isnull=True), name="deadline_open_remind"
            ),
            models.Index(
                fields=["escalate_at"],
                condition=models.Q(closed_at__isnull=True),
                name="deadline_open_escalate",
            ),
            models.Index(fields=["nomination", "closed_at"], name="deadline_nomination"),
            # The queues: a stage's open tasks in due order, read until the page is full.
            models.Index(
                fields=["stage", "due_at", "task"],
                condition=models.Q(closed_at__isnull=True),
                name="deadline_open_stage_due",
            ),
        ]

    def __str__(self):
        return f"{self.get_stage_display()} – {self.due_at:%d/%m/%Y}"


class RequestDeadline(models.Model):
    """The due date of what a movement asks of a unit (its plan, its report) or of the Standing
    agency's answer to it: the same three moments as a task's deadline, swept by the same sweep.

    A movement's requests are not viewflow tasks (no process per unit and milestone), so their
    deadline keys on the request and the stage of ``nominations.policy.requests.REQUEST_STAGES``.
    """

    request = models.ForeignKey(
        "nominations.MovementRequest",
        on_delete=models.CASCADE,
        related_name="deadlines",
        verbose_name=_("yêu cầu"),
    )
    stage = models.CharField(_("bước"), max_length=30, choices=[(s.key, s.label) for s in REQUEST_STAGES])
    working_days = models.PositiveIntegerField(_("số ngày làm việc"), null=True, blank=True)
    started_at = models.DateTimeField(_("bắt đầu"))
    due_at = models.DateTimeField(_("hạn xử lý"))
    remind_at = models.DateTimeField(_("nhắc hạn lúc"))
    escalate_at = models.DateTimeField(_("báo cáo vượt cấp lúc"))
    closed_at = models.DateTimeField(_("kết thúc lúc"), null=True, blank=True)
    unit = models.ForeignKey(
        "nominations.Unit",
        verbose_name=_("đơn vị"),
        on_delete=models.CASCADE,
        related_name="+",
        db_index=False,
    )

    class Meta:
        verbose_name = _("hạn của yêu cầu phong trào")
        verbose_name_plural = _("hạn của yêu cầu phong trào")
        indexes = [
            models.Index(
                fields=["due_at"], condition=models.Q(closed_at__isnull=True), name="request_deadline_due"
            ),
            models.Index(
                fields=["remind_at"],
                condition=models.Q(closed_at__isnull=True),
                name="request_deadline_remind",
            ),
            models.Index(
                fields=["escalate_at"],
                condition=models.Q(closed_at__isnull=True),
                name="request_deadline_escalate",
            ),
            models.Index(fields=["request", "closed_at"], name="request_deadline_request"),
        ]

    def __str__(self):
        return f"{self.stage} – {self.due_at:%d/%m/%Y}"


class DeadlineEvent(models.Model):
    """That a reminder, overdue notice or escalation happened for a task: once, ever.

    The unique (task, kind) pair is the idempotency key: a sweep that runs
    twice, or two workers at once, cannot record (and so send) it twice.
    """

    class Kind(models.TextChoices):
        REMINDER = "reminder", _("Nhắc hạn")
        OVERDUE = "overdue", _("Quá hạn")
        ESCALATION = "escalation", _("Báo cáo vượt cấp")

    # One of the two: a task's deadline (and its nomination), or a movement request's.
    deadline = models.ForeignKey(
        TaskDeadline, on_delete=models.CASCADE, related_name="events", null=True, blank=True
    )
    nomination = models.ForeignKey(
        Nomination, on_delete=models.CASCADE, related_name="deadline_events", null=True, blank=True
    )
    request_deadline = models.ForeignKey(
        RequestDeadline, on_delete=models.CASCADE, related_name="events", null=True, blank=True
    )
    kind = models.CharField(_("loại"), max_length=20, choices=Kind.choices)
    recipients = models.JSONField(_("người nhận"), default=list)
    created_at = models.DateTimeField(_("thời gian"), auto_now_add=True)

    class Meta:
        verbose_name = _("nhắc hạn, cảnh báo")
        verbose_name_plural = _("nhắc hạn, cảnh báo")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["deadline", "kind"], name="one_deadline_event_per_kind"),
            models.UniqueConstraint(
                fields=["request_deadline", "kind"], name="one_request_deadline_event_per_kind"
            ),
        ]
        indexes = [models.Index(fields=["kind", "created_at"], name="deadline_event_kind")]

    def __str__(self):
        return f"{self.get_kind_display()} #{self.deadline_id or self.request_deadline_id}"


class Notification(models.Model):
    """An in-app notification, also delivered by e-mail (now or in the daily digest)."""

    class EmailStatus(models.TextChoices):
        PENDING = "pending", _("Chờ gửi")
        SENT = "sent", _("Đã gửi")
        DIGEST = "digest", _("Gửi trong bản tổng hợp")
        SKIPPED = "skipped", _("Không gửi (không có e-mail)")
        FAILED = "failed", _("Gửi lỗi")

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notifications",
        verbose_name=_("người nhận"),
    )
    nomination = models.ForeignKey(
        Nomination, on_delete=models.CASCADE, null=True, blank=True, related_name="+", verbose_name=_("hồ sơ")
    )
    kind = models.CharField(_("loại"), max_length=40)
    title = models.CharField(_("tiêu đề"), max_length=255)
    body = models.TextField(_("nội dung"), blank=True)
    url = models.CharField(_("đường dẫn"), max_length=255, blank=True)
    key = models.CharField(_("khóa chống trùng"), max_length=120, unique=True)
    created_at = models.DateTimeField(_("thời gian"), auto_now_add=True)
    read_at = models.DateTimeField(_("đã đọc lúc"), null=True, blank=True)
    email_status = models.CharField(
        _("e-mail"), max_length=20, choices=EmailStatus.choices, default=EmailStatus.PENDING
    )
    emailed_at = models.DateTimeField(_("gửi e-mail lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("thông báo")
        verbose_name_plural = _("thông báo")
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["recipient", "read_at"], name="notification_unread"),
            models.Index(fields=["email_status", "created_at"], name="notification_email"),
        ]

    def __str__(self):
        return self.title
