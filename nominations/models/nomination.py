"""The nomination aggregate: the dossier, its lifecycle (django-fsm), its thread, vote and appraisal.

django-fsm owns ``Nomination.status``; only ``nominations.services`` fires the transitions."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_fsm import RETURN_VALUE, FSMField, transition

from ..text import normalize_search
from .base import ProtectedStatusModel
from .catalog import AwardeeClass, AwardType, Movement, NomineeKind, Route
from .organisation import Cluster, Unit


def _may(action: str):
    """django-fsm ``permission=``: role and scope from nominations.permissions."""

    def check(instance, user):
        from ..policy.permissions import can_act  # the policy imports this module

        return can_act(user, instance, action)

    check.__name__ = f"may_{action}"
    return check


class Stage(models.TextChoices):
    """Review stages that can return a dossier (the targets of ``resubmit``)."""

    CLUSTER_REVIEW = "cluster_review", _("Cụm/Khối xét duyệt")
    COUNCIL_REVIEW = "council_review", _("Thẩm định")
    AWAITING_SIGNATURE = "awaiting_signature", _("Chờ ký quyết định")
    UNIT_SIGNATURE = "unit_signature", _("Chờ thủ trưởng đơn vị ký")
    AWAITING_PROPOSAL = "awaiting_proposal", _("Chờ ký tờ trình")
    FORWARDED = "forwarded", _("Cấp trên trả lại")


class Nomination(ProtectedStatusModel):
    """One nominee proposed for one award: the dossier and its lifecycle."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Đang soạn")
        CLUSTER_REVIEW = "cluster_review", _("Cụm/Khối đang xét")
        COUNCIL_REVIEW = "council_review", _("Đang thẩm định")
        COUNCIL_VOTE = "council_vote", _("Chờ Hội đồng biểu quyết")
        AWAITING_SIGNATURE = "awaiting_signature", _("Chờ ký quyết định")
        UNIT_VOTE = "unit_vote", _("Chờ Hội đồng cơ sở biểu quyết")
        UNIT_SIGNATURE = "unit_signature", _("Chờ thủ trưởng đơn vị ký")
        AWAITING_PROPOSAL = "awaiting_proposal", _("Chờ ký tờ trình đề nghị cấp trên")
        FORWARDED = "forwarded", _("Đã trình cấp trên")
        AWARDED = "awarded", _("Đã khen thưởng")
        RETURNED = "returned", _("Trả lại để bổ sung")
        REJECTED = "rejected", _("Không được khen thưởng")
        WITHDRAWN = "withdrawn", _("Đơn vị đã rút")

    class Gender(models.TextChoices):
        MALE = "male", _("Nam")
        FEMALE = "female", _("Nữ")

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
    # The row of the batch's file the entry was last imported from: what the unit's spreadsheet
    # calls it when the batch lists what it could not submit.
    batch_row = models.PositiveIntegerField(_("dòng trong tệp của tờ trình"), null=True, blank=True)

    nominee_kind = models.CharField(
        _("đối tượng"), max_length=20, choices=NomineeKind.choices, default=NomineeKind.INDIVIDUAL
    )
    nominee_name = models.CharField(_("họ tên / tên tập thể"), max_length=255)
    nominee_name_search = models.CharField(max_length=255, editable=False, db_index=True)
    nominee_gender = models.CharField(_("giới tính"), max_length=10, choices=Gender.choices, blank=True)
    nominee_birth_year = models.PositiveIntegerField(_("năm sinh"), null=True, blank=True)
    # The full date the national database wants; the year alone stays valid for older records.
    nominee_birth_date = models.DateField(_("ngày sinh"), null=True, blank=True)
    nominee_position = models.CharField(_("chức vụ, đơn vị công tác"), max_length=255, blank=True)
    awardee_class = models.CharField(
        _("đối tượng cá nhân (biểu thống kê)"),
        max_length=30,
        choices=AwardeeClass.choices,
        blank=True,
        help_text=_("Phân loại cá nhân theo biểu 0602, 0603 (Thông tư 02/2023/TT-BNV)."),
    )
    ethnic_group = models.CharField(_("dân tộc"), max_length=50, blank=True)
    is_enterprise = models.BooleanField(_("tập thể là doanh nghiệp"), default=False)
    nominee_citizen_id = models.CharField(
        _("số CCCD"), max_length=12, blank=True, help_text=_("Dữ liệu cá nhân: không công khai.")
    )
    household_address = models.CharField(_("địa chỉ hộ gia đình"), max_length=255, blank=True)
    achievements = models.TextField(_("tóm tắt thành tích"))
    under_discipline = models.BooleanField(_("đang bị kỷ luật"), default=False)
    under_inspection = models.BooleanField(_("đang bị thanh tra, kiểm tra"), default=False)
    has_open_complaint = models.BooleanField(_("có khiếu nại, tố cáo chưa giải quyết"), default=False)
    posthumous = models.BooleanField(
        _("truy tặng"),
        default=False,
        help_text=_("Người được đề nghị đã mất; chỉ một số hình thức cho phép."),
    )

    status = FSMField(
        _("trạng thái"),
        max_length=30,
        choices=Status.choices,
        default=Status.DRAFT,
        protected=True,
    )
    returned_from = models.CharField(_("nơi trả lại"), max_length=30, choices=Stage.choices, blank=True)
    # Set at submission from the catalog's authority in force (unit, province or upward);
    # stored so that queues and reports filter on it and it cannot change mid-flight.
    path = models.CharField(
        _("thẩm quyền quyết định"),
        max_length=20,
        choices=[
            ("unit", _("Đơn vị quyết định")),
            ("province", _("Cấp tỉnh quyết định")),
            ("upward", _("Trình cấp trên")),
        ],
        default="province",
        db_index=True,
    )
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
            models.Index(fields=["submitted_at"], name="nom_submitted_at"),
            # The list's order (newest change first): read in index order, stop at the page.
            models.Index(fields=["-status_changed_at", "-id"], name="nom_changed_order"),
            # The signature queues: one status, oldest change first.
            models.Index(fields=["status", "status_changed_at", "id"], name="nom_status_changed"),
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
        target=RETURN_VALUE(
            Status.CLUSTER_REVIEW, Status.COUNCIL_REVIEW, Status.UNIT_VOTE, Status.UNIT_SIGNATURE
        ),
        permission=_may("submit"),
    )
    def submit(self, *, target: str, path: str):
        """The service chooses the first stage (the path, the cluster, the unit council)."""
        self.version += 1
        self.submitted_at = timezone.now()
        self.path = path
        return target

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
        source=[
            Status.CLUSTER_REVIEW,
            Status.COUNCIL_REVIEW,
            Status.AWAITING_SIGNATURE,
            Status.UNIT_SIGNATURE,
            Status.AWAITING_PROPOSAL,
        ],
        target=Status.RETURNED,
        permission=_may("return_for_changes"),
    )
    def return_for_changes(self):
        self.returned_from = self.status

    @transition(
        field=status,
        source=Status.RETURNED,
        target=RETURN_VALUE(
            Status.CLUSTER_REVIEW,
            Status.COUNCIL_REVIEW,
            Status.AWAITING_SIGNATURE,
            Status.UNIT_SIGNATURE,
            Status.AWAITING_PROPOSAL,
        ),
        permission=_may("resubmit"),
    )
    def resubmit(self):
        self.version += 1
        target = self.returned_from or self.Status.CLUSTER_REVIEW
        if target == Stage.FORWARDED:
            # Returned by the central level: supplemented, it goes up again in a new proposal.
            target = self.Status.AWAITING_PROPOSAL
        self.returned_from = ""
        return target

    @transition(
        field=status,
        source=Status.COUNCIL_REVIEW,
        target=RETURN_VALUE(Status.COUNCIL_VOTE, Status.AWAITING_SIGNATURE, Status.AWAITING_PROPOSAL),
        permission=_may("pass_appraisal"),
    )
    def pass_appraisal(self, *, vote_required: bool = True):
        """To the Council's vote, or, where the catalog says the appraisal suffices, to the signature."""
        if vote_required:
            return self.Status.COUNCIL_VOTE
        return self.Status.AWAITING_PROPOSAL if self.path == "upward" else self.Status.AWAITING_SIGNATURE

    @transition(
        field=status,
        source=[Status.COUNCIL_VOTE, Status.UNIT_VOTE],
        target=RETURN_VALUE(
            Status.AWAITING_SIGNATURE, Status.AWAITING_PROPOSAL, Status.UNIT_SIGNATURE, Status.REJECTED
        ),
        permission=_may("record_vote"),
    )
    def record_vote(self, *, passed: bool):
        if not passed:
            return self.Status.REJECTED
        if self.status == self.Status.UNIT_VOTE:
            return self.Status.UNIT_SIGNATURE
        return self.Status.AWAITING_PROPOSAL if self.path == "upward" else self.Status.AWAITING_SIGNATURE

    @transition(
        field=status,
        source=[Status.AWAITING_SIGNATURE, Status.UNIT_SIGNATURE],
        target=Status.AWARDED,
        permission=_may("sign"),
    )
    def sign(self):
        pass

    @transition(
        field=status, source=Status.AWAITING_PROPOSAL, target=Status.FORWARDED, permission=_may("forward")
    )
    def forward(self):
        """The Chairman's proposal letter (tờ trình) is signed: the dossier goes up."""

    @transition(
        field=status,
        source=Status.FORWARDED,
        target=RETURN_VALUE(Status.AWARDED, Status.REJECTED, Status.RETURNED),
        permission=_may("record_result"),
    )
    def record_result(self, *, result: str):
        """The central decision as recorded by the Standing agency."""
        if result == "awarded":
            return self.Status.AWARDED
        if result == "returned":
            self.returned_from = Stage.FORWARDED
            return self.Status.RETURNED
        return self.Status.REJECTED

    @transition(
        field=status,
        source=[Status.AWAITING_SIGNATURE, Status.AWAITING_PROPOSAL],
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
            Status.UNIT_VOTE,
            Status.UNIT_SIGNATURE,
            Status.AWAITING_PROPOSAL,
        ],
        target=Status.REJECTED,
        permission=_may("reject"),
    )
    def reject(self):
        pass

    @transition(
        field=status,
        source=[Status.DRAFT, Status.CLUSTER_REVIEW, Status.RETURNED, Status.UNIT_VOTE],
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
    meeting = models.ForeignKey(
        "CouncilMeeting",
        verbose_name=_("phiên họp"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="votes",
    )
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
