"""Organisations and people: units, users and their roles, clusters and blocks, mergers."""

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..text import normalize_search
from ..vocabulary import Role


class Unit(models.Model):
    """An organisation that nominates (sở, huyện, xã, doanh nghiệp …)."""

    class Kind(models.TextChoices):
        PROVINCE = "province", _("Tỉnh")
        DEPARTMENT = "department", _("Sở, ban, ngành")
        DISTRICT = "district", _("Huyện, thành phố")
        COMMUNE = "commune", _("Xã, phường")
        ENTERPRISE = "enterprise", _("Doanh nghiệp")
        ORGANISATION = "organisation", _("Tổ chức đoàn thể")

    code = models.CharField(_("mã đơn vị"), max_length=40, unique=True)
    name = models.CharField(_("tên đơn vị"), max_length=255)
    name_search = models.CharField(max_length=255, editable=False, db_index=True, default="")
    kind = models.CharField(_("loại"), max_length=20, choices=Kind.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("đơn vị cấp trên"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    valid_from = models.DateField(_("hiệu lực từ"), null=True, blank=True)
    valid_to = models.DateField(_("hiệu lực đến"), null=True, blank=True)
    successor = models.ForeignKey(
        "self",
        verbose_name=_("đơn vị kế thừa"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="predecessors",
        help_text=_("Đơn vị tiếp nhận khi sáp nhập, hợp nhất hoặc giải thể."),
    )
    place_name = models.CharField(
        _("địa danh (dòng ngày tháng)"),
        max_length=100,
        blank=True,
        help_text=_("Địa danh ghi trước ngày tháng trên văn bản, ví dụ Hưng Yên."),
    )
    register_code = models.CharField(
        _("ký hiệu sổ văn bản"),
        max_length=20,
        blank=True,
        help_text=_("Ký hiệu trong số quyết định của đơn vị, ví dụ SGDĐT cho số 45/QĐ-SGDĐT."),
    )
    document_recipients = models.TextField(
        _("nơi nhận văn bản"),
        blank=True,
        help_text=_(
            "Mỗi dòng một nơi nhận, in ở mục “Nơi nhận” của quyết định do đơn vị ban hành "
            "(ví dụ “Như Điều 3;”, “UBND tỉnh (để b/c);”, “Lưu: VT, TĐKT.”). Để trống: mặc định theo loại đơn vị."
        ),
    )
    office_issuance = models.BooleanField(
        _("văn thư phát hành"),
        default=False,
        help_text=_(
            "Bật: người có thẩm quyền ký, rồi văn thư cấp số, ngày và ký số của cơ quan để phát hành. "
            "Tắt: chữ ký của người có thẩm quyền phát hành ngay (chữ ký số của cơ quan được áp dụng tự động)."
        ),
    )

    class Meta:
        verbose_name = _("đơn vị")
        verbose_name_plural = _("đơn vị")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.name_search = normalize_search(self.name)
        super().save(*args, **kwargs)

    def clean(self):
        if self.valid_from and self.valid_to and self.valid_to < self.valid_from:
            raise ValidationError({"valid_to": _("Ngày hết hiệu lực phải sau ngày bắt đầu.")})
        if self.successor_id and self.successor_id == self.pk:
            raise ValidationError({"successor": _("Đơn vị không thể kế thừa chính nó.")})

    def is_valid_on(self, day) -> bool:
        """A unit exists on a day between its validity dates (open ends allowed)."""
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_to is None or day <= self.valid_to
        )


class User(AbstractUser):
    """A person who signs in; the role is a Django group, the scope is the unit."""

    class NotificationMode(models.TextChoices):
        IMMEDIATE = "immediate", _("Gửi ngay")
        DIGEST = "digest", _("Tổng hợp hằng ngày")

    full_name = models.CharField(_("họ và tên"), max_length=150, blank=True)
    position = models.CharField(_("chức vụ"), max_length=150, blank=True)
    unit = models.ForeignKey(
        Unit,
        verbose_name=_("đơn vị"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="users",
    )
    # API tokens issued before this moment are no longer valid (a password change ends them).
    password_changed_at = models.DateTimeField(_("đổi mật khẩu lúc"), null=True, blank=True, editable=False)
    notification_mode = models.CharField(
        _("cách nhận thông báo"),
        max_length=20,
        choices=NotificationMode.choices,
        default=NotificationMode.IMMEDIATE,
    )

    class Meta:
        verbose_name = _("người dùng")
        verbose_name_plural = _("người dùng")

    def __str__(self):
        return self.full_name or self.username

    def get_full_name(self):
        return self.full_name or super().get_full_name() or self.username

    def set_password(self, raw_password):
        super().set_password(raw_password)
        self.password_changed_at = timezone.now()

    @property
    def role_names(self) -> frozenset[str]:
        """Group names, read once per request-bound user object."""
        cached = getattr(self, "_role_names", None)
        if cached is None:
            cached = frozenset(self.groups.values_list("name", flat=True)) if self.pk else frozenset()
            self._role_names = cached
        return cached

    def has_role(self, role: str) -> bool:
        return self.is_active and (role in self.role_names)

    @property
    def roles_display(self) -> list[str]:
        labels = dict(Role.choices)
        names = [str(labels[r]) for r in Role.values if r in self.role_names]
        if self.is_superuser and not names:
            names = [str(_("Quản trị hệ thống"))]
        return names


class Cluster(models.Model):
    """An emulation cluster or block (Cụm/Khối thi đua) for one year."""

    class Kind(models.TextChoices):
        CLUSTER = "cum", _("Cụm thi đua")
        BLOCK = "khoi", _("Khối thi đua")

    kind = models.CharField(_("loại"), max_length=10, choices=Kind.choices)
    code = models.CharField(_("mã"), max_length=40)
    name = models.CharField(_("tên"), max_length=255)
    year = models.PositiveIntegerField(_("năm"))
    head_unit = models.ForeignKey(
        Unit,
        verbose_name=_("đơn vị Trưởng cụm/khối"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    deputy_unit = models.ForeignKey(
        Unit,
        verbose_name=_("đơn vị Phó cụm/khối"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    members = models.ManyToManyField(
        Unit,
        verbose_name=_("đơn vị thành viên"),
        through="ClusterMembership",
        related_name="clusters",
    )
    reviewers = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người xét duyệt"),
        blank=True,
        related_name="reviewed_clusters",
    )

    class Meta:
        verbose_name = _("cụm, khối thi đua")
        verbose_name_plural = _("cụm, khối thi đua")
        ordering = ["-year", "name"]
        constraints = [models.UniqueConstraint(fields=["year", "code"], name="cluster_code_unique_per_year")]

    def __str__(self):
        return f"{self.name} ({self.year})"


class ClusterMembership(models.Model):
    """A unit belongs to at most one cluster/block in a given year."""

    cluster = models.ForeignKey(
        Cluster, verbose_name=_("cụm, khối"), on_delete=models.CASCADE, related_name="memberships"
    )
    unit = models.ForeignKey(
        Unit, verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="memberships"
    )
    year = models.PositiveIntegerField(_("năm"), editable=False)

    class Meta:
        verbose_name = _("thành viên cụm, khối")
        verbose_name_plural = _("thành viên cụm, khối")
        constraints = [models.UniqueConstraint(fields=["unit", "year"], name="one_cluster_per_unit_per_year")]

    def __str__(self):
        return f"{self.unit} – {self.cluster}"

    def save(self, *args, **kwargs):
        self.year = self.cluster.year
        super().save(*args, **kwargs)


class UnitMerge(models.Model):
    """A recorded reorganisation: what moved from a predecessor to its successor."""

    predecessor = models.ForeignKey(
        Unit, verbose_name=_("đơn vị cũ"), on_delete=models.PROTECT, related_name="merges_out"
    )
    successor = models.ForeignKey(
        Unit, verbose_name=_("đơn vị kế thừa"), on_delete=models.PROTECT, related_name="merges_in"
    )
    effective_date = models.DateField(_("ngày hiệu lực"))
    moved = models.JSONField(_("số bản ghi đã chuyển"), default=dict)
    performed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("người thực hiện"),
    )
    performed_at = models.DateTimeField(_("thời gian"), default=timezone.now)

    class Meta:
        verbose_name = _("sáp nhập đơn vị")
        verbose_name_plural = _("sáp nhập đơn vị")
        ordering = ["-performed_at"]

    def __str__(self):
        return f"{self.predecessor} → {self.successor}"
