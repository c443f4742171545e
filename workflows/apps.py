from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class WorkflowsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "workflows"
    verbose_name = _("Quy trình xét duyệt")

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from nominations.signals import nominations_moved

        from .calendar import forget_adjustments
        from .deadlines import follow_moved_nominations, forget_policies
        from .models import CalendarAdjustment, SlaPolicy
        from .roles import ensure_role_groups

        for signal in (post_save, post_delete):
            signal.connect(forget_adjustments, sender=CalendarAdjustment, dispatch_uid=f"cal-{signal}")
            signal.connect(forget_policies, sender=SlaPolicy, dispatch_uid=f"sla-{signal}")
        nominations_moved.connect(follow_moved_nominations, dispatch_uid="workflows.follow_moved_nominations")
        from .schedules import ensure_schedules

        # After the permissions exist; dispatch_uid keeps it to one run per migrate.
        post_migrate.connect(ensure_role_groups, sender=self, dispatch_uid="workflows.ensure_role_groups")
        # Every migrate (the demo, a deploy) leaves the background schedules in place.
        post_migrate.connect(ensure_schedules, sender=self, dispatch_uid="workflows.ensure_schedules")
