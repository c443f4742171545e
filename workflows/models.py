"""Engine-side data: the viewflow process per nomination, calendar and SLA policy."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from viewflow.workflow.models import Process

from nominations.models import Nomination, Route


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
        permissions = [
            ("review_cluster", _("Xét duyệt hồ sơ của Cụm/Khối")),
            ("appraise", _("Thẩm định hồ sơ")),
            ("record_vote", _("Ghi kết quả biểu quyết của Hội đồng")),
            ("sign_decision", _("Ký quyết định khen thưởng")),
            ("revise_dossier", _("Bổ sung hồ sơ bị trả lại")),
        ]

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

    class Stage(models.TextChoices):
        CLUSTER_REVIEW = "cluster_review", _("Cụm/Khối xét duyệt")
        APPRAISAL = "appraisal", _("Thẩm định")
        COUNCIL_VOTE = "council_vote", _("Hội đồng biểu quyết")
        SIGNATURE = "signature", _("Ký quyết định")
        REVISE = "revise", _("Đơn vị bổ sung hồ sơ")

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
