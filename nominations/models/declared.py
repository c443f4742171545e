"""History on paper: an earlier award or initiative the unit declares, with the scanned decision as
evidence, until the Standing agency's appraiser confirms it (it becomes history the rules read) or
rejects it (with the reason)."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .catalog import AwardType, Route
from .history import AwardRecord, Initiative
from .nomination import Nomination
from .organisation import Unit


def evidence_upload_to(instance, filename):
    # The stored name never comes from the user: unit / dossier / hash prefix.
    return f"declared/{instance.unit_id}/n{instance.nomination_id}/{instance.evidence_sha256[:16]}-{filename}"


class DeclaredHistory(models.Model):
    """An earlier award or initiative on paper, declared on a dossier and checked by an appraiser."""

    class Kind(models.TextChoices):
        AWARD = "award", _("Khen thưởng đã nhận")
        INITIATIVE = "initiative", _("Sáng kiến đã được công nhận")

    class Status(models.TextChoices):
        PENDING = "pending", _("Chờ thẩm định xác nhận")
        CONFIRMED = "confirmed", _("Đã xác nhận")
        REJECTED = "rejected", _("Không xác nhận")

    nomination = models.ForeignKey(
        Nomination, verbose_name=_("hồ sơ"), on_delete=models.CASCADE, related_name="declared_history"
    )
    unit = models.ForeignKey(
        Unit, verbose_name=_("đơn vị kê khai"), on_delete=models.PROTECT, related_name="+"
    )
    kind = models.CharField(_("loại"), max_length=20, choices=Kind.choices)
    nominee_name = models.CharField(_("họ tên"), max_length=255)
    nominee_citizen_id = models.CharField(_("số CCCD"), max_length=12, blank=True)
    nominee_birth_year = models.PositiveIntegerField(_("năm sinh"), null=True, blank=True)
    award_type = models.ForeignKey(
        AwardType, verbose_name=_("danh hiệu, hình thức"), null=True, blank=True, on_delete=models.PROTECT
    )
    route = models.CharField(_("hình thức xét"), max_length=20, choices=Route.choices, default=Route.ANNUAL)
    title = models.CharField(_("tên sáng kiến"), max_length=500, blank=True)
    level = models.CharField(
        _("phạm vi ảnh hưởng"), max_length=20, choices=Initiative.Level.choices, blank=True
    )
    year = models.PositiveIntegerField(_("năm"))
    decision_number = models.CharField(_("số quyết định, văn bản"), max_length=100)
    decision_date = models.DateField(_("ngày quyết định"), null=True, blank=True)
    issuer = models.CharField(_("cơ quan quyết định"), max_length=255, blank=True)
    evidence = models.FileField(_("bản chụp quyết định"), upload_to=evidence_upload_to, max_length=500)
    evidence_name = models.CharField(_("tên tệp"), max_length=255)
    evidence_type = models.CharField(_("định dạng"), max_length=100)
    evidence_size = models.PositiveIntegerField(_("dung lượng"))
    evidence_sha256 = models.CharField(_("SHA-256"), max_length=64)
    status = models.CharField(_("trạng thái"), max_length=20, choices=Status.choices, default=Status.PENDING)
    declared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người kê khai"), on_delete=models.PROTECT, related_name="+"
    )
    declared_at = models.DateTimeField(_("kê khai lúc"), default=timezone.now)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người thẩm định"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(_("thẩm định lúc"), null=True, blank=True)
    reject_reason = models.TextField(_("lý do không xác nhận"), blank=True)
    award_record = models.OneToOneField(
        AwardRecord,
        verbose_name=_("lịch sử khen thưởng đã ghi"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="declaration",
    )
    initiative = models.OneToOneField(
        Initiative,
        verbose_name=_("sáng kiến đã ghi"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="declaration",
    )

    class Meta:
        verbose_name = _("lịch sử kê khai (bản giấy)")
        verbose_name_plural = _("lịch sử kê khai (bản giấy)")
        ordering = ["-year", "id"]
        indexes = [models.Index(fields=["nominee_citizen_id"], name="declared_citizen")]

    def __str__(self):
        what = self.award_type.name if self.award_type_id else self.title
        return f"{self.nominee_name}: {what} ({self.year})"
