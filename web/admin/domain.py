"""The Django admin: master data with Vietnamese labels, imports, read-only logs.

Statuses are never edited here: a nomination changes only through the
workflow, so its admin is view-only.
"""

from django import forms
from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.http import HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from nominations.exceptions import ActionError
from nominations.models import (
    Appraisal,
    AssessmentGrade,
    AuditEvent,
    AwardAuthority,
    AwardRecord,
    AwardType,
    BaseSalary,
    Batch,
    Cluster,
    ClusterMembership,
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
    Unit,
    UnitMerge,
    User,
)
from nominations.services import imports

from .. import lockout
from ..accounts import AdminLockoutAuthenticationForm
from ..dates import DayField
from ..http import client_ip

# The admin's login counts in the same lockout as every other way in.
admin.site.login_form = AdminLockoutAuthenticationForm
admin.site.site_header = _("Quản trị hệ thống Thi đua – Khen thưởng")
admin.site.site_title = _("Thi đua – Khen thưởng")
admin.site.index_title = _("Danh mục và dữ liệu")


class MergeForm(forms.Form):
    successor = forms.ModelChoiceField(label=_("Đơn vị kế thừa"), queryset=Unit.objects.order_by("name"))
    effective_date = DayField(label=_("Ngày hiệu lực (dd/mm/yyyy)"))


class SplitForm(forms.Form):
    """Split one unit into several: the successors, the default one and the date; then, once the
    successors are known, where each person of the old unit goes."""

    successors = forms.ModelMultipleChoiceField(
        label=_("Các đơn vị kế thừa"),
        queryset=Unit.objects.filter(valid_to__isnull=True).order_by("name"),
        help_text=_("Chọn ít nhất hai đơn vị."),
    )
    default = forms.ModelChoiceField(
        label=_("Đơn vị nhận người và hồ sơ không được phân"),
        queryset=Unit.objects.filter(valid_to__isnull=True).order_by("name"),
    )
    effective_date = DayField(label=_("Ngày hiệu lực (dd/mm/yyyy)"))

    def __init__(self, *args, unit, **kwargs):
        super().__init__(*args, **kwargs)
        self.unit = unit
        self.people = list(User.objects.filter(unit=unit).order_by("last_name", "first_name", "username"))
        chosen = self._chosen_successors()
        for person in self.people:
            self.fields[f"person_{person.pk}"] = forms.ModelChoiceField(
                label=f"{person.get_full_name() or person.username} ({person.username})",
                queryset=Unit.objects.filter(pk__in=[u.pk for u in chosen])
                if chosen
                else Unit.objects.none(),
                required=False,
                empty_label=_("— đơn vị mặc định —"),
            )

    def _chosen_successors(self):
        if not self.is_bound:
            return []
        ids = [v for v in self.data.getlist("successors") if str(v).isdigit()]
        return list(Unit.objects.filter(pk__in=ids))

    def main_fields(self):
        return [self[name] for name in ("successors", "default", "effective_date")]

    def person_fields(self):
        return [self[f"person_{p.pk}"] for p in self.people]

    def clean(self):
        data = super().clean()
        successors = list(data.get("successors") or [])
        default = data.get("default")
        if successors and len(successors) < 2:
            self.add_error("successors", _("Chia tách cần ít nhất hai đơn vị kế thừa."))
        if self.unit in successors:
            self.add_error("successors", _("Đơn vị kế thừa phải khác đơn vị bị chia tách."))
        if default and successors and default not in successors:
            self.add_error("default", _("Đơn vị mặc định phải là một trong các đơn vị kế thừa."))
        return data

    def parts(self):
        parts = {}
        for person in self.people:
            target = self.cleaned_data.get(f"person_{person.pk}")
            if target:
                parts.setdefault(target, []).append(person)
        for unit in self.cleaned_data["successors"]:
            parts.setdefault(unit, [])
        return parts


class ImportForm(forms.Form):
    file = forms.FileField(label=_("Tệp CSV (UTF-8) hoặc XLSX"))


class ImportMixin:
    """An "import from file" page beside the changelist, all rows or none."""

    import_columns: list[str] = []
    import_example: list = []
    import_title = ""

    def import_run(self, uploaded):  # pragma: no cover - overridden
        raise NotImplementedError

    def _url_name(self, suffix: str) -> str:
        return f"{self.model._meta.app_label}_{self.model._meta.model_name}_{suffix}"

    def get_urls(self):
        return [
            path("nhap/", self.admin_site.admin_view(self.import_view), name=self._url_name("import")),
            path(
                "nhap/mau.xlsx",
                self.admin_site.admin_view(self.template_view),
                name=self._url_name("template"),
            ),
            *super().get_urls(),
        ]

    def template_view(self, request):
        data = imports.template_xlsx(self.import_columns, self.import_example)
        response = HttpResponse(
            data, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        )
        response["Content-Disposition"] = f'attachment; filename="mau-{self.model._meta.model_name}.xlsx"'
        return response

    def import_view(self, request):
        if not self.has_add_permission(request):
            messages.error(request, _("Bạn không có quyền nhập dữ liệu."))
            return redirect("admin:index")
        form = ImportForm(request.POST or None, request.FILES or None)
        errors = []
        if request.method == "POST" and form.is_valid():
            result = self.import_run(form.cleaned_data["file"])
            if result.ok:
                messages.success(
                    request,
                    _("Đã nhập: %(c)s bản ghi mới, %(u)s bản ghi cập nhật.")
                    % {"c": result.created, "u": result.updated},
                )
                return redirect(reverse(f"admin:{self._url_name('changelist')}"))
            errors = result.errors
        context = {
            **self.admin_site.each_context(request),
            "title": self.import_title,
            "form": form,
            "errors": errors,
            "columns": self.import_columns,
            "opts": self.model._meta,
            "template_url": reverse(f"admin:{self._url_name('template')}"),
        }
        return TemplateResponse(request, "admin/nominations/import.html", context)


@admin.register(Unit)
class UnitAdmin(ImportMixin, admin.ModelAdmin):
    list_display = [
        "code",
        "name",
        "kind",
        "register_code",
        "office_issuance",
        "parent",
        "valid_from",
        "valid_to",
        "successor",
    ]
    list_filter = ["kind", "office_issuance"]
    search_fields = ["code", "name", "name_search"]
    autocomplete_fields = ["parent", "successor"]
    change_list_template = "admin/nominations/change_list_import.html"
    import_columns = imports.UNIT_COLUMNS
    import_example = ["SO_GDDT", "Sở Giáo dục và Đào tạo", "department", "UBND_TB", "01/01/2020", "", ""]
    import_title = _("Nhập đơn vị từ tệp")

    def import_run(self, uploaded):
        return imports.import_units(uploaded)

    actions = ["merge_into_successor", "split_into_successors"]

    @admin.action(description=_("Chia tách một đơn vị thành nhiều đơn vị kế thừa"))
    def split_into_successors(self, request, queryset):
        units = list(queryset[:2])
        if len(units) != 1:
            self.message_user(request, _("Chọn đúng một đơn vị để chia tách."), messages.ERROR)
            return None
        unit = units[0]
        bound = "apply" in request.POST or "allocate" in request.POST
        form = SplitForm(request.POST if bound else None, unit=unit)
        if "apply" in request.POST and form.is_valid():
            from nominations.services import unit_split

            try:
                rows = unit_split(
                    predecessor=unit,
                    parts=form.parts(),
                    default=form.cleaned_data["default"],
                    effective_date=form.cleaned_data["effective_date"],
                    actor=request.user,
                    ip=client_ip(request),
                )
            except ActionError as exc:
                form.add_error(None, exc.message)
            else:
                counts = "; ".join(
                    str(
                        _("%(s)s: %(u)s người, %(n)s hồ sơ, %(b)s đợt")
                        % {
                            "s": row.successor,
                            "u": row.moved["users"],
                            "n": row.moved["nominations"],
                            "b": row.moved["batches"],
                        }
                    )
                    for row in rows
                )
                self.message_user(request, _("Đã chia tách %(u)s (%(c)s).") % {"u": unit, "c": counts})
                return None
        return TemplateResponse(
            request,
            "admin/nominations/split.html",
            {
                **self.admin_site.each_context(request),
                "title": _("Chia tách đơn vị"),
                "unit": unit,
                "form": form,
                "allocating": form.is_bound
                and not any(name in form.errors for name in ("successors", "default", "effective_date")),
                "opts": self.model._meta,
            },
        )

    @admin.action(description=_("Sáp nhập các đơn vị đã chọn vào một đơn vị kế thừa"))
    def merge_into_successor(self, request, queryset):
        form = MergeForm(request.POST if "apply" in request.POST else None)
        if "apply" in request.POST and form.is_valid():
            from nominations.services import unit_merge

            for unit in queryset:
                try:
                    merge = unit_merge(
                        predecessor=unit,
                        successor=form.cleaned_data["successor"],
                        effective_date=form.cleaned_data["effective_date"],
                        actor=request.user,
                        ip=client_ip(request),
                    )
                except ActionError as exc:
                    self.message_user(request, f"{unit}: {exc.message}", messages.ERROR)
                else:
                    counts = ", ".join(f"{k}: {v}" for k, v in merge.moved.items())
                    self.message_user(
                        request,
                        _("Đã sáp nhập %(u)s vào %(s)s (%(c)s).")
                        % {"u": unit, "s": merge.successor, "c": counts},
                    )
            return None
        return TemplateResponse(
            request,
            "admin/nominations/merge.html",
            {
                **self.admin_site.each_context(request),
                "title": _("Sáp nhập đơn vị"),
                "units": queryset,
                "form": form,
                "opts": self.model._meta,
            },
        )


class MembershipInline(admin.TabularInline):
    model = ClusterMembership
    extra = 1
    autocomplete_fields = ["unit"]


@admin.register(SigningMethod)
class SigningMethodAdmin(admin.ModelAdmin):
    """Each leader's and unit head's own signing method, and each issuing organisation's (README
    "Signatures"). PINs and service secrets are never stored: only the name of the environment variable."""

    list_display = ["__str__", "kind", "token_label", "key_label", "service_url", "active"]
    list_filter = ["kind", "active"]
    search_fields = ["user__username", "user__full_name", "unit__name"]
    autocomplete_fields = ["user", "unit"]


@admin.register(Cluster)
class ClusterAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "year", "head_unit", "deputy_unit"]
    list_filter = ["year", "kind"]
    search_fields = ["name", "code"]
    filter_horizontal = ["reviewers"]
    autocomplete_fields = ["head_unit", "deputy_unit"]
    inlines = [MembershipInline]


@admin.register(ClusterMembership)
class ClusterMembershipAdmin(ImportMixin, admin.ModelAdmin):
    list_display = ["unit", "cluster", "year"]
    list_filter = ["year", "cluster__kind"]
    search_fields = ["unit__name", "cluster__name"]
    autocomplete_fields = ["unit", "cluster"]
    change_list_template = "admin/nominations/change_list_import.html"
    import_columns = imports.MEMBERSHIP_COLUMNS
    import_example = ["KHOI_VHXH", 2026, "SO_GDDT"]
    import_title = _("Nhập thành viên cụm, khối từ tệp")

    def import_run(self, uploaded):
        return imports.import_memberships(uploaded)


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


admin.site.register(Batch)
admin.site.register(SubmissionExtension)
admin.site.register(PublicDisclosure)
