from django.contrib import admin

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
