"""A council meeting, recorded once and linked to every dossier it decided.

The unit's council (Hội đồng thi đua – khen thưởng cơ sở), a cluster or block's meeting, or the
provincial Council: its date, members, who was present and its minutes file. The minutes belong to
the meeting (one file for 150 people), and each vote it took records the meeting.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .nomination import Nomination
from .organisation import Cluster, Unit


class CouncilMeeting(models.Model):
    class Kind(models.TextChoices):
        UNIT = "unit", _("Hội đồng thi đua – khen thưởng cơ sở")
        CLUSTER = "cluster", _("Cụm, Khối thi đua")
        PROVINCE = "province", _("Hội đồng Thi đua – Khen thưởng tỉnh")

    kind = models.CharField(_("hội đồng"), max_length=20, choices=Kind.choices)
    unit = models.ForeignKey(
        Unit,
        verbose_name=_("đơn vị"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="meetings",
        help_text=_("Hội đồng cơ sở: đơn vị của Hội đồng."),
    )
    cluster = models.ForeignKey(
        Cluster,
        verbose_name=_("cụm, khối"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    held_on = models.DateField(_("ngày họp"))
    members_total = models.PositiveIntegerField(_("tổng số thành viên"))
    members_present = models.PositiveIntegerField(_("số thành viên có mặt"))
    attendees = models.TextField(_("thành phần, chủ trì"), blank=True)
    note = models.TextField(_("ghi chú"), blank=True)
    nominations = models.ManyToManyField(
        Nomination, verbose_name=_("hồ sơ được xét"), related_name="meetings", blank=True
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("người ghi")
    )
    recorded_at = models.DateTimeField(_("thời gian ghi"), default=timezone.now)

    class Meta:
        verbose_name = _("phiên họp Hội đồng")
        verbose_name_plural = _("phiên họp Hội đồng")
        ordering = ["-held_on", "-id"]

    def __str__(self):
        return f"{self.get_kind_display()} {self.held_on:%d/%m/%Y}"

    @property
    def minutes(self):
        """The meeting's current minutes file (a Document of kind "Biên bản họp xét")."""
        return self.documents.filter(superseded=False).order_by("-uploaded_at").first()
