"""Award decisions: the numbered register, the decision and its lines."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_fsm import FSMField, transition

from .base import ProtectedStatusModel
from .catalog import AwardType
from .nomination import Nomination


class IssuanceTimeLimit(models.Model):
    """How long the văn thư has to number and issue a signed document, as the law in force on the
    day of signing says: working days after the day of signing (0: the same day)."""

    working_days = models.PositiveIntegerField(_("số ngày làm việc sau ngày ký"))
    valid_from = models.DateField(_("áp dụng từ ngày"))
    valid_to = models.DateField(_("đến ngày"), null=True, blank=True)
    legal_basis = models.CharField(_("căn cứ"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("thời hạn phát hành văn bản đã ký")
        verbose_name_plural = _("thời hạn phát hành văn bản đã ký")
        ordering = ["-valid_from"]

    def __str__(self):
        return f"{self.working_days} ({self.valid_from:%d/%m/%Y})"

    @classmethod
    def rows(cls) -> list["IssuanceTimeLimit"]:
        """Every row, newest first (one read per queue; ``in_force`` picks the one of a day)."""
        return list(cls.objects.order_by("-valid_from"))

    @staticmethod
    def in_force(rows, on) -> "IssuanceTimeLimit | None":
        """The row of ``rows`` in force on the date ``on``; None when no row covers it (no limit)."""
        for row in rows:
            if row.valid_from <= on and (row.valid_to is None or on <= row.valid_to):
                return row
        return None


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


class Decision(ProtectedStatusModel):
    """An award decision (Quyết định khen thưởng) covering many nominations."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Dự thảo")
        # The signer has signed; the văn thư has not yet numbered and issued it.
        LEADER_SIGNED = "leader_signed", _("Đã ký, chờ văn thư phát hành")
        SIGNED = "signed", _("Đã ký")  # issued: numbered, both signatures, in force
        CANCELLED = "cancelled", _("Đã hủy")

    class Kind(models.TextChoices):
        DECISION = "decision", _("Quyết định khen thưởng")
        PROPOSAL = "proposal", _("Tờ trình đề nghị cấp trên khen thưởng")

    kind = models.CharField(_("loại văn bản"), max_length=20, choices=Kind.choices, default=Kind.DECISION)
    # The unit whose own register numbers a unit decision (its head signs); empty for the province.
    unit = models.ForeignKey(
        "Unit",
        verbose_name=_("đơn vị ban hành"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="decisions",
    )
    issuer_name = models.CharField(_("cơ quan ban hành"), max_length=255, default="ỦY BAN NHÂN DÂN TỈNH")
    # The governing body above a unit's own decision (its header's first line), and the place name
    # of the date line: both chosen by the decision date.
    issuer_parent = models.CharField(_("cơ quan chủ quản"), max_length=255, blank=True)
    place_name = models.CharField(_("địa danh"), max_length=100, blank=True)
    issuer_symbol = models.CharField(_("ký hiệu"), max_length=30, default="QĐ-UBND")
    year = models.PositiveIntegerField(_("năm"))
    sequence = models.PositiveIntegerField(_("số thứ tự"), null=True, blank=True)
    number = models.CharField(_("số quyết định"), max_length=50, blank=True, db_index=True)
    title = models.CharField(_("trích yếu"), max_length=500)
    legal_bases = models.JSONField(_("căn cứ ban hành"), default=list)
    recipients = models.JSONField(_("nơi nhận"), default=list)
    issuer_text = models.CharField(_("tên cơ quan ban hành trong câu văn"), max_length=255, blank=True)
    # Drafting before the signature (the leader, or the Standing agency for the leader): the legal
    # bases as edited are kept at signing instead of the dated defaults; the proposing letter is
    # cited in the "Theo đề nghị …" line; Article 1's achievement may be reworded.
    legal_bases_edited = models.BooleanField(_("căn cứ đã được chỉnh sửa"), default=False)
    proposal_letter_by = models.CharField(_("người đề nghị"), max_length=255, blank=True)
    proposal_letter_number = models.CharField(_("số tờ trình đề nghị"), max_length=50, blank=True)
    proposal_letter_date = models.DateField(_("ngày tờ trình đề nghị"), null=True, blank=True)
    article1_reason = models.CharField(_("thành tích nêu tại Điều 1"), max_length=500, blank=True)
    # Protected: only the transitions below change it, fired by nominations.services.
    status = FSMField(
        _("trạng thái"), max_length=20, choices=Status.choices, default=Status.DRAFT, protected=True
    )
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
    issued_at = models.DateTimeField(_("thời điểm phát hành"), null=True, blank=True)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("văn thư phát hành"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
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
            # The province's register, and each unit's own (a commune's "12/QĐ-UBND" is not the province's).
            models.UniqueConstraint(
                fields=["issuer_symbol", "year", "sequence"],
                condition=models.Q(sequence__isnull=False, unit__isnull=True),
                name="decision_number_unique",
            ),
            models.UniqueConstraint(
                fields=["unit", "issuer_symbol", "year", "sequence"],
                condition=models.Q(sequence__isnull=False, unit__isnull=False),
                name="unit_decision_number_unique",
            ),
        ]

    def __str__(self):
        if self.number:
            return self.number
        if self.status == self.Status.LEADER_SIGNED:
            return str(_("Văn bản đã ký, chờ phát hành #%(id)s")) % {"id": self.pk}
        return str(_("Dự thảo quyết định #%(id)s")) % {"id": self.pk}

    # --- transitions (fired only by nominations.services) -----------------

    @transition(field=status, source=Status.DRAFT, target=Status.LEADER_SIGNED)
    def sign_by_signer(self, *, pdf_name: str, pdf: bytes, sha256: str):
        """The signer's signature alone: waits for the văn thư to number and issue it."""
        from django.core.files.base import ContentFile

        self.sha256 = sha256
        self.pdf.save(pdf_name, ContentFile(pdf), save=False)

    @transition(field=status, source=Status.LEADER_SIGNED, target=Status.DRAFT)
    def recall(self):
        """The signer takes back a signed, not yet issued document (the number was never taken)."""
        self.sha256 = ""
        self.pdf = ""
        self.signed_at = None

    @transition(field=status, source=[Status.DRAFT, Status.LEADER_SIGNED], target=Status.SIGNED)
    def sign(self, *, pdf_name: str, pdf: bytes, sha256: str):
        """Issued: the file with both signatures is the decision, stored with its hash (the public page checks)."""
        from django.core.files.base import ContentFile

        self.sha256 = sha256
        self.issued_at = timezone.now()
        self.pdf.save(pdf_name, ContentFile(pdf), save=False)

    @transition(field=status, source=Status.SIGNED, target=Status.CANCELLED)
    def cancel(self, *, reason: str):
        self.cancelled_at = timezone.now()
        self.cancel_reason = reason


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
    register_number = models.CharField(
        _("số vào sổ khen thưởng"),
        max_length=60,
        blank=True,
        help_text=_("In trên bằng, giấy chứng nhận; ghi khi văn bản được phát hành."),
    )

    class Result(models.TextChoices):
        AWARDED = "awarded", _("Được khen thưởng")
        NOT_AWARDED = "not_awarded", _("Không được khen thưởng")
        RETURNED = "returned", _("Trả lại bổ sung hồ sơ")

    # A proposal's line: the central result, recorded by the Standing agency.
    result = models.CharField(_("kết quả của cấp trên"), max_length=20, choices=Result.choices, blank=True)
    result_reason = models.TextField(_("lý do"), blank=True)
    result_decision_number = models.CharField(_("số quyết định của cấp trên"), max_length=50, blank=True)
    result_decision_date = models.DateField(_("ngày quyết định của cấp trên"), null=True, blank=True)
    result_issuer = models.CharField(_("cấp quyết định"), max_length=100, blank=True)
    result_recorded_at = models.DateTimeField(_("ghi nhận lúc"), null=True, blank=True)
    # The line of a live document: signed (waiting for issuance, or issued) and not cancelled, nor
    # returned by the central level. Kept by the services at signing, recall, cancellation and the
    # central result, so that the database holds a dossier on at most one live document.
    live = models.BooleanField(_("thuộc văn bản đã ký"), default=False, editable=False)

    class Meta:
        verbose_name = _("dòng quyết định")
        verbose_name_plural = _("dòng quyết định")
        ordering = ["decision", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["decision", "nomination"], name="decision_line_unique_nomination"
            ),
            # Two signers signing two drafts that hold the same dossier: one of them wins.
            models.UniqueConstraint(
                fields=["nomination"], condition=models.Q(live=True), name="decision_line_one_live_document"
            ),
        ]

    def __str__(self):
        return f"{self.position}. {self.nominee_name}"


class CertificateBlank(models.Model):
    """A pre-printed certificate blank (phôi) of one issuer and award: its paper size and where each
    variable text goes, in millimetres from the sheet's top left corner. An administrator prints a
    test page on a blank, measures, and corrects the positions until they fall on the blank's lines."""

    issuer = models.ForeignKey(
        "Unit",
        verbose_name=_("đơn vị ban hành"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="certificate_blanks",
        help_text=_("Để trống: phôi của các quyết định do UBND tỉnh ban hành."),
    )
    award_type = models.ForeignKey(AwardType, on_delete=models.CASCADE, verbose_name=_("hình thức"))
    name = models.CharField(_("tên phôi"), max_length=150)
    width_mm = models.DecimalField(_("chiều rộng tờ (mm)"), max_digits=5, decimal_places=1, default=297)
    height_mm = models.DecimalField(_("chiều cao tờ (mm)"), max_digits=5, decimal_places=1, default=210)
    active = models.BooleanField(_("đang dùng"), default=True)

    class Meta:
        verbose_name = _("phôi bằng, giấy chứng nhận")
        verbose_name_plural = _("phôi bằng, giấy chứng nhận")
        constraints = [
            models.UniqueConstraint(
                fields=["issuer", "award_type"],
                condition=models.Q(active=True, issuer__isnull=False),
                name="certificate_blank_one_active_per_unit_award",
            ),
            models.UniqueConstraint(
                fields=["award_type"],
                condition=models.Q(active=True, issuer__isnull=True),
                name="certificate_blank_one_active_province_award",
            ),
        ]

    def __str__(self):
        return self.name


class CertificateBlankField(models.Model):
    """Where one variable text is printed on a blank: the baseline's start (or centre) in mm."""

    class Field(models.TextChoices):
        NAME = "name", _("Họ và tên, tập thể (kèm Ông/Bà)")
        POSITION = "position", _("Chức vụ, đơn vị")
        REASON = "reason", _("Thành tích")
        DECISION = "decision", _("Số, ngày quyết định")
        REGISTER = "register", _("Số vào sổ khen thưởng")
        DATE = "date", _("Địa danh, ngày tháng")
        SIGNER = "signer", _("Họ tên người ký")

    class Align(models.TextChoices):
        LEFT = "left", _("Trái")
        CENTER = "center", _("Giữa")

    blank = models.ForeignKey(CertificateBlank, on_delete=models.CASCADE, related_name="fields")
    field = models.CharField(_("nội dung"), max_length=20, choices=Field.choices)
    x_mm = models.DecimalField(_("cách mép trái (mm)"), max_digits=5, decimal_places=1)
    y_mm = models.DecimalField(_("cách mép trên (mm)"), max_digits=5, decimal_places=1)
    width_mm = models.DecimalField(
        _("độ rộng dòng (mm)"),
        max_digits=5,
        decimal_places=1,
        default=200,
        help_text=_("Chữ dài hơn được thu nhỏ cho vừa, không tràn khỏi dòng của phôi."),
    )
    font_size = models.DecimalField(_("cỡ chữ (pt)"), max_digits=4, decimal_places=1, default=14)
    align = models.CharField(_("canh lề"), max_length=10, choices=Align.choices, default=Align.CENTER)
    bold = models.BooleanField(_("chữ đậm"), default=False)

    class Meta:
        verbose_name = _("vị trí trên phôi")
        verbose_name_plural = _("vị trí trên phôi")
        constraints = [
            models.UniqueConstraint(fields=["blank", "field"], name="certificate_blank_field_unique")
        ]

    def __str__(self):
        return f"{self.get_field_display()} ({self.x_mm}, {self.y_mm})"
