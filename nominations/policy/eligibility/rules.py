"""Which rules are in force for a dossier, their evaluation, and the default catalog (data).

The default criteria live in ``default_rules.json`` beside this module: one list of rules and the
legal bases they are in force under (each with its dates), so a new decree is a data change.
"""

import json
from datetime import date
from pathlib import Path

from django.utils import timezone
from django.utils.translation import gettext as _

from ...models import AwardType, EligibilityRule, Nomination
from ..reference import Reference
from .checks import CHECKS
from .history import History, RuleResult
from .registration import registration_result

DEFAULT_RULES_FILE = Path(__file__).with_name("default_rules.json")

# The active rules (a catalog of a few dozen rows), in the database's order, read once per process
# and minute; each appraisal picks its own in Python.
ACTIVE_RULES = Reference(
    lambda _key: list(EligibilityRule.objects.filter(active=True).order_by("award_type_id", "code"))
)


def rules_for(nomination: Nomination, on: date) -> list[EligibilityRule]:
    return [
        r
        for r in ACTIVE_RULES.get()
        if r.award_type_id in (nomination.award_type_id, None)
        and r.nominee_kind in ("", nomination.nominee_kind)
        and (r.effective_from is None or r.effective_from <= on)
        and (r.effective_to is None or r.effective_to >= on)
        and nomination.route in r.params.get("routes", [nomination.route])
    ]


def evaluate(nomination: Nomination, *, on_date: date | None = None) -> list[RuleResult]:
    """Every rule in force for this nomination, with its result and evidence."""
    on = on_date or (
        timezone.localdate(nomination.submitted_at) if nomination.submitted_at else timezone.localdate()
    )
    history = History(nomination)
    results = []
    for rule in rules_for(nomination, on):
        fn = CHECKS.get(rule.kind)
        if fn is None:
            results.append(
                RuleResult(
                    rule.code,
                    rule.name,
                    False,
                    [],
                    _("Loại kiểm tra “%(k)s” chưa được hỗ trợ.") % {"k": rule.kind},
                )
            )
            continue
        passed, evidence, message = fn(nomination, rule.params, history)
        results.append(RuleResult(rule.code, rule.name, passed, evidence, message))
    registration = registration_result(nomination)
    if registration is not None:
        results.append(registration)
    return results


# --- default rules: the catalog's criteria as data --------------------------


def default_rules() -> list[dict]:
    """The default rules, one set per legal basis: the figures are the same, the dates and basis differ."""
    data = json.loads(DEFAULT_RULES_FILE.read_text(encoding="utf-8"))
    rows = []
    for basis in data["bases"]:
        common = {
            "legal_basis": basis["legal_basis"],
            "effective_from": date.fromisoformat(basis["effective_from"]),
            "effective_to": date.fromisoformat(basis["effective_to"]) if basis["effective_to"] else None,
        }
        rows += [{**rule, **common} for rule in data["rules"]]
    return rows


def ensure_default_rules() -> int:
    """Create or update the default rules (by code and effective date); returns rows changed."""
    changed = 0
    awards = {a.code: a for a in AwardType.objects.all()}
    for row in default_rules():
        row = dict(row)
        code = row.pop("award_type")
        if code is not None and code not in awards:
            continue  # the catalog has no such award in this installation
        values = {**row, "award_type": awards.get(code), "nominee_kind": row.get("nominee_kind", "")}
        key = {"code": values.pop("code"), "effective_from": values.pop("effective_from")}
        rule = EligibilityRule.objects.filter(**key).first()
        if rule is None:
            EligibilityRule.objects.create(**key, **values)
            changed += 1
        elif any(getattr(rule, k) != v for k, v in values.items()):
            for k, v in values.items():
                setattr(rule, k, v)
            rule.save()
            changed += 1
    return changed
