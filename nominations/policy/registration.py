"""The province's registration rule (đăng ký thi đua) as dated data: its due day, whether a missing
registration refuses a title or only warns, whether a cluster's head accepts its members'."""

from datetime import date

from django.db.models import Exists, OuterRef, Q

from ..models import Registration, RegistrationEntry, RegistrationRule
from .reference import Reference

# The rules (a row or two per province and decade), read once per process and minute.
RULES = Reference(lambda _key: list(RegistrationRule.objects.order_by("-valid_from", "-pk")))


def registration_rule_on(day: date) -> RegistrationRule | None:
    """The rule in force on ``day`` (the latest that started by then and has not ended)."""
    for rule in RULES.get():
        if rule.valid_from <= day and (rule.valid_to is None or rule.valid_to >= day):
            return rule
    return None


def registration_due(year: int) -> date | None:
    """The year's registration deadline by the rule in force on 1/1 of that year."""
    rule = registration_rule_on(date(year, 1, 1))
    if rule is None:
        return None
    return date(year, rule.due_month, rule.due_day)


def nominee_registered(nomination) -> bool | None:
    """Whether the nominee was in the unit's registration (sent, accepted or returned) for the
    nomination's year: a person by citizen id (or by name where the entry has none), a collective
    by its title among the unit's collective titles; None where the unit sent none. One read."""
    if nomination.nominee_kind == "individual":
        entries = RegistrationEntry.objects.filter(
            registration=OuterRef("pk"), title_id=nomination.award_type_id
        )
        by_name = Q(name__iexact=nomination.nominee_name)
        if nomination.nominee_citizen_id:
            by_name = Q(identity_number=nomination.nominee_citizen_id) | (Q(identity_number="") & by_name)
        hit = Exists(entries.filter(by_name))
    else:
        titles = Registration.titles.through.objects.filter(
            registration_id=OuterRef("pk"), awardtype_id=nomination.award_type_id
        )
        hit = Exists(titles)
    return (
        Registration.objects.filter(unit_id=nomination.unit_id, year=nomination.year)
        .exclude(status=Registration.Status.DRAFT)
        .annotate(hit=hit)
        .values_list("hit", flat=True)
        .first()
    )
