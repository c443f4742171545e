"""Award history and initiatives: what the eligibility rules read."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..text import normalize_search
from .catalog import AwardType, NomineeKind, Route
from .nomination import Nomination
from .organisation import Unit


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
    # Who decided, as it was named then (a merged province, a unit since renamed): kept with the record.
    issuer = models.CharField(_("cơ quan quyết định"), max_length=255, blank=True)
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


class AssessmentGrade(models.Model):
    """A person's annual assessment grade (Decree 90/2020): the basis of the unit's own titles and of
    some provincial criteria ("hoàn thành xuất sắc nhiệm vụ" two years running …)."""

    class Grade(models.TextChoices):
        EXCELLENT = "hoan_thanh_xuat_sac", _("Hoàn thành xuất sắc nhiệm vụ")
        GOOD = "hoan_thanh_tot", _("Hoàn thành tốt nhiệm vụ")
        DONE = "hoan_thanh", _("Hoàn thành nhiệm vụ")
        NOT_DONE = "khong_hoan_thanh", _("Không hoàn thành nhiệm vụ")

    RANK = {Grade.EXCELLENT: 4, Grade.GOOD: 3, Grade.DONE: 2, Grade.NOT_DONE: 1}

    nominee_name = models.CharField(_("họ và tên"), max_length=255)
    nominee_name_search = models.CharField(max_length=255, editable=False, db_index=True)
    nominee_citizen_id = models.CharField(_("số CCCD"), max_length=12, blank=True, db_index=True)
    nominee_birth_year = models.PositiveIntegerField(_("năm sinh"), null=True, blank=True)
    unit = models.ForeignKey(Unit, verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="grades")
    year = models.PositiveIntegerField(_("năm"))
    grade = models.CharField(_("xếp loại"), max_length=30, choices=Grade.choices)
    disciplined = models.BooleanField(
        _("bị kỷ luật từ cảnh cáo trở lên trong năm"),
        default=False,
        help_text=_("Một người như vậy làm tập thể không đạt danh hiệu tập thể của năm."),
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("kết quả đánh giá, xếp loại")
        verbose_name_plural = _("kết quả đánh giá, xếp loại")
        ordering = ["-year", "nominee_name"]
        indexes = [models.Index(fields=["nominee_name_search", "year"], name="grade_name_year")]

    def __str__(self):
        return f"{self.nominee_name} {self.year}: {self.get_grade_display()}"

    def save(self, *args, **kwargs):
        self.nominee_name_search = normalize_search(self.nominee_name)
        super().save(*args, **kwargs)

    @property
    def rank(self) -> int:
        return self.RANK.get(self.grade, 0)


class ServiceRecord(models.Model):
    """A period of service the law counts towards an award, as certified history (e.g. the years in
    the youth volunteer force that Huy chương Thanh niên xung phong vẻ vang asks for)."""

    class Kind(models.TextChoices):
        YOUTH_VOLUNTEER = "tnxp", _("Thanh niên xung phong")

    kind = models.CharField(_("loại"), max_length=20, choices=Kind.choices, default=Kind.YOUTH_VOLUNTEER)
    nominee_name = models.CharField(_("họ và tên"), max_length=255)
    nominee_name_search = models.CharField(max_length=255, editable=False, db_index=True)
    nominee_citizen_id = models.CharField(_("số CCCD"), max_length=12, blank=True, db_index=True)
    nominee_birth_year = models.PositiveIntegerField(_("năm sinh"), null=True, blank=True)
    force = models.CharField(_("đơn vị phục vụ"), max_length=255, blank=True)
    started_on = models.DateField(_("từ ngày"))
    ended_on = models.DateField(_("đến ngày"))
    evidence = models.CharField(
        _("giấy xác nhận"),
        max_length=255,
        blank=True,
        help_text=_("Số, ngày giấy xác nhận quá trình tham gia."),
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("quá trình phục vụ")
        verbose_name_plural = _("quá trình phục vụ")
        ordering = ["nominee_name", "started_on"]

    def __str__(self):
        return f"{self.nominee_name}: {self.started_on:%d/%m/%Y}–{self.ended_on:%d/%m/%Y}"

    def clean(self):
        if self.started_on and self.ended_on and self.ended_on < self.started_on:
            raise ValidationError({"ended_on": _("Ngày kết thúc phải sau ngày bắt đầu.")})

    def save(self, *args, **kwargs):
        self.nominee_name_search = normalize_search(self.nominee_name)
        super().save(*args, **kwargs)

    @property
    def months(self) -> int:
        """Whole months served (a month counts once its day is reached)."""
        months = (
            (self.ended_on.year - self.started_on.year) * 12 + self.ended_on.month - self.started_on.month
        )
        if self.ended_on.day < self.started_on.day:
            months -= 1
        return max(months, 0)
