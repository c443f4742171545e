"""Public comment windows (công khai) and the comments citizens leave."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .nomination import Nomination


class PublicDisclosure(models.Model):
    """A public comment window (công khai) before the Council meets on an upward proposal."""

    nomination = models.ForeignKey(
        Nomination, on_delete=models.CASCADE, related_name="disclosures", verbose_name=_("hồ sơ")
    )
    opens_on = models.DateField(_("từ ngày"))
    closes_on = models.DateField(_("đến ngày"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("người lập")
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("công khai lấy ý kiến")
        verbose_name_plural = _("công khai lấy ý kiến")
        ordering = ["-opens_on"]

    def __str__(self):
        return f"{self.nomination} ({self.opens_on:%d/%m/%Y}–{self.closes_on:%d/%m/%Y})"


class PublicComment(models.Model):
    """A citizen's comment during a disclosure window; reaches the Council's screen."""

    disclosure = models.ForeignKey(
        PublicDisclosure, on_delete=models.CASCADE, related_name="comments", verbose_name=_("đợt công khai")
    )
    name = models.CharField(_("họ tên người góp ý"), max_length=150)
    contact = models.CharField(_("điện thoại hoặc e-mail"), max_length=150, blank=True)
    body = models.TextField(_("nội dung"))
    ip = models.GenericIPAddressField(_("địa chỉ IP"), null=True, blank=True)
    created_at = models.DateTimeField(_("thời gian"), default=timezone.now)

    class Meta:
        verbose_name = _("ý kiến góp ý công khai")
        verbose_name_plural = _("ý kiến góp ý công khai")
        ordering = ["created_at"]

    def __str__(self):
        return f"{self.name}: {self.body[:40]}"
