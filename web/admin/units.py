"""Units and clusters in the admin: imports, and a unit's split into successors or merger into one."""

from django import forms
from django.contrib import admin, messages
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _

from nominations.exceptions import ActionError
from nominations.models import (
    Cluster,
    ClusterMembership,
    Unit,
    User,
)
from nominations.services import imports

from ..dates import DayField
from ..http import client_ip
from .importing import ImportMixin


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
