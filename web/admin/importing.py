"""The "import from file" page an admin gets beside its changelist (all rows or none)."""

from django import forms
from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from nominations.services import imports


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
