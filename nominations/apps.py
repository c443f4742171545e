from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NominationsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "nominations"
    verbose_name = _("Thi đua – Khen thưởng")

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from .models import AwardAuthority, EligibilityRule, RegistrationRule
        from .policy.eligibility import ACTIVE_RULES
        from .policy.paths import AUTHORITIES
        from .policy.registration import RULES as REGISTRATION_RULES

        # A local edit to the catalog is seen at once (other hosts within REFERENCE_CACHE_SECONDS).
        for signal in (post_save, post_delete):
            signal.connect(ACTIVE_RULES.forget, sender=EligibilityRule, dispatch_uid=f"rules-{signal}")
            signal.connect(AUTHORITIES.forget, sender=AwardAuthority, dispatch_uid=f"authorities-{signal}")
            signal.connect(
                REGISTRATION_RULES.forget,
                sender=RegistrationRule,
                dispatch_uid=f"registration-rules-{signal}",
            )
