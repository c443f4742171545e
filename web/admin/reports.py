"""The year's figures of forms 0604 and 0605, entered once a year; the exports produced."""

from django.contrib import admin

from nominations.models import ReportExport, WorkforceReport, WorkforceStaffLine


class StaffLineInline(admin.TabularInline):
    model = WorkforceStaffLine
    extra = len(WorkforceStaffLine.Row.choices)
    max_num = len(WorkforceStaffLine.Row.choices)
    fields = ["row", "total", "women"]


@admin.register(WorkforceReport)
class WorkforceReportAdmin(admin.ModelAdmin):
    list_display = ["year", "updated_by", "updated_at"]
    readonly_fields = ["updated_by", "updated_at"]
    fieldsets = (
        (None, {"fields": ("year",)}),
        (
            "Biểu 0604.N/BNV-TĐKT",
            {
                "fields": (
                    "org_ministry_department",
                    "org_ministry_division",
                    "org_home_affairs_board",
                    "org_home_affairs_division",
                )
            },
        ),
        (None, {"fields": ("note", "updated_by", "updated_at")}),
    )
    inlines = [StaffLineInline]

    def save_model(self, request, obj, form, change):
        obj.updated_by = request.user
        super().save_model(request, obj, form, change)


@admin.register(ReportExport)
class ReportExportAdmin(admin.ModelAdmin):
    list_display = ["kind", "requested_by", "status", "progress", "created_at", "finished_at"]
    list_filter = ["status", "kind"]
    readonly_fields = [f.name for f in ReportExport._meta.fields]

    def has_add_permission(self, request):
        return False
