"""The Django admin: master data with Vietnamese labels, imports, read-only logs.

Statuses are never edited here: a nomination changes only through the
workflow, so its admin is view-only.
"""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.http import HttpResponse
from django.utils.translation import gettext_lazy as _

from nominations.models import (
    Appraisal,
    AssessmentGrade,
    AuditEvent,
    AwardAuthority,
    AwardRecord,
    AwardType,
    BaseSalary,
    Batch,
    CertificateBlank,
    CertificateBlankField,
    Comment,
    CouncilVote,
    Decision,
    DecisionLine,
    Document,
    EligibilityRule,
    Initiative,
    Movement,
    MovementMilestone,
    Nomination,
    PublicComment,
    PublicDisclosure,
    RewardCoefficient,
    ServiceRecord,
    SigningMethod,
    SubmissionExtension,
    UnitMerge,
    User,
)
from nominations.publishing.decision_pdf import render_blank_test_print
from nominations.services import imports

from .. import lockout
from ..accounts import AdminLockoutAuthenticationForm
from .importing import ImportMixin

# The admin's login counts in the same lockout as every other way in.
admin.site.login_form = AdminLockoutAuthenticationForm
admin.site.site_header = _("Quản trị hệ thống Thi đua – Khen thưởng")
admin.site.site_title = _("Thi đua – Khen thưởng")
admin.site.index_title = _("Danh mục và dữ liệu")


@admin.register(SigningMethod)
class SigningMethodAdmin(admin.ModelAdmin):
    """Each leader's and unit head's own signing method, and each issuing organisation's (README
    "Signatures"). PINs and service secrets are never stored: only the name of the environment variable."""

    list_display = ["__str__", "kind", "token_label", "key_label", "service_url", "active"]
    list_filter = ["kind", "active"]
    search_fields = ["user__username", "user__full_name", "unit__name"]
    autocomplete_fields = ["user", "unit"]


class AwardAuthorityInline(admin.TabularInline):
    model = AwardAuthority
    extra = 0
    fields = [
        "decider",
        "council",
        "vote_required",
        "vote_threshold_percent",
        "vote_base",
        "disclosure_required",
        "province",
        "effective_from",
        "effective_to",
        "legal_basis",
    ]


class RewardCoefficientInline(admin.TabularInline):
    model = RewardCoefficient
    extra = 0
    fields = [
        "individual",
        "collective",
        "household_multiplier",
        "rounding_step",
        "effective_from",
        "effective_to",
        "legal_basis",
    ]


@admin.register(AwardType)
class AwardTypeAdmin(admin.ModelAdmin):
    list_display = [
        "code",
        "name",
        "level",
        "report_group",
        "reward_coefficient",
        "vote_threshold_percent",
        "effective_from",
    ]
    list_filter = ["level", "proposed_upward", "report_group"]
    search_fields = ["code", "name"]
    inlines = [AwardAuthorityInline, RewardCoefficientInline]


@admin.register(AwardAuthority)
class AwardAuthorityAdmin(admin.ModelAdmin):
    list_display = [
        "award_type",
        "decider",
        "council",
        "vote_required",
        "disclosure_required",
        "effective_from",
    ]
    list_filter = ["decider", "council", "vote_required"]
    list_select_related = ["award_type"]
    search_fields = ["award_type__code", "award_type__name"]


class MilestoneInline(admin.TabularInline):
    model = MovementMilestone
    extra = 1


@admin.register(Movement)
class MovementAdmin(admin.ModelAdmin):
    list_display = ["name", "launched_on", "launch_level", "scope", "kind", "start_year", "end_year"]
    list_filter = ["launch_level", "scope", "kind"]
    search_fields = ["name"]
    inlines = [MilestoneInline]


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    list_display = ["username", "full_name", "unit", "position", "is_active"]
    list_filter = ["groups", "is_active", "is_staff"]
    search_fields = ["username", "full_name", "email"]
    autocomplete_fields = ["unit"]
    fieldsets = (
        (None, {"fields": ("username", "password")}),
        (_("Thông tin cá nhân"), {"fields": ("full_name", "position", "email", "unit", "notification_mode")}),
        (_("Vai trò và quyền"), {"fields": ("is_active", "is_staff", "is_superuser", "groups")}),
        (_("Mốc thời gian"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = (
        (None, {"classes": ("wide",), "fields": ("username", "full_name", "unit", "password1", "password2")}),
    )
    actions = ["unlock_login"]

    @admin.action(
        description=_("Mở khóa đăng nhập (sau nhiều lần nhập sai mật khẩu)"), permissions=["change"]
    )
    def unlock_login(self, request, queryset):
        users = list(queryset)
        for user in users:
            lockout.unlock(user.username)
        self.message_user(request, _("Đã mở khóa đăng nhập cho %(n)s tài khoản.") % {"n": len(users)})


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Nomination)
class NominationAdmin(ReadOnlyAdmin):
    list_display = ["nominee_name", "unit", "award_type", "year", "status", "status_changed_at"]
    list_filter = ["status", "year", "route", "award_type"]
    search_fields = ["nominee_name", "nominee_name_search", "unit__name"]
    list_select_related = ["unit", "award_type"]


@admin.register(AuditEvent)
class AuditEventAdmin(ReadOnlyAdmin):
    list_display = ["id", "at", "actor_name", "action", "from_status", "to_status", "nomination"]
    list_filter = ["action"]
    search_fields = ["actor_name", "comment"]
    list_select_related = ["nomination"]


for model in (Comment, CouncilVote, Appraisal, Document, DecisionLine, PublicComment, UnitMerge):
    admin.site.register(model, ReadOnlyAdmin)


@admin.register(AwardRecord)
class AwardRecordAdmin(ImportMixin, admin.ModelAdmin):
    change_list_template = "admin/nominations/change_list_import.html"
    import_columns = imports.HISTORY_COLUMNS
    import_example = [
        "Nguyễn Thị Hồng Nhung",
        "034182001234",
        1982,
        "individual",
        "SO_GDDT",
        "CSTD_CO_SO",
        "annual",
        2024,
        "198/QĐ-SGDĐT",
        "15/12/2024",
    ]
    import_title = _("Nhập lịch sử khen thưởng từ tệp")

    def import_run(self, uploaded):
        return imports.import_award_history(uploaded)

    list_display = ["nominee_name", "award_type", "year", "unit", "decision_number", "revoked"]
    list_filter = ["year", "award_type", "revoked"]
    search_fields = ["nominee_name", "nominee_name_search", "nominee_citizen_id", "decision_number"]
    autocomplete_fields = ["unit"]
    exclude = ["nomination", "decision"]


@admin.register(AssessmentGrade)
class AssessmentGradeAdmin(ImportMixin, admin.ModelAdmin):
    change_list_template = "admin/nominations/change_list_import.html"
    import_columns = imports.GRADE_HISTORY_COLUMNS
    import_example = ["Nguyễn Thị Hồng Nhung", "034182001234", 1982, "SO_GDDT", 2025, "HTXS"]
    import_title = _("Nhập kết quả đánh giá, xếp loại từ tệp")

    def import_run(self, uploaded):
        return imports.import_grades(uploaded)

    list_display = ["nominee_name", "year", "grade", "unit"]
    list_filter = ["year", "grade"]
    search_fields = ["nominee_name", "nominee_name_search", "nominee_citizen_id"]
    autocomplete_fields = ["unit"]


@admin.register(ServiceRecord)
class ServiceRecordAdmin(ImportMixin, admin.ModelAdmin):
    change_list_template = "admin/nominations/change_list_import.html"
    import_columns = imports.SERVICE_COLUMNS
    import_example = [
        "Nguyễn Văn Thắng",
        "034048008888",
        1948,
        "Đội TNXP 305",
        "15/03/1967",
        "20/08/1970",
        "Giấy xác nhận số 12/XN-HCCB",
    ]
    import_title = _("Nhập quá trình tham gia thanh niên xung phong từ tệp")

    def import_run(self, uploaded):
        return imports.import_service_records(uploaded)

    list_display = ["nominee_name", "kind", "force", "started_on", "ended_on", "evidence"]
    list_filter = ["kind"]
    search_fields = ["nominee_name", "nominee_name_search", "nominee_citizen_id"]


@admin.register(Initiative)
class InitiativeAdmin(admin.ModelAdmin):
    list_display = ["title", "level", "year", "owner_name", "unit", "is_used"]
    list_filter = ["level", "year"]
    search_fields = ["title", "owner_name", "owner_name_search"]
    autocomplete_fields = ["unit"]
    readonly_fields = ["used_by", "used_by_record"]

    @admin.display(boolean=True, description=_("đã dùng"))
    def is_used(self, obj):
        return obj.is_used


@admin.register(EligibilityRule)
class EligibilityRuleAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "award_type", "kind", "effective_from", "effective_to", "active"]
    list_filter = ["active", "award_type"]
    search_fields = ["code", "name"]


@admin.register(BaseSalary)
class BaseSalaryAdmin(admin.ModelAdmin):
    list_display = ["amount", "effective_from", "legal_basis"]


@admin.register(Decision)
class DecisionAdmin(ReadOnlyAdmin):
    list_display = ["number", "year", "status", "signer", "decision_date", "total_amount"]
    list_filter = ["status", "year"]


class CertificateBlankFieldInline(admin.TabularInline):
    model = CertificateBlankField
    extra = 0


@admin.register(CertificateBlank)
class CertificateBlankAdmin(admin.ModelAdmin):
    """Pre-printed blanks (phôi) per issuer and award: positions in mm, calibrated by a test print."""

    list_display = ["name", "issuer", "award_type", "width_mm", "height_mm", "active"]
    list_filter = ["active", "award_type"]
    inlines = [CertificateBlankFieldInline]
    actions = ["test_print"]

    @admin.action(description=_("In thử trên phôi (lưới mm và chữ mẫu)"))
    def test_print(self, request, queryset):
        blank = queryset.prefetch_related("fields").first()
        if queryset.count() != 1:
            self.message_user(request, _("Chọn đúng một phôi để in thử."), level="error")
            return None
        response = HttpResponse(render_blank_test_print(blank), content_type="application/pdf")
        response["Content-Disposition"] = f'inline; filename="in-thu-phoi-{blank.pk}.pdf"'
        return response


admin.site.register(Batch)
admin.site.register(SubmissionExtension)
admin.site.register(PublicDisclosure)
