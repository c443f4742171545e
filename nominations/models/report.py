"""Reporting data the workflow does not hold (forms 0604, 0605) and large exports in progress."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class WorkforceReport(models.Model):
    """The year's figures of forms 0604 and 0605, entered once a year by the Standing agency."""

    year = models.PositiveIntegerField(
        _("năm báo cáo"), unique=True, validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    # Form 0604: organisations doing emulation and commendation work, by structure.
    org_ministry_department = models.PositiveIntegerField(
        _("Cấp Vụ thuộc bộ, ban, ngành, đoàn thể Trung ương (Vụ)"), default=0
    )
    org_ministry_division = models.PositiveIntegerField(_("Phòng/ban/bộ phận thuộc Vụ (Phòng)"), default=0)
    org_home_affairs_board = models.PositiveIntegerField(_("Cấp ban thuộc Sở Nội vụ (Ban)"), default=0)
    org_home_affairs_division = models.PositiveIntegerField(_("Cấp phòng thuộc Sở Nội vụ (Phòng)"), default=0)
    note = models.TextField(_("ghi chú"), blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người nhập"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    updated_at = models.DateTimeField(_("cập nhật"), auto_now=True)

    class Meta:
        verbose_name = _("số liệu tổ chức, công chức làm công tác TĐKT (biểu 0604, 0605)")
        verbose_name_plural = _("số liệu tổ chức, công chức làm công tác TĐKT (biểu 0604, 0605)")
        ordering = ["-year"]

    def __str__(self):
        return str(_("Năm %(year)s")) % {"year": self.year}


class WorkforceStaffLine(models.Model):
    """One row of form 0605: civil servants doing this work in one bracket, and the women among them."""

    class Row(models.TextChoices):
        AGE_30 = "02", _("Từ 30 tuổi trở xuống")
        AGE_40 = "03", _("Từ 31 đến 40 tuổi")
        AGE_50 = "04", _("Từ 41 đến 50 tuổi")
        AGE_55 = "05", _("Từ 51 đến 55 tuổi")
        AGE_60 = "06", _("Từ 56 đến 60 tuổi")
        AGE_OVER_60 = "07", _("Trên 60 tuổi")
        TRAINING_PRIMARY = "08", _("Sơ cấp")
        TRAINING_INTERMEDIATE = "09", _("Trung cấp")
        TRAINING_COLLEGE = "10", _("Cao đẳng")
        TRAINING_UNIVERSITY = "11", _("Đại học")
        TRAINING_POSTGRADUATE = "12", _("Trên đại học")
        YEARS_UNDER_5 = "13", _("Dưới 5 năm")
        YEARS_5_10 = "14", _("Từ 5 năm đến dưới 10 năm")
        YEARS_10 = "15", _("Từ 10 năm trở lên")

    report = models.ForeignKey(
        WorkforceReport, on_delete=models.CASCADE, related_name="staff_lines", verbose_name=_("năm báo cáo")
    )
    row = models.CharField(_("chỉ tiêu"), max_length=2, choices=Row.choices)
    total = models.PositiveIntegerField(_("tổng số (người)"), default=0)
    women = models.PositiveIntegerField(_("trong đó nữ"), default=0)

    class Meta:
        verbose_name = _("dòng biểu 0605")
        verbose_name_plural = _("biểu 0605: công chức làm công tác TĐKT")
        ordering = ["report", "row"]
        constraints = [models.UniqueConstraint(fields=["report", "row"], name="workforce_row_unique")]

    def __str__(self):
        return f"{self.row}: {self.total}"


class ReportExport(models.Model):
    """A large export produced in the background: its state lives here, so it survives a restart."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Đang chờ")
        RUNNING = "running", _("Đang xuất")
        DONE = "done", _("Đã xong")
        FAILED = "failed", _("Lỗi")

    # The same request (who, what, which period) is one export, whatever the number of clicks.
    key = models.CharField(_("khóa chống trùng"), max_length=64, unique=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+", verbose_name=_("người yêu cầu")
    )
    kind = models.CharField(_("loại báo cáo"), max_length=30)
    params = models.JSONField(_("tham số"), default=dict)
    status = models.CharField(_("trạng thái"), max_length=20, choices=Status.choices, default=Status.QUEUED)
    progress = models.PositiveSmallIntegerField(_("tiến độ (%)"), default=0)
    rows_done = models.PositiveIntegerField(_("số dòng đã xuất"), default=0)
    rows_total = models.PositiveIntegerField(_("tổng số dòng"), default=0)
    file = models.FileField(_("tệp"), upload_to="exports/", blank=True, max_length=300)
    error = models.TextField(_("lỗi"), blank=True)
    created_at = models.DateTimeField(_("yêu cầu lúc"), default=timezone.now)
    started_at = models.DateTimeField(_("bắt đầu lúc"), null=True, blank=True)
    # Touched by the worker as it goes: a run whose heartbeat stopped died with its worker.
    heartbeat_at = models.DateTimeField(_("còn chạy lúc"), null=True, blank=True)
    finished_at = models.DateTimeField(_("xong lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("tệp xuất báo cáo")
        verbose_name_plural = _("tệp xuất báo cáo")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.kind} – {self.get_status_display()}"
