"""How a person (or an organisation) signs: their token, their remote-signing service, or a demo key."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _


class SigningMethod(models.Model):
    """One per leader / unit head (their own certificate), or per issuing unit (the organisation's
    certificate the văn thư applies with the seal). The certificate must name its owner."""

    class Kind(models.TextChoices):
        PKCS11 = "pkcs11", _("Thiết bị ký số (USB token, PKCS#11)")
        REMOTE = "remote", _("Dịch vụ ký số từ xa")
        DEMO = "demo", _("Khóa tệp thử nghiệm (chỉ dùng cho bản trình diễn)")

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người ký"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="signing_method",
    )
    unit = models.OneToOneField(
        "Unit",
        verbose_name=_("cơ quan (chữ ký số của cơ quan)"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="signing_method",
    )
    kind = models.CharField(_("phương thức"), max_length=10, choices=Kind.choices)
    module_path = models.CharField(
        _("thư viện PKCS#11"),
        max_length=300,
        blank=True,
        help_text=_("Ví dụ /usr/lib/x86_64-linux-gnu/libeTPkcs11.so (thư viện của nhà cung cấp token)."),
    )
    token_label = models.CharField(_("nhãn thiết bị (token)"), max_length=100, blank=True)
    key_label = models.CharField(
        _("nhãn khóa và chứng thư"),
        max_length=300,
        blank=True,
        help_text=_(
            "Trên token: nhãn của khóa và chứng thư số. Khóa tệp thử nghiệm: đường dẫn tệp .p12 (tùy chọn)."
        ),
    )
    pin_env = models.CharField(
        _("biến môi trường chứa PIN"),
        max_length=100,
        blank=True,
        help_text=_("Để trống: người ký nhập mã PIN mỗi lần ký."),
    )
    service_url = models.URLField(_("địa chỉ bộ chuyển đổi ký số từ xa"), blank=True)
    credential_id = models.CharField(_("mã chứng thư tại dịch vụ"), max_length=200, blank=True)
    secret_env = models.CharField(_("biến môi trường chứa khóa truy cập dịch vụ"), max_length=100, blank=True)
    seal_image = models.FileField(
        _("hình ảnh con dấu (PNG nền trong suốt)"), upload_to="seals/", blank=True, max_length=300
    )
    active = models.BooleanField(_("đang dùng"), default=True)

    class Meta:
        verbose_name = _("phương thức ký số")
        verbose_name_plural = _("phương thức ký số")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(user__isnull=False, unit__isnull=True)
                | models.Q(user__isnull=True, unit__isnull=False),
                name="signing_method_one_owner",
            )
        ]

    def __str__(self):
        owner = self.user or self.unit
        return f"{owner}: {self.get_kind_display()}"

    def clean(self):
        if self.kind == self.Kind.PKCS11 and not (self.module_path and self.token_label and self.key_label):
            raise ValidationError(_("Thiết bị ký số cần thư viện PKCS#11, nhãn thiết bị và nhãn khóa."))
        if self.kind == self.Kind.REMOTE and not (self.service_url and self.credential_id):
            raise ValidationError(_("Dịch vụ ký số từ xa cần địa chỉ và mã chứng thư."))
