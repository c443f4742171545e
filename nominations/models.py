"""The domain: what a nomination is and what may happen to it.

django-fsm owns ``Nomination.status`` (the legal lifecycle, DESIGN §3). Only
``nominations.services`` fires the transitions; this module imports nothing
from ``workflows``.
"""

import hashlib
import json

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_fsm import RETURN_VALUE, ConcurrentTransitionMixin, FSMField, transition

from .text import normalize_search


class Role(models.TextChoices):
    """The Django groups that carry the roles of DESIGN §1."""

    UNIT_CLERK = "unit_clerk", _("Cán bộ TĐKT đơn vị")
    CLUSTER_REVIEWER = "cluster_reviewer", _("Trưởng Cụm/Khối thi đua")
    APPRAISER = "appraiser", _("Chuyên viên Ban TĐKT")
    COUNCIL_SECRETARY = "council_secretary", _("Thư ký Hội đồng")
    LEADER = "leader", _("Lãnh đạo UBND tỉnh")
    AGENCY_HEAD = "agency_head", _("Trưởng Ban TĐKT")
    ADMIN = "admin", _("Quản trị")


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


class DocumentKind(models.TextChoices):
    """The dossier parts of Law Art. 84 (codes are the API's)."""

    TO_TRINH = "to_trinh", _("Tờ trình")
    BAO_CAO_THANH_TICH = "bao_cao_thanh_tich", _("Báo cáo thành tích")
    TOM_TAT_THANH_TICH = "tom_tat_thanh_tich", _("Tóm tắt thành tích")
    BIEN_BAN = "bien_ban", _("Biên bản họp xét")
    XAC_NHAN_SANG_KIEN = "xac_nhan_sang_kien", _("Xác nhận sáng kiến, đề tài")
    KHAC = "khac", _("Tài liệu khác")


class NomineeKind(models.TextChoices):
    INDIVIDUAL = "individual", _("Cá nhân")
    COLLECTIVE = "collective", _("Tập thể")
    HOUSEHOLD = "household", _("Hộ gia đình")


class Route(models.TextChoices):
    """Award routes (hình thức khen thưởng)."""

    ANNUAL = "annual", _("Thường xuyên")
    THEMATIC = "thematic", _("Theo chuyên đề")
    AD_HOC = "ad_hoc", _("Đột xuất")
    SENIORITY = "seniority", _("Niên hạn")
    RESISTANCE = "resistance", _("Kháng chiến")


class AwardType(models.Model):
    """An entry of the award catalog; figures are data, never code constants."""

    class Level(models.TextChoices):
        GRASSROOTS = "grassroots", _("Cấp cơ sở")
        PROVINCE = "province", _("Cấp tỉnh")
        NATIONAL = "national", _("Cấp Nhà nước (đề nghị lên trên)")

    class VoteBase(models.TextChoices):
        MEMBERS_TOTAL = "members_total", _("Tổng số thành viên Hội đồng")
        MEMBERS_PRESENT = "members_present", _("Số thành viên có mặt")

    code = models.CharField(_("mã"), max_length=40, unique=True)
    name = models.CharField(_("tên danh hiệu, hình thức"), max_length=255)
    level = models.CharField(_("cấp khen thưởng"), max_length=20, choices=Level.choices)
    nominee_kinds = models.JSONField(
        _("đối tượng"), default=list, help_text=_("Danh sách: individual, collective, household.")
    )
    routes = models.JSONField(_("hình thức xét"), default=list)
    required_documents = models.JSONField(
        _("thành phần hồ sơ bắt buộc"),
        default=list,
        help_text=_("Mã loại tài liệu, ví dụ to_trinh, bao_cao_thanh_tich, bien_ban."),
    )
    vote_threshold_percent = models.DecimalField(
        _("ngưỡng biểu quyết (%)"), max_digits=5, decimal_places=2, default=50
    )
    vote_threshold_strict = models.BooleanField(
        _("phải vượt ngưỡng"),
        default=True,
        help_text=_("Bật: phải lớn hơn ngưỡng; tắt: từ ngưỡng trở lên."),
    )
    vote_base = models.CharField(
        _("cơ sở tính tỷ lệ"), max_length=20, choices=VoteBase.choices, default=VoteBase.MEMBERS_PRESENT
    )
    reward_coefficient = models.DecimalField(
        _("hệ số tiền thưởng"), max_digits=6, decimal_places=2, default=0
    )
    sla_overrides = models.JSONField(
        _("thời hạn xử lý riêng (ngày làm việc)"),
        default=dict,
        blank=True,
        help_text=_('Ví dụ {"appraisal": 7}.'),
    )
    rule_params = models.JSONField(_("tham số tiêu chuẩn"), default=dict, blank=True)
    proposed_upward = models.BooleanField(_("trình cấp trên khen thưởng"), default=False)
    needs_public_disclosure = models.BooleanField(_("phải công khai lấy ý kiến"), default=False)
    effective_from = models.DateField(_("hiệu lực từ"), null=True, blank=True)
    effective_to = models.DateField(_("hiệu lực đến"), null=True, blank=True)
    legal_basis = models.CharField(_("căn cứ pháp lý"), max_length=255, blank=True)
    submission_closes = models.DateField(
        _("hạn nhận hồ sơ"),
        null=True,
        blank=True,
        help_text=_("Sau ngày này đơn vị không nộp được, trừ khi Trưởng Ban TĐKT gia hạn."),
    )

    class Meta:
        verbose_name = _("danh hiệu, hình thức khen thưởng")
        verbose_name_plural = _("danh mục khen thưởng")
        ordering = ["level", "name"]

    def __str__(self):
        return self.name


class Movement(models.Model):
    """An emulation movement (phong trào thi đua)."""

    name = models.CharField(_("tên phong trào"), max_length=500)
    start_year = models.PositiveIntegerField(_("từ năm"), null=True, blank=True)
    end_year = models.PositiveIntegerField(_("đến năm"), null=True, blank=True)
    description = models.TextField(_("nội dung, tiêu chí"), blank=True)
    submission_closes = models.DateField(_("hạn nhận hồ sơ"), null=True, blank=True)

    class Meta:
        verbose_name = _("phong trào thi đua")
        verbose_name_plural = _("phong trào thi đua")
        ordering = ["name"]

    def __str__(self):
        return self.name

    @property
    def period_display(self) -> str:
        if self.start_year and self.end_year and self.start_year != self.end_year:
            return f"{self.start_year}–{self.end_year}"
        if self.start_year and not self.end_year:
            return str(_("thường xuyên, từ %(year)s")) % {"year": self.start_year}
        return str(self.start_year or self.end_year or _("thường xuyên"))


class MovementMilestone(models.Model):
    """A mid-term (sơ kết) or final (tổng kết) review of a movement."""

    class Kind(models.TextChoices):
        MID_TERM = "so_ket", _("Sơ kết")
        FINAL = "tong_ket", _("Tổng kết")

    movement = models.ForeignKey(
        Movement, verbose_name=_("phong trào"), on_delete=models.CASCADE, related_name="milestones"
    )
    kind = models.CharField(_("loại"), max_length=10, choices=Kind.choices)
    year = models.PositiveIntegerField(_("năm"))
    date = models.DateField(_("ngày"), null=True, blank=True)
    note = models.CharField(_("ghi chú"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("mốc sơ kết, tổng kết")
        verbose_name_plural = _("mốc sơ kết, tổng kết")
        ordering = ["year", "kind"]

    def __str__(self):
        return f"{self.get_kind_display()} {self.year}"


def _may(action: str):
    """django-fsm ``permission=``: role and scope from nominations.permissions."""

    def check(instance, user):
        from .permissions import can_act  # permissions imports this module

        return can_act(user, instance, action)

    check.__name__ = f"may_{action}"
    return check


class Stage(models.TextChoices):
    """Review stages that can return a dossier (the targets of ``resubmit``)."""

    CLUSTER_REVIEW = "cluster_review", _("Cụm/Khối xét duyệt")
    COUNCIL_REVIEW = "council_review", _("Thẩm định")
    AWAITING_SIGNATURE = "awaiting_signature", _("Chờ ký quyết định")


class Nomination(ConcurrentTransitionMixin, models.Model):
    """One nominee proposed for one award: the dossier and its lifecycle."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Đang soạn")
        CLUSTER_REVIEW = "cluster_review", _("Cụm/Khối đang xét")
        COUNCIL_REVIEW = "council_review", _("Đang thẩm định")
        COUNCIL_VOTE = "council_vote", _("Chờ Hội đồng biểu quyết")
        AWAITING_SIGNATURE = "awaiting_signature", _("Chờ ký quyết định")
        AWARDED = "awarded", _("Đã khen thưởng")
        RETURNED = "returned", _("Trả lại để bổ sung")
        REJECTED = "rejected", _("Không được khen thưởng")
        WITHDRAWN = "withdrawn", _("Đơn vị đã rút")

    class Gender(models.TextChoices):
        MALE = "male", _("Nam")
        FEMALE = "female", _("Nữ")

    REVIEW_STAGES = (
        Status.CLUSTER_REVIEW,
        Status.COUNCIL_REVIEW,
        Status.COUNCIL_VOTE,
        Status.AWAITING_SIGNATURE,
    )
    FINAL_STATUSES = (Status.AWARDED, Status.REJECTED, Status.WITHDRAWN)

    unit = models.ForeignKey(
        Unit, verbose_name=_("đơn vị đề nghị"), on_delete=models.PROTECT, related_name="nominations"
    )
    # Resolved from the unit's membership for the year at submission; stored so
    # that scope checks and queues filter on one indexed column.
    cluster = models.ForeignKey(
        Cluster,
        verbose_name=_("cụm, khối"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="nominations",
    )
    award_type = models.ForeignKey(
        AwardType, verbose_name=_("hình thức khen thưởng"), on_delete=models.PROTECT
    )
    route = models.CharField(_("hình thức xét"), max_length=20, choices=Route.choices, default=Route.ANNUAL)
    movement = models.ForeignKey(
        Movement, verbose_name=_("phong trào"), null=True, blank=True, on_delete=models.PROTECT
    )
    year = models.PositiveIntegerField(_("năm"))
    batch = models.ForeignKey(
        "Batch",
        verbose_name=_("tờ trình (đợt)"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="nominations",
    )

    nominee_kind = models.CharField(
        _("đối tượng"), max_length=20, choices=NomineeKind.choices, default=NomineeKind.INDIVIDUAL
    )
    nominee_name = models.CharField(_("họ tên / tên tập thể"), max_length=255)
    nominee_name_search = models.CharField(max_length=255, editable=False, db_index=True)
    nominee_gender = models.CharField(_("giới tính"), max_length=10, choices=Gender.choices, blank=True)
    nominee_birth_year = models.PositiveIntegerField(_("năm sinh"), null=True, blank=True)
    nominee_position = models.CharField(_("chức vụ, đơn vị công tác"), max_length=255, blank=True)
    nominee_citizen_id = models.CharField(
        _("số CCCD"), max_length=12, blank=True, help_text=_("Dữ liệu cá nhân: không công khai.")
    )
    household_address = models.CharField(_("địa chỉ hộ gia đình"), max_length=255, blank=True)
    achievements = models.TextField(_("tóm tắt thành tích"))
    under_discipline = models.BooleanField(_("đang bị kỷ luật"), default=False)
    under_inspection = models.BooleanField(_("đang bị thanh tra, kiểm tra"), default=False)
    has_open_complaint = models.BooleanField(_("có khiếu nại, tố cáo chưa giải quyết"), default=False)

    status = FSMField(
        _("trạng thái"),
        max_length=30,
        choices=Status.choices,
        default=Status.DRAFT,
        protected=True,
    )
    returned_from = models.CharField(_("nơi trả lại"), max_length=30, choices=Stage.choices, blank=True)
    version = models.PositiveIntegerField(_("lần nộp"), default=0)

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người tạo"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("ngày tạo"), default=timezone.now)
    updated_at = models.DateTimeField(_("cập nhật"), auto_now=True)
    submitted_at = models.DateTimeField(_("ngày nộp"), null=True, blank=True)
    status_changed_at = models.DateTimeField(_("chuyển trạng thái lúc"), default=timezone.now)

    class Meta:
        verbose_name = _("hồ sơ đề nghị khen thưởng")
        verbose_name_plural = _("hồ sơ đề nghị khen thưởng")
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["unit", "status"], name="nom_unit_status"),
            models.Index(fields=["cluster", "status"], name="nom_cluster_status"),
            models.Index(fields=["status", "year"], name="nom_status_year"),
            models.Index(fields=["award_type", "status"], name="nom_award_status"),
        ]

    def __str__(self):
        return f"{self.nominee_name} – {self.award_type}"

    def save(self, *args, **kwargs):
        self.nominee_name_search = normalize_search(self.nominee_name)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        from django.urls import reverse

        return reverse("nominations:detail", args=[self.pk])

    # --- transitions (fired only by nominations.services) -----------------

    @transition(
        field=status,
        source=Status.DRAFT,
        target=RETURN_VALUE(Status.CLUSTER_REVIEW, Status.COUNCIL_REVIEW),
        permission=_may("submit"),
    )
    def submit(self, *, skip_cluster: bool):
        self.version += 1
        self.submitted_at = timezone.now()
        return self.Status.COUNCIL_REVIEW if skip_cluster else self.Status.CLUSTER_REVIEW

    @transition(
        field=status,
        source=Status.CLUSTER_REVIEW,
        target=Status.COUNCIL_REVIEW,
        permission=_may("approve_cluster"),
    )
    def approve_cluster(self):
        pass

    @transition(
        field=status,
        source=[Status.CLUSTER_REVIEW, Status.COUNCIL_REVIEW, Status.AWAITING_SIGNATURE],
        target=Status.RETURNED,
        permission=_may("return_for_changes"),
    )
    def return_for_changes(self):
        self.returned_from = self.status

    @transition(
        field=status,
        source=Status.RETURNED,
        target=RETURN_VALUE(Status.CLUSTER_REVIEW, Status.COUNCIL_REVIEW, Status.AWAITING_SIGNATURE),
        permission=_may("resubmit"),
    )
    def resubmit(self):
        self.version += 1
        target = self.returned_from or self.Status.CLUSTER_REVIEW
        self.returned_from = ""
        return target

    @transition(
        field=status,
        source=Status.COUNCIL_REVIEW,
        target=Status.COUNCIL_VOTE,
        permission=_may("pass_appraisal"),
    )
    def pass_appraisal(self):
        pass

    @transition(
        field=status,
        source=Status.COUNCIL_VOTE,
        target=RETURN_VALUE(Status.AWAITING_SIGNATURE, Status.REJECTED),
        permission=_may("record_vote"),
    )
    def record_vote(self, *, passed: bool):
        return self.Status.AWAITING_SIGNATURE if passed else self.Status.REJECTED

    @transition(
        field=status, source=Status.AWAITING_SIGNATURE, target=Status.AWARDED, permission=_may("sign")
    )
    def sign(self):
        pass

    @transition(
        field=status,
        source=Status.AWAITING_SIGNATURE,
        target=Status.COUNCIL_VOTE,
        permission=_may("return_to_council"),
    )
    def return_to_council(self):
        pass

    @transition(
        field=status,
        source=[
            Status.CLUSTER_REVIEW,
            Status.COUNCIL_REVIEW,
            Status.COUNCIL_VOTE,
            Status.AWAITING_SIGNATURE,
        ],
        target=Status.REJECTED,
        permission=_may("reject"),
    )
    def reject(self):
        pass

    @transition(
        field=status,
        source=[Status.DRAFT, Status.CLUSTER_REVIEW, Status.RETURNED],
        target=Status.WITHDRAWN,
        permission=_may("withdraw"),
    )
    def withdraw(self):
        pass

    # --- helpers -----------------------------------------------------------

    @property
    def is_final(self) -> bool:
        return self.status in self.FINAL_STATUSES

    @property
    def is_editable_by_unit(self) -> bool:
        return self.status in (self.Status.DRAFT, self.Status.RETURNED)

    @property
    def citizen_id_masked(self) -> str:
        cid = self.nominee_citizen_id
        return f"{'*' * (len(cid) - 4)}{cid[-4:]}" if len(cid) > 4 else ""


class Comment(models.Model):
    """The thread on a nomination; returns and rejections carry their reason here."""

    class Kind(models.TextChoices):
        NOTE = "note", _("Ý kiến")
        RETURN = "return", _("Trả lại")
        REJECT = "reject", _("Không đồng ý")
        APPROVE = "approve", _("Đồng ý")
        RESUBMIT = "resubmit", _("Giải trình khi nộp lại")

    nomination = models.ForeignKey(
        Nomination, on_delete=models.CASCADE, related_name="comments", verbose_name=_("hồ sơ")
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("người viết")
    )
    kind = models.CharField(_("loại"), max_length=20, choices=Kind.choices, default=Kind.NOTE)
    stage = models.CharField(_("bước"), max_length=30, choices=Nomination.Status.choices)
    body = models.TextField(_("nội dung"))
    created_at = models.DateTimeField(_("thời gian"), default=timezone.now)

    class Meta:
        verbose_name = _("ý kiến")
        verbose_name_plural = _("ý kiến")
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["nomination", "created_at"], name="comment_nom_time")]

    def __str__(self):
        return f"{self.author}: {self.body[:40]}"


class CouncilVote(models.Model):
    """The Council's secret-ballot result for one nomination."""

    nomination = models.ForeignKey(
        Nomination, on_delete=models.CASCADE, related_name="votes", verbose_name=_("hồ sơ")
    )
    votes_for = models.PositiveIntegerField(_("số phiếu đồng ý"))
    votes_against = models.PositiveIntegerField(_("số phiếu không đồng ý"))
    members_present = models.PositiveIntegerField(_("số thành viên có mặt"))
    members_total = models.PositiveIntegerField(_("tổng số thành viên"))
    threshold_percent = models.DecimalField(_("ngưỡng (%)"), max_digits=5, decimal_places=2)
    passed = models.BooleanField(_("đạt"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("thư ký")
    )
    recorded_at = models.DateTimeField(_("thời gian"), default=timezone.now)

    class Meta:
        verbose_name = _("kết quả biểu quyết")
        verbose_name_plural = _("kết quả biểu quyết")
        ordering = ["-recorded_at"]

    def __str__(self):
        return f"{self.nomination_id}: {self.votes_for}/{self.members_total}"


class Appraisal(models.Model):
    """The appraiser's checklist and, where a rule failed, the written justification."""

    nomination = models.ForeignKey(
        Nomination, on_delete=models.CASCADE, related_name="appraisals", verbose_name=_("hồ sơ")
    )
    checklist = models.JSONField(_("danh mục kiểm tra"), default=dict)
    justification = models.TextField(_("giải trình"), blank=True)
    appraiser = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("chuyên viên")
    )
    created_at = models.DateTimeField(_("thời gian"), default=timezone.now)

    class Meta:
        verbose_name = _("kết quả thẩm định")
        verbose_name_plural = _("kết quả thẩm định")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.nomination_id} – {self.created_at:%d/%m/%Y}"


class AwardRecord(models.Model):
    """Award history: what a person or collective has received (read by the rules)."""

    nominee_kind = models.CharField(_("đối tượng"), max_length=20, choices=NomineeKind.choices)
    nominee_name = models.CharField(_("họ tên / tên tập thể"), max_length=255)
    nominee_name_search = models.CharField(max_length=255, editable=False, db_index=True)
    nominee_citizen_id = models.CharField(_("số CCCD"), max_length=12, blank=True, db_index=True)
    nominee_birth_year = models.PositiveIntegerField(_("năm sinh"), null=True, blank=True)
    unit = models.ForeignKey(
        Unit, verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="award_records"
    )
    award_type = models.ForeignKey(
        AwardType, verbose_name=_("danh hiệu, hình thức"), on_delete=models.PROTECT
    )
    route = models.CharField(_("hình thức xét"), max_length=20, choices=Route.choices, default=Route.ANNUAL)
    year = models.PositiveIntegerField(_("năm"))
    decision_number = models.CharField(_("số quyết định"), max_length=50, blank=True)
    decision_date = models.DateField(_("ngày quyết định"), null=True, blank=True)
    decision = models.ForeignKey(
        "Decision",
        verbose_name=_("quyết định"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="award_records",
    )
    nomination = models.OneToOneField(
        Nomination,
        verbose_name=_("hồ sơ"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="award_record",
    )
    revoked = models.BooleanField(_("đã thu hồi"), default=False)
    revoked_reason = models.TextField(_("lý do thu hồi"), blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("lịch sử khen thưởng")
        verbose_name_plural = _("lịch sử khen thưởng")
        ordering = ["-year", "nominee_name"]
        indexes = [models.Index(fields=["unit", "year"], name="award_unit_year")]

    def __str__(self):
        return f"{self.nominee_name} – {self.award_type} ({self.year})"

    def save(self, *args, **kwargs):
        self.nominee_name_search = normalize_search(self.nominee_name)
        super().save(*args, **kwargs)


class Initiative(models.Model):
    """A recognised initiative (sáng kiến); it may be the basis of one award only."""

    class Level(models.TextChoices):
        GRASSROOTS = "grassroots", _("Cấp cơ sở")
        PROVINCE = "province", _("Cấp tỉnh")
        NATIONAL = "national", _("Toàn quốc")

    title = models.CharField(_("tên sáng kiến, đề tài"), max_length=500)
    level = models.CharField(_("phạm vi ảnh hưởng"), max_length=20, choices=Level.choices)
    year = models.PositiveIntegerField(_("năm công nhận"))
    owner_name = models.CharField(_("tác giả"), max_length=255)
    owner_name_search = models.CharField(max_length=255, editable=False, db_index=True)
    owner_citizen_id = models.CharField(_("số CCCD tác giả"), max_length=12, blank=True, db_index=True)
    unit = models.ForeignKey(
        Unit, verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="initiatives"
    )
    recognition_ref = models.CharField(_("số văn bản công nhận"), max_length=100, blank=True)
    used_by = models.OneToOneField(
        Nomination,
        verbose_name=_("đã dùng cho hồ sơ"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="initiative",
    )
    # An award recorded before this system (imported history) can also be
    # the one award an initiative was the basis of.
    used_by_record = models.OneToOneField(
        "AwardRecord",
        verbose_name=_("đã dùng cho khen thưởng (lịch sử)"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="initiative",
    )

    class Meta:
        verbose_name = _("sáng kiến")
        verbose_name_plural = _("sáng kiến")
        ordering = ["-year", "title"]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self.owner_name_search = normalize_search(self.owner_name)
        super().save(*args, **kwargs)

    @property
    def is_used(self) -> bool:
        return bool(self.used_by_id or self.used_by_record_id)


class AuditEvent(models.Model):
    """Append-only, hash-chained log of every transition and document change.

    Each row stores the hash of the row before it; editing or deleting a row
    breaks the chain at that point, which ``verify_audit`` reports.
    """

    nomination = models.ForeignKey(
        Nomination,
        verbose_name=_("hồ sơ"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="audit_events",
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người thực hiện"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    actor_name = models.CharField(_("người thực hiện"), max_length=150, blank=True)
    action = models.CharField(_("hành động"), max_length=50)
    from_status = models.CharField(_("từ trạng thái"), max_length=30, blank=True)
    to_status = models.CharField(_("sang trạng thái"), max_length=30, blank=True)
    comment = models.TextField(_("ý kiến"), blank=True)
    ip = models.GenericIPAddressField(_("địa chỉ IP"), null=True, blank=True)
    data = models.JSONField(_("dữ liệu"), default=dict, blank=True)
    at = models.DateTimeField(_("thời gian"), default=timezone.now)
    prev_hash = models.CharField(max_length=64, editable=False)
    hash = models.CharField(max_length=64, editable=False, unique=True)

    class Meta:
        verbose_name = _("nhật ký")
        verbose_name_plural = _("nhật ký")
        ordering = ["id"]
        indexes = [models.Index(fields=["nomination", "id"], name="audit_nom_id")]

    def __str__(self):
        return f"#{self.pk} {self.action} {self.from_status}→{self.to_status}"

    ACTION_LABELS = {
        "create": _("Lập hồ sơ"),
        "update": _("Sửa thông tin hồ sơ"),
        "document_add": _("Tải lên tài liệu"),
        "submit": _("Nộp hồ sơ"),
        "approve_cluster": _("Cụm/Khối đồng ý"),
        "return_for_changes": _("Trả lại đơn vị"),
        "resubmit": _("Nộp lại hồ sơ"),
        "pass_appraisal": _("Thẩm định đạt"),
        "record_vote": _("Hội đồng biểu quyết"),
        "sign": _("Ký quyết định"),
        "reject": _("Không đồng ý khen thưởng"),
        "withdraw": _("Đơn vị rút hồ sơ"),
        "return_to_council": _("Lãnh đạo chuyển lại Hội đồng"),
        "extension_grant": _("Gia hạn nộp hồ sơ"),
        "initiative_link": _("Gắn sáng kiến làm căn cứ"),
        "unit_merge": _("Sáp nhập đơn vị"),
        "history_import": _("Nhập lịch sử khen thưởng"),
        "decision_draft": _("Lập dự thảo quyết định"),
        "decision_sign": _("Ký ban hành quyết định"),
        "decision_cancel": _("Hủy quyết định"),
        "disclosure_open": _("Công khai lấy ý kiến"),
    }

    @property
    def action_display(self) -> str:
        return str(self.ACTION_LABELS.get(self.action, self.action))

    @property
    def from_status_display(self) -> str:
        return str(dict(Nomination.Status.choices).get(self.from_status, self.from_status))

    @property
    def to_status_display(self) -> str:
        return str(dict(Nomination.Status.choices).get(self.to_status, self.to_status))

    def compute_hash(self) -> str:
        """SHA-256 over the previous hash and this row's content, canonical JSON."""
        payload = {
            "prev": self.prev_hash,
            "nomination": self.nomination_id,
            "actor": self.actor_id,
            "actor_name": self.actor_name,
            "action": self.action,
            "from": self.from_status,
            "to": self.to_status,
            "comment": self.comment,
            "ip": self.ip,
            "data": self.data,
            "at": self.at.isoformat(),
        }
        raw = json.dumps(payload, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
        return hashlib.sha256(raw.encode("utf-8")).hexdigest()

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValidationError(_("Nhật ký chỉ được ghi thêm, không được sửa."))
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValidationError(_("Nhật ký không được xóa."))


def document_upload_to(instance, filename):
    # The stored name never comes from the user: unit / owner / hash prefix.
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


class EligibilityRule(models.Model):
    """A criterion of the catalog as data: which check, with which parameters, when in force.

    ``kind`` names a check implemented once in code; the law's figures
    (years, levels, titles) live in ``params`` with effective dates, so a new
    decree is a data change.
    """

    code = models.CharField(_("mã"), max_length=60)
    name = models.CharField(_("tên tiêu chuẩn"), max_length=255)
    award_type = models.ForeignKey(
        AwardType,
        verbose_name=_("áp dụng cho"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="rules",
        help_text=_("Để trống: áp dụng cho mọi hình thức."),
    )
    nominee_kind = models.CharField(_("đối tượng"), max_length=20, choices=NomineeKind.choices, blank=True)
    kind = models.CharField(_("loại kiểm tra"), max_length=60)
    params = models.JSONField(_("tham số"), default=dict, blank=True)
    effective_from = models.DateField(_("hiệu lực từ"), null=True, blank=True)
    effective_to = models.DateField(_("hiệu lực đến"), null=True, blank=True)
    legal_basis = models.CharField(_("căn cứ"), max_length=255, blank=True)
    active = models.BooleanField(_("đang dùng"), default=True)

    class Meta:
        verbose_name = _("tiêu chuẩn xét khen thưởng")
        verbose_name_plural = _("tiêu chuẩn xét khen thưởng")
        ordering = ["award_type__code", "code"]
        constraints = [
            models.UniqueConstraint(fields=["code", "effective_from"], name="rule_code_version_unique")
        ]

    def __str__(self):
        return self.name


class SubmissionExtension(models.Model):
    """A late submission allowed by the agency head, recorded with its reason."""

    unit = models.ForeignKey(Unit, verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="+")
    award_type = models.ForeignKey(
        AwardType, verbose_name=_("hình thức"), null=True, blank=True, on_delete=models.PROTECT
    )
    movement = models.ForeignKey(
        Movement, verbose_name=_("phong trào"), null=True, blank=True, on_delete=models.PROTECT
    )
    until = models.DateField(_("gia hạn đến"))
    reason = models.TextField(_("lý do"))
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("người cho phép")
    )
    granted_at = models.DateTimeField(_("thời gian"), default=timezone.now)

    class Meta:
        verbose_name = _("gia hạn nộp hồ sơ")
        verbose_name_plural = _("gia hạn nộp hồ sơ")
        ordering = ["-granted_at"]

    def __str__(self):
        return f"{self.unit} → {self.until:%d/%m/%Y}"


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


class BaseSalary(models.Model):
    """The base salary (lương cơ sở) in force from a date: reward = coefficient × this."""

    amount = models.PositiveBigIntegerField(_("mức lương cơ sở (đồng)"))
    effective_from = models.DateField(_("áp dụng từ"), unique=True)
    legal_basis = models.CharField(_("căn cứ"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("mức lương cơ sở")
        verbose_name_plural = _("mức lương cơ sở")
        ordering = ["-effective_from"]

    def __str__(self):
        return f"{self.amount:,} ({self.effective_from:%d/%m/%Y})".replace(",", ".")


class DecisionCounter(models.Model):
    """The last number issued per issuing body and year; locked to hand out the next."""

    issuer_symbol = models.CharField(_("ký hiệu cơ quan ban hành"), max_length=30)
    year = models.PositiveIntegerField(_("năm"))
    last = models.PositiveIntegerField(_("số cuối đã cấp"), default=0)

    class Meta:
        verbose_name = _("sổ đăng ký số quyết định")
        verbose_name_plural = _("sổ đăng ký số quyết định")
        constraints = [
            models.UniqueConstraint(fields=["issuer_symbol", "year"], name="decision_counter_unique")
        ]

    def __str__(self):
        return f"{self.issuer_symbol} {self.year}: {self.last}"


class Decision(models.Model):
    """An award decision (Quyết định khen thưởng) covering many nominations."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Dự thảo")
        SIGNED = "signed", _("Đã ký")
        CANCELLED = "cancelled", _("Đã hủy")

    issuer_name = models.CharField(_("cơ quan ban hành"), max_length=255, default="ỦY BAN NHÂN DÂN TỈNH")
    issuer_symbol = models.CharField(_("ký hiệu"), max_length=30, default="QĐ-UBND")
    year = models.PositiveIntegerField(_("năm"))
    sequence = models.PositiveIntegerField(_("số thứ tự"), null=True, blank=True)
    number = models.CharField(_("số quyết định"), max_length=50, blank=True, db_index=True)
    title = models.CharField(_("trích yếu"), max_length=500)
    legal_bases = models.JSONField(_("căn cứ ban hành"), default=list)
    status = models.CharField(_("trạng thái"), max_length=20, choices=Status.choices, default=Status.DRAFT)
    signer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người ký"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="signed_decisions",
    )
    signer_title = models.CharField(_("chức vụ người ký"), max_length=150, blank=True)
    decision_date = models.DateField(_("ngày ký"), null=True, blank=True)
    signed_at = models.DateTimeField(_("thời điểm ký"), null=True, blank=True)
    pdf = models.FileField(_("tệp PDF đã ký"), upload_to="decisions/", blank=True, max_length=300)
    sha256 = models.CharField(_("SHA-256 của tệp đã ký"), max_length=64, blank=True, db_index=True)
    total_amount = models.PositiveBigIntegerField(_("tổng tiền thưởng (đồng)"), default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("người lập")
    )
    created_at = models.DateTimeField(_("ngày lập"), default=timezone.now)
    cancelled_at = models.DateTimeField(_("hủy lúc"), null=True, blank=True)
    cancel_reason = models.TextField(_("lý do hủy"), blank=True)

    class Meta:
        verbose_name = _("quyết định khen thưởng")
        verbose_name_plural = _("quyết định khen thưởng")
        ordering = ["-year", "-sequence", "-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["issuer_symbol", "year", "sequence"],
                condition=models.Q(sequence__isnull=False),
                name="decision_number_unique",
            )
        ]

    def __str__(self):
        return self.number or str(_("Dự thảo quyết định #%(id)s")) % {"id": self.pk}


class DecisionLine(models.Model):
    """One awardee of a decision, with the amount as computed on the decision date."""

    decision = models.ForeignKey(
        Decision, on_delete=models.CASCADE, related_name="lines", verbose_name=_("quyết định")
    )
    nomination = models.ForeignKey(
        Nomination, on_delete=models.PROTECT, related_name="decision_lines", verbose_name=_("hồ sơ")
    )
    position = models.PositiveIntegerField(_("số thứ tự"))
    nominee_name = models.CharField(_("đối tượng"), max_length=255)
    unit_name = models.CharField(_("đơn vị"), max_length=255)
    award_type = models.ForeignKey(AwardType, on_delete=models.PROTECT, verbose_name=_("hình thức"))
    coefficient = models.DecimalField(_("hệ số"), max_digits=6, decimal_places=2)
    base_salary = models.PositiveBigIntegerField(_("lương cơ sở (đồng)"))
    multiplier = models.DecimalField(_("hệ số hộ gia đình"), max_digits=4, decimal_places=2, default=1)
    amount = models.PositiveBigIntegerField(_("tiền thưởng (đồng)"))

    class Meta:
        verbose_name = _("dòng quyết định")
        verbose_name_plural = _("dòng quyết định")
        ordering = ["decision", "position"]
        constraints = [
            models.UniqueConstraint(fields=["decision", "nomination"], name="decision_line_unique_nomination")
        ]

    def __str__(self):
        return f"{self.position}. {self.nominee_name}"


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
