from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NominationsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "nominations"
    verbose_name = _("Thi đua – Khen thưởng")

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from .models import AwardAuthority, EligibilityRule
        from .policy.eligibility import ACTIVE_RULES
        from .policy.paths import AUTHORITIES

        # A local edit to the catalog is seen at once (other hosts within REFERENCE_CACHE_SECONDS).
        for signal in (post_save, post_delete):
            signal.connect(ACTIVE_RULES.forget, sender=EligibilityRule, dispatch_uid=f"rules-{signal}")
            signal.connect(AUTHORITIES.forget, sender=AwardAuthority, dispatch_uid=f"authorities-{signal}")
