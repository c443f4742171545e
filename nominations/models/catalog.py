"""The award catalog and its dated data: award types, movements, rules, base salary, windows."""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_fsm import FSMField

from .. import vocabulary
from ..policy.lifecycle import MOVEMENT
from .base import ProtectedStatusModel, table_transition
from .organisation import Unit


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


class AwardeeClass(models.TextChoices):
    """The five classes of individual awardees of forms 0602 (rows 10–14) and 0603 (rows 06–10)."""

    PROVINCE_LEADER = "province_leader", _("Lãnh đạo cấp bộ, cấp tỉnh và tương đương trở lên")
    DEPARTMENT_LEADER = "department_leader", _("Lãnh đạo cấp vụ, sở, ngành và tương đương")
    BUSINESS_OWNER = "business_owner", _("Doanh nhân")
    OTHER_LEADER = "other_leader", _("Các cấp lãnh đạo khác từ phó phòng trở lên")
    DIRECT_WORKER = (
        "direct_worker",
        _("Người trực tiếp công tác, lao động, học tập, chiến đấu (công nhân, nông dân, người lao động…)"),
    )


class Route(models.TextChoices):
    """Award routes (hình thức khen thưởng); the loại hình rows of forms 0602 and 0603."""

    ANNUAL = "annual", _("Thường xuyên")
    THEMATIC = "thematic", _("Theo chuyên đề")
    AD_HOC = "ad_hoc", _("Đột xuất")
    FOREIGN = "foreign", _("Đối ngoại")
    DEDICATION = "dedication", _("Cống hiến")
    SENIORITY = "seniority", _("Niên hạn")
    RESISTANCE = "resistance", _("Kháng chiến")


class ReportGroup(models.TextChoices):
    """Which column of the statistical forms (TT 02/2023/TT-BNV) an award is counted in."""

    BANG_KHEN = "bang_khen", _("Bằng khen (cấp bộ, cấp tỉnh)")
    CSTD = "cstd", _("Chiến sĩ thi đua cấp bộ, cấp tỉnh")
    CO_THI_DUA = "co_thi_dua", _("Cờ thi đua cấp bộ, cấp tỉnh")
    HUY_HIEU = "huy_hieu", _("Huy hiệu, kỷ niệm chương")
    HUAN_CHUONG = "huan_chuong", _("Huân chương")
    HUY_CHUONG = "huy_chuong", _("Huy chương")
    GIAI_THUONG_HCM = "giai_thuong_hcm", _("Giải thưởng Hồ Chí Minh")
    GIAI_THUONG_NN = "giai_thuong_nn", _("Giải thưởng Nhà nước")
    DANH_HIEU_VINH_DU = "danh_hieu_vinh_du", _("Danh hiệu vinh dự nhà nước")
    CO_CHINH_PHU = "co_chinh_phu", _("Cờ thi đua của Chính phủ")
    BANG_KHEN_TTG = "bang_khen_ttg", _("Bằng khen của Thủ tướng Chính phủ")
    CSTD_TOAN_QUOC = "cstd_toan_quoc", _("Chiến sĩ thi đua toàn quốc")
    OTHER = "other", _("Hình thức khác")


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
    # The minutes belong to the vote: where the council votes after submission (the unit's
    # council at the next step), they are asked for when the vote is recorded, not at submission.
    vote_documents = models.JSONField(
        _("tài liệu cần khi ghi kết quả biểu quyết"),
        default=list,
        blank=True,
        help_text=_("Mã loại tài liệu, ví dụ bien_ban: biên bản của phiên họp biểu quyết."),
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
    is_title = models.BooleanField(
        _("là danh hiệu thi đua"),
        default=False,
        help_text=_(
            "Bật: danh hiệu thi đua (Luật TĐKT 2022 Điều 8), quyết định ghi “tặng danh hiệu …”; "
            "tắt: hình thức khen thưởng, quyết định ghi “tặng …”."
        ),
    )
    decision_wording = models.CharField(
        _("cách ghi trong quyết định"),
        max_length=255,
        blank=True,
        help_text=_(
            "Ví dụ “tặng Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh” hoặc “tặng danh hiệu “Lao động tiên "
            "tiến””. Để trống: theo cách ghi của Luật (Điều 80: “quyết định tặng danh hiệu …, giấy khen”)."
        ),
    )
    certificate_label = models.CharField(
        _("tên hiện vật in trên giấy"),
        max_length=100,
        blank=True,
        help_text=_(
            "Tiêu đề in trên bằng, giấy: “Bằng khen”, “Giấy khen”, “Giấy chứng nhận”. Để trống: tên hình "
            "thức khen thưởng (tới chữ “của”), hoặc “Giấy chứng nhận” với danh hiệu thi đua."
        ),
    )
    report_group = models.CharField(
        _("cột trên biểu thống kê"),
        max_length=30,
        choices=ReportGroup.choices,
        default=ReportGroup.OTHER,
        help_text=_("Cột của biểu 0602/0603 (Thông tư 02/2023/TT-BNV) mà hình thức này được tính vào."),
    )

    class Meta:
        verbose_name = _("danh hiệu, hình thức khen thưởng")
        verbose_name_plural = _("danh mục khen thưởng")
        ordering = ["level", "name"]

    def __str__(self):
        return self.name

    @property
    def name_in_text(self) -> str:
        """The name as running text writes it: "UBND" spelled out (Decree 30: no abbreviation in a title)."""
        return self.name.replace("UBND", "Ủy ban nhân dân")

    @property
    def wording(self) -> str:
        """How a decision confers it: "tặng danh hiệu “Lao động tiên tiến”" or "tặng Giấy khen"."""
        if self.decision_wording:
            return self.decision_wording
        if self.is_title:
            return f"tặng danh hiệu “{self.name_in_text}”"
        return f"tặng {self.name_in_text}"

    @property
    def label(self) -> str:
        """What the printed certificate calls itself: its own name, never another award's."""
        if self.certificate_label:
            return self.certificate_label
        if self.is_title:
            return "Giấy chứng nhận"
        return self.name_in_text.split(" của ", 1)[0]


def conferral_phrase(award_types) -> str:
    """The awards of one document as its title says them: forms by name, titles together
    ("tặng Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh và tặng danh hiệu “A”, “B”")."""
    wordings = sorted({award.wording for award in award_types})
    prefix = "tặng danh hiệu "
    titles = [w.removeprefix(prefix) for w in wordings if w.startswith(prefix)]
    parts = [w for w in wordings if not w.startswith(prefix)]
    if titles:
        parts.append(prefix + ", ".join(titles))
    return " và ".join(parts)


class Movement(ProtectedStatusModel):
    """An emulation movement (phong trào thi đua)."""

    class LaunchLevel(models.TextChoices):
        CENTRAL = "central", _("Cấp Trung ương (Hội đồng TĐKT Trung ương)")
        PROVINCE = "province", _("Cấp bộ, ban, ngành, đoàn thể Trung ương, tỉnh, thành phố")
        UNIT = "unit", _("Cơ quan, tổ chức, đơn vị")

    class Scope(models.TextChoices):
        NATIONAL = "national", _("Toàn quốc")
        SECTOR = "sector", _("Bộ, ban, ngành, đoàn thể, địa phương")
        CLUSTER = "cluster", _("Cụm, khối thi đua do Hội đồng TĐKT các cấp tổ chức")
        UNIT = "unit", _("Cơ quan, tổ chức, đơn vị")

    class Kind(models.TextChoices):
        THEMATIC = "thematic", _("Thi đua theo chuyên đề")
        REGULAR = "regular", _("Thi đua thường xuyên hằng năm")

    name = models.CharField(_("tên phong trào"), max_length=500)
    start_year = models.PositiveIntegerField(_("từ năm"), null=True, blank=True)
    end_year = models.PositiveIntegerField(_("đến năm"), null=True, blank=True)
    description = models.TextField(_("nội dung, tiêu chí"), blank=True)
    submission_closes = models.DateField(_("hạn nhận hồ sơ"), null=True, blank=True)
    # What form 0601 counts; optional so that movements entered before stay valid.
    launched_on = models.DateField(
        _("ngày phát động"), null=True, blank=True, help_text=_("Ngày ký văn bản phát động.")
    )
    launch_level = models.CharField(
        _("cấp phát động"), max_length=20, choices=LaunchLevel.choices, blank=True
    )
    scope = models.CharField(_("phạm vi"), max_length=20, choices=Scope.choices, blank=True)
    kind = models.CharField(_("phương thức"), max_length=20, choices=Kind.choices, blank=True)
    duration_months = models.PositiveIntegerField(
        _("thời hạn (tháng)"),
        null=True,
        blank=True,
        help_text=_("Để trống: tính theo năm bắt đầu và năm kết thúc."),
    )
    # The movement as the Standing agency runs it: created a draft (services.movement_create), then
    # launched. A row entered in the catalog by hand records a movement already launched (what form
    # 0601 has always counted), hence the default.
    status = FSMField(
        _("trạng thái"),
        max_length=20,
        choices=vocabulary.MovementStatus.choices,
        default=vocabulary.MovementStatus.LAUNCHED,
        protected=True,
    )
    document_number = models.CharField(_("số văn bản phát động"), max_length=60, blank=True)
    document_signer = models.CharField(_("người ký"), max_length=150, blank=True)
    document_file = models.FileField(
        _("tệp văn bản phát động"), upload_to="movements/", max_length=500, blank=True
    )
    document_sha256 = models.CharField(max_length=64, blank=True, editable=False)
    starts_on = models.DateField(_("ngày bắt đầu"), null=True, blank=True)
    ends_on = models.DateField(_("ngày kết thúc"), null=True, blank=True)
    targets = models.TextField(_("mục tiêu"), blank=True)
    criteria = models.JSONField(_("tiêu chí"), default=list, blank=True)
    # Who takes part, as chosen; resolved into ``participants`` at launch.
    participant_kind = models.CharField(
        _("mọi đơn vị loại"), max_length=20, choices=Unit.Kind.choices, blank=True
    )
    participant_clusters = models.ManyToManyField(
        "Cluster", verbose_name=_("các cụm, khối tham gia"), blank=True, related_name="+"
    )
    participant_units = models.ManyToManyField(
        Unit, verbose_name=_("các đơn vị được chọn"), blank=True, related_name="+"
    )
    participants = models.ManyToManyField(
        Unit, verbose_name=_("đơn vị tham gia"), blank=True, related_name="movements"
    )
    plan_due = models.DateField(_("hạn gửi kế hoạch hưởng ứng"), null=True, blank=True)
    # Figures each review report gives (codes and labels), e.g. [{"code": "participants", "label": "…"}].
    report_figures = models.JSONField(_("số liệu báo cáo"), default=list, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người lập"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("phong trào thi đua")
        verbose_name_plural = _("phong trào thi đua")
        ordering = ["name"]

    def __str__(self):
        return self.name

    @table_transition(MOVEMENT, "status", "launch")
    def launch(self):
        """Sent to every participant; each is asked for its response plan."""

    @table_transition(MOVEMENT, "status", "close")
    def close(self):
        """Its final review done."""

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
    # Set when the review asks every participant for its report.
    report_due = models.DateField(_("hạn gửi báo cáo"), null=True, blank=True)

    class Meta:
        verbose_name = _("mốc sơ kết, tổng kết")
        verbose_name_plural = _("mốc sơ kết, tổng kết")
        ordering = ["year", "kind"]

    def __str__(self):
        return f"{self.get_kind_display()} {self.year}"


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


class AwardAuthority(models.Model):
    """Who decides an award and on whose advice, in force from a date (Decree 152/2025, province rules).

    The flow routes on this row, never on an award's code: the unit's own
    path (a head or commune chairman decides), the provincial path (the
    Chairman decides, with or without the Council's vote) or the upward path
    (the Chairman proposes, the Prime Minister or the President decides).
    """

    class Decider(models.TextChoices):
        UNIT_HEAD = "unit_head", _("Thủ trưởng cơ quan, đơn vị")
        COMMUNE_CHAIRMAN = "commune_chairman", _("Chủ tịch UBND xã")
        PROVINCE_CHAIRMAN = "province_chairman", _("Chủ tịch UBND tỉnh")
        PRIME_MINISTER = "prime_minister", _("Thủ tướng Chính phủ")
        PRESIDENT = "president", _("Chủ tịch nước")

    class Council(models.TextChoices):
        UNIT = "unit", _("Hội đồng TĐKT cơ quan, đơn vị")
        COMMUNE = "commune", _("Hội đồng TĐKT cấp xã")
        PROVINCE = "province", _("Hội đồng TĐKT tỉnh")
        NONE = "none", _("Không qua Hội đồng (Cơ quan Thường trực thẩm định)")

    Path = vocabulary.Path

    award_type = models.ForeignKey(
        AwardType, verbose_name=_("hình thức"), on_delete=models.CASCADE, related_name="authorities"
    )
    province = models.ForeignKey(
        Unit,
        verbose_name=_("tỉnh"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Để trống: áp dụng cho mọi tỉnh."),
    )
    decider = models.CharField(_("người quyết định"), max_length=20, choices=Decider.choices)
    council = models.CharField(_("Hội đồng tư vấn"), max_length=20, choices=Council.choices)
    vote_required = models.BooleanField(_("phải biểu quyết"), default=True)
    vote_threshold_percent = models.DecimalField(
        _("ngưỡng biểu quyết (%)"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("Để trống: theo danh mục khen thưởng."),
    )
    vote_base = models.CharField(
        _("cơ sở tính tỷ lệ"), max_length=20, choices=AwardType.VoteBase.choices, blank=True
    )
    disclosure_required = models.BooleanField(_("phải công khai lấy ý kiến"), default=False)
    effective_from = models.DateField(_("hiệu lực từ"), null=True, blank=True)
    effective_to = models.DateField(_("hiệu lực đến"), null=True, blank=True)
    legal_basis = models.CharField(_("căn cứ"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("thẩm quyền, quy trình khen thưởng")
        verbose_name_plural = _("thẩm quyền, quy trình khen thưởng")
        ordering = ["award_type__code", "-effective_from"]

    def __str__(self):
        return f"{self.award_type} – {self.get_decider_display()}"

    @property
    def path(self) -> str:
        if self.decider in (self.Decider.UNIT_HEAD, self.Decider.COMMUNE_CHAIRMAN):
            return self.Path.UNIT
        if self.decider == self.Decider.PROVINCE_CHAIRMAN:
            return self.Path.PROVINCE
        return self.Path.UPWARD


class RewardCoefficient(models.Model):
    """The reward of an award from a date (Decree 152/2025 Art. 49–54): coefficients × the base salary.

    Dated rows, so the figures before and after a decree stand side by side and a decision
    is paid by the row in force on its own date.
    """

    award_type = models.ForeignKey(
        AwardType, verbose_name=_("hình thức"), on_delete=models.CASCADE, related_name="coefficients"
    )
    individual = models.DecimalField(
        _("hệ số cá nhân"), max_digits=6, decimal_places=2, null=True, blank=True
    )
    collective = models.DecimalField(
        _("hệ số tập thể"), max_digits=6, decimal_places=2, null=True, blank=True
    )
    household_multiplier = models.DecimalField(
        _("hộ gia đình (× mức cá nhân)"), max_digits=4, decimal_places=2, default=Decimal("1.5")
    )
    rounding_step = models.PositiveIntegerField(
        _("làm tròn lên đến (đồng)"), default=10_000, help_text=_("Số tiền được làm tròn lên bội số này.")
    )
    effective_from = models.DateField(_("áp dụng từ"))
    effective_to = models.DateField(_("áp dụng đến"), null=True, blank=True)
    legal_basis = models.CharField(_("căn cứ"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("hệ số tiền thưởng")
        verbose_name_plural = _("hệ số tiền thưởng")
        ordering = ["award_type__code", "-effective_from"]
        constraints = [
            models.UniqueConstraint(
                fields=["award_type", "effective_from"], name="coefficient_unique_per_date"
            )
        ]

    def __str__(self):
        return f"{self.award_type} ({self.effective_from:%d/%m/%Y})"


class LegalBasis(models.Model):
    """A line of the "Căn cứ …" block of a decision or proposal, in force between two dates.

    Chosen by the decision date and the kind of document, so a decision prints the laws in
    force when it was signed (and a re-print of an old one its own).
    """

    class Document(models.TextChoices):
        PROVINCE_DECISION = "province_decision", _("Quyết định của Chủ tịch UBND tỉnh")
        UNIT_DECISION = "unit_decision", _("Quyết định của thủ trưởng đơn vị, Chủ tịch UBND xã")
        PROPOSAL = "proposal", _("Tờ trình đề nghị cấp trên khen thưởng")
        ALL = "all", _("Mọi quyết định, tờ trình")
        # Not a "Căn cứ" line: the circular that issues the forms 0601–0605, printed under "Biểu số".
        STATISTICAL_FORM = "statistical_form", _("Biểu báo cáo thống kê TĐKT (dòng “Ban hành theo …”)")

    document = models.CharField(
        _("áp dụng cho"), max_length=30, choices=Document.choices, default=Document.ALL
    )
    text = models.TextField(_("nội dung"), help_text=_("{unit} được thay bằng tên đơn vị ban hành."))
    position = models.PositiveSmallIntegerField(_("thứ tự"), default=10)
    effective_from = models.DateField(_("áp dụng từ"))
    effective_to = models.DateField(_("áp dụng đến"), null=True, blank=True)

    class Meta:
        verbose_name = _("căn cứ ban hành")
        verbose_name_plural = _("căn cứ ban hành")
        ordering = ["position", "effective_from"]

    def __str__(self):
        return self.text[:80]
