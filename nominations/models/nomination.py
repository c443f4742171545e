"""The nomination aggregate: the dossier, its lifecycle (django-fsm), its thread, vote and appraisal.

django-fsm owns ``Nomination.status``; only ``nominations.services`` fires the transitions."""

from django.conf import settings
from django.core.validators import MaxLengthValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_fsm import FSMField

from ..policy.lifecycle import CLUSTER, NOMINATION, VOTE
from ..policy.permissions import can_act
from ..text import normalize_search
from ..vocabulary import Path, Stage, Status
from .base import ProtectedStatusModel, table_transition
from .catalog import AwardeeClass, AwardType, Movement, NomineeKind, Route
from .organisation import Cluster, Unit

# The achievements summary on a dossier, in characters (about four printed pages).
ACHIEVEMENTS_MAX_LENGTH = 10_000


def _may(action: str):
    """django-fsm ``permission=``: role and scope from nominations.permissions."""

    def check(instance, user):
        return can_act(user, instance, action)

    check.__name__ = f"may_{action}"
    return check


def _lifecycle(field, action: str):
    """The transition ``action`` as the nomination's lifecycle table has it, guarded by the policy."""
    return table_transition(NOMINATION, field, action, permission=_may(action))


class Nomination(ProtectedStatusModel):
    """One nominee proposed for one award: the dossier and its lifecycle."""

    Status = Status

    class Gender(models.TextChoices):
        MALE = "male", _("Nam")
        FEMALE = "female", _("Nữ")

    FINAL_STATUSES = NOMINATION.terminal

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
    # Bounded on every way in (the form's textarea, the API's field, full_clean in the service): the
    # summary; the full report is an uploaded document.
    achievements = models.TextField(
        _("tóm tắt thành tích"),
        max_length=ACHIEVEMENTS_MAX_LENGTH,
        validators=[MaxLengthValidator(ACHIEVEMENTS_MAX_LENGTH)],
    )
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
        choices=Path.choices,
        default=Path.PROVINCE,
        db_index=True,
    )
    # Fixed with the path at submission from the same authority row: whether the dossier goes
    # through its council's vote. A catalog edit afterwards changes the route of new dossiers only.
    vote_required = models.BooleanField(
        _("qua biểu quyết của Hội đồng"),
        default=True,
        help_text=_("Xác định khi nộp hồ sơ theo thẩm quyền đang có hiệu lực."),
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
    # Sources and targets come from the lifecycle table (policy.lifecycle); where an action has
    # several targets, the method asks the table which one, and django-fsm checks the answer.

    @_lifecycle(status, "submit")
    def submit(self, *, path: str, vote_required: bool, cluster: bool):
        """On the path the award's authority gives: the first stage of its route (the cluster, the vote).

        The path and the vote are fixed here, so the rest of the route never reads the catalog again."""
        self.version += 1
        self.submitted_at = timezone.now()
        self.path = path
        self.vote_required = vote_required
        return NOMINATION.first(path, **{VOTE: vote_required, CLUSTER: cluster})

    @_lifecycle(status, "approve_cluster")
    def approve_cluster(self):
        pass

    @_lifecycle(status, "return_for_changes")
    def return_for_changes(self):
        self.returned_from = self.status

    @_lifecycle(status, "resubmit")
    def resubmit(self):
        self.version += 1
        # A return recorded before the stage was remembered went back to the cluster.
        target = NOMINATION.resubmission(self.returned_from or Stage.CLUSTER_REVIEW)
        self.returned_from = ""
        return target

    @_lifecycle(status, "pass_appraisal")
    def pass_appraisal(self):
        """To the Council's vote, or, where the authority said at submission that the appraisal suffices,
        to the signature (or the proposal letter)."""
        return self._next_on_route(vote_required=self.vote_required)

    @_lifecycle(status, "record_vote")
    def record_vote(self, *, passed: bool):
        return self._next_on_route(vote_required=True) if passed else self.Status.REJECTED

    @_lifecycle(status, "sign")
    def sign(self):
        pass

    @_lifecycle(status, "forward")
    def forward(self):
        """The Chairman's proposal letter (tờ trình) is signed: the dossier goes up."""

    @_lifecycle(status, "record_result")
    def record_result(self, *, result: str):
        """The central decision as recorded by the Standing agency."""
        if result == "awarded":
            return self.Status.AWARDED
        if result == "returned":
            self.returned_from = Stage.FORWARDED
            return self.Status.RETURNED
        return self.Status.REJECTED

    @_lifecycle(status, "return_to_council")
    def return_to_council(self):
        pass

    @_lifecycle(status, "reject")
    def reject(self):
        pass

    @_lifecycle(status, "withdraw")
    def withdraw(self):
        pass

    def _next_on_route(self, *, vote_required: bool) -> str:
        """The stage after this one on the dossier's route (a dossier at a stage is on its route)."""
        return NOMINATION.after(self.path, self.status, **{VOTE: vote_required, CLUSTER: True})

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
    # The rule that applied, as it stood at the vote (the catalog's rules are dated and may change):
    # a share of all members or of those present, and whether the threshold itself passes.
    threshold_base = models.CharField(
        _("ngưỡng tính trên"),
        max_length=20,
        choices=[("members_total", _("tổng số thành viên")), ("members_present", _("số thành viên có mặt"))],
        blank=True,
    )
    threshold_strict = models.BooleanField(_("phải vượt ngưỡng"), null=True, blank=True)
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
