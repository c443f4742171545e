from django.contrib import admin

from nominations.models import ApplicationTimeLimit, CitizenApplication, IssuanceTimeLimit
from workflows.models import CalendarAdjustment, DeadlineEvent, Notification, SlaPolicy, TaskDeadline

from .domain import ReadOnlyAdmin as ReadOnly


@admin.register(CalendarAdjustment)
class CalendarAdjustmentAdmin(admin.ModelAdmin):
    list_display = ["date", "kind", "reason"]
    list_filter = ["kind", ("date", admin.DateFieldListFilter)]
    date_hierarchy = "date"
    search_fields = ["reason"]


@admin.register(SlaPolicy)
class SlaPolicyAdmin(admin.ModelAdmin):
    list_display = ["stage", "route", "working_days"]
    list_filter = ["stage", "route"]


@admin.register(TaskDeadline)
class TaskDeadlineAdmin(ReadOnly):
    list_display = ["nomination", "stage", "due_at", "closed_at"]
    list_filter = ["stage"]
    list_select_related = ["nomination"]


@admin.register(DeadlineEvent)
class DeadlineEventAdmin(ReadOnly):
    list_display = ["nomination", "kind", "created_at", "recipients"]
    list_filter = ["kind"]
    list_select_related = ["nomination"]


@admin.register(Notification)
class NotificationAdmin(ReadOnly):
    list_display = ["recipient", "title", "created_at", "read_at", "email_status"]
    list_filter = ["kind", "email_status"]
    list_select_related = ["recipient"]


@admin.register(ApplicationTimeLimit)
class ApplicationTimeLimitAdmin(admin.ModelAdmin):
    """The working days of each step of a citizen's application, as the law in force on a date says
    (a new law: close the old row with its last day, add a row from the new one's first)."""

    list_display = ["step", "working_days", "valid_from", "valid_to", "legal_basis"]
    list_filter = ["step"]


@admin.register(IssuanceTimeLimit)
class IssuanceTimeLimitAdmin(admin.ModelAdmin):
    """How long the văn thư has to issue a signed document (Nghị định 30/2020/NĐ-CP, Điều 16): a new
    rule closes the old row with its last day and adds a row from its first."""

    list_display = ["working_days", "valid_from", "valid_to", "legal_basis"]


@admin.register(CitizenApplication)
class CitizenApplicationAdmin(ReadOnly):
    list_display = ["code", "volunteer_name", "commune", "status", "commune_due_on", "province_due_on"]
    list_filter = ["status", "commune"]
    search_fields = ["code", "volunteer_name"]
