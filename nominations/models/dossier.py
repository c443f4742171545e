"""The dossier's files and the batches (tờ trình) that carry many nominations."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .catalog import DocumentKind, Movement
from .nomination import Nomination
from .organisation import Unit


def document_upload_to(instance, filename):
    # The stored name never comes from the user: unit / owner / hash prefix.
    if instance.meeting_id and not instance.nomination_id:
        # A meeting's minutes: under its unit, or the province's folder for the Council.
        folder = f"{instance.meeting.unit_id or 'tinh'}/m{instance.meeting_id}"
        return f"dossiers/{folder}/{instance.sha256[:16]}-{filename}"
    owner = instance.nomination or instance.batch
    folder = f"{owner.unit_id}/{'n' if instance.nomination_id else 'b'}{owner.pk}"
    return f"dossiers/{folder}/{instance.sha256[:16]}-{filename}"


class Document(models.Model):
    """A typed file in a dossier; a resubmission keeps the earlier versions.

    A batch's submission letter (tờ trình) belongs to the batch and counts for
    every nomination in it.
    """

    nomination = models.ForeignKey(
        Nomination,
        on_delete=models.PROTECT,
        related_name="documents",
        verbose_name=_("hồ sơ"),
        null=True,
        blank=True,
    )
    batch = models.ForeignKey(
        "Batch",
        on_delete=models.PROTECT,
        related_name="documents",
        verbose_name=_("tờ trình (đợt)"),
        null=True,
        blank=True,
    )
    # A meeting's minutes: one file for every dossier the meeting decided.
    meeting = models.ForeignKey(
        "CouncilMeeting",
        on_delete=models.PROTECT,
        related_name="documents",
        verbose_name=_("phiên họp"),
        null=True,
        blank=True,
    )
    kind = models.CharField(_("loại tài liệu"), max_length=30, choices=DocumentKind.choices)
    file = models.FileField(_("tệp"), upload_to=document_upload_to, max_length=500)
    original_name = models.CharField(_("tên tệp"), max_length=255)
    content_type = models.CharField(_("định dạng"), max_length=100)
    size = models.PositiveBigIntegerField(_("dung lượng (byte)"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    dossier_version = models.PositiveIntegerField(_("thuộc lần nộp"), default=0)
    superseded = models.BooleanField(_("đã có bản mới hơn"), default=False)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("người tải lên")
    )
    uploaded_at = models.DateTimeField(_("thời gian tải lên"), default=timezone.now)

    class Meta:
        verbose_name = _("tài liệu hồ sơ")
        verbose_name_plural = _("tài liệu hồ sơ")
        ordering = ["kind", "-uploaded_at"]
        indexes = [models.Index(fields=["nomination", "kind", "superseded"], name="doc_nom_kind")]

    def __str__(self):
        return self.original_name


class Batch(models.Model):
    """One submission letter (tờ trình) proposing many nominees at once."""

    unit = models.ForeignKey(Unit, verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="batches")
    title = models.CharField(_("trích yếu"), max_length=500)
    number = models.CharField(_("số tờ trình"), max_length=50, blank=True)
    year = models.PositiveIntegerField(_("năm"))
    movement = models.ForeignKey(
        Movement, verbose_name=_("phong trào"), null=True, blank=True, on_delete=models.PROTECT
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("người lập")
    )
    created_at = models.DateTimeField(_("ngày lập"), default=timezone.now)
    submitted_at = models.DateTimeField(_("ngày nộp"), null=True, blank=True)

    class Meta:
        verbose_name = _("tờ trình đề nghị (đợt)")
        verbose_name_plural = _("tờ trình đề nghị (đợt)")
        ordering = ["-created_at"]

    def __str__(self):
        return self.title
