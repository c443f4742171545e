"""Eligibility rules: catalog data with effective dates, checked against history.

A rule row (EligibilityRule) names a ``kind`` of check and its ``params``; the
law's figures (titles, years, initiative levels) live in the params, so a new
decree is a data change. The rules advise and people decide: a failed rule is
a warning to the unit and evidence for the appraiser, who may still pass the
dossier with a written justification.

By concern: ``history`` (what the nominee holds, matched by identity), ``checks``
(one function per kind), ``rules`` (which rules are in force, ``evaluate``, and the
default catalog read from ``default_rules.json``).
"""

from .checks import CHECKS, check
from .history import LEVEL_LABEL, LEVEL_RANK, NON_MERIT_ROUTES, History, RuleResult
from .rules import ACTIVE_RULES, default_rules, ensure_default_rules, evaluate, rules_for

__all__ = [
    "ACTIVE_RULES",
    "CHECKS",
    "LEVEL_LABEL",
    "LEVEL_RANK",
    "NON_MERIT_ROUTES",
    "History",
    "RuleResult",
    "check",
    "default_rules",
    "ensure_default_rules",
    "evaluate",
    "rules_for",
]
