"""schemathesis against our own OpenAPI schema: no 5xx, no response that breaks it, and the
schema tells the truth about requests too (issue 31, item 7): what it calls valid is accepted
(positive_data_acceptance), what it calls invalid is refused (negative_data_rejection), every
status answered is one it declares (status_code_conformance).

A valid request may still be refused (400) by a rule of the domain that a schema cannot state (a
wrong password, a quorum, a code that must exist in the data, two dates that go together): those
rules are named below, each with the fields its refusal names, and nothing else passes.

Bounded and deterministic, so CI stays fast and a failure repeats: 12 examples per operation in
the fuzzing phase (the examples and coverage phases run as usual), a fixed seed and derandomized
hypothesis. Run with more locally with SCHEMATHESIS_EXAMPLES=200 (SCHEMATHESIS_SEED to vary).
"""

import os
import re

import pytest
import schemathesis
from django.core.cache import cache
from hypothesis import HealthCheck, settings
from rest_framework.authtoken.models import Token
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    negative_data_rejection,
    positive_data_acceptance,
    response_schema_conformance,
    status_code_conformance,
)

from tests.conftest import attach_required
from tests.factories import NominationFactory

EXAMPLES = int(os.environ.get("SCHEMATHESIS_EXAMPLES", "12"))
SEED = int(os.environ.get("SCHEMATHESIS_SEED", "31"))

_PERIOD = {
    "from": "from and to go together, to not before from, at most 5 years (relations between parameters)",
    "to": "the same rule, told on the second date",
}
_CONTENT = "a file's bytes must be a PDF, DOCX, XLSX, JPG or PNG: a schema says binary, not which format"
# operation -> the fields a domain rule's refusal (400) of a schema-valid request may name.
DOMAIN_RULES = {
    "POST /api/auth/token/": {"password": "a wrong username or password is a credential, not a shape"},
    "POST /api/meetings/": {
        "members_present": "the quorum (2/3 of the council present) depends on the council's size",
        "held_on": "a meeting is recorded once held: its date is not after today (relative to the day)",
        "minutes": _CONTENT,
    },
    "POST /api/nominations/{id}/documents/": {"file": _CONTENT},
    "POST /api/nominations/": {
        "award_type": "the code must name an award type in force (data)",
        "movement": "the id must name a movement (data)",
    },
    "PATCH /api/nominations/{id}/": {
        "award_type": "the code must name an award type in force (data)",
        "movement": "the id must name a movement (data)",
    },
    "POST /api/public/applications/": {
        "commune": "the id must name a commune that takes applications (data)"
    },
    "POST /api/registrations/": {
        "year": "a unit registers for this year or the next: the bound moves with the day (relative to the day)",
        "titles": "each code must name a collective title in force (data)",
        "people[].title": "the code or name must name an individual title in force (data)",
    },
    "GET /api/reports/forms/{code}/": _PERIOD,
    "GET /api/reports/processing-times/": _PERIOD,
    "GET /api/reports/summary/": _PERIOD,
}


def _load_schema():
    # Built in-process from the same generator that serves /api/schema/.
    from django.core.wsgi import get_wsgi_application
    from drf_spectacular.generators import SchemaGenerator

    loaded = schemathesis.openapi.from_dict(SchemaGenerator().get_schema(request=None, public=True))
    loaded.app = get_wsgi_application()
    loaded.config.seed = SEED
    # NUL is refused in every value (PostgreSQL cannot store it): a product rule, not each field's.
    loaded.config.generation.update(allow_x00=False, deterministic=True)
    return loaded


schema = _load_schema()


@pytest.fixture(autouse=True)
def _keep_test_connection():
    """Like Django's test client: the WSGI handler must not close the test's connection."""
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def tokens(world):
    """A submitted dossier and a draft, so ids 1..n hit real objects; tokens per role."""
    submitted = NominationFactory(unit=world.so_gd, award_type=world.award, created_by=world.clerk)
    attach_required(submitted, world.clerk)
    from workflows import actions

    actions.perform(user=world.clerk, nomination_id=submitted.pk, action="submit")
    NominationFactory(unit=world.so_gd, award_type=world.award, created_by=world.clerk)
    return {u.username: Token.objects.get_or_create(user=u)[0].key for u in (world.clerk, world.reviewer)}


def valid_data_accepted_unless_a_domain_rule(ctx, response, case):
    """positive_data_acceptance, except a 400 that names only fields of the operation's rules."""
    meta = case.meta
    if response.status_code == 400 and meta is not None and meta.generation.mode.is_positive:
        rules = DOMAIN_RULES.get(case.operation.label, {})
        # A refusal names the row it means (people[2].title); the rule is the same for every row.
        fields = {re.sub(r"\[\d+\]", "[]", f) for f in (response.json() or {}).get("fields") or {}}
        if fields and fields <= rules.keys():
            return None
    return positive_data_acceptance(ctx, response, case)


CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
    negative_data_rejection,
    valid_data_accepted_unless_a_domain_rule,
]


@schema.parametrize()
@settings(max_examples=EXAMPLES, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck))
def test_the_schema_tells_the_truth_about_requests_and_responses(case, tokens):
    cache.clear()  # throttling is tested elsewhere; here it would only hide paths
    for token in tokens.values():
        case.call_and_validate(headers={"Authorization": f"Token {token}"}, checks=CHECKS)


def test_a_domain_rule_names_an_operation_of_the_schema():
    labels = {operation.label for operation in (r.ok() for r in schema.get_all_operations())}
    assert DOMAIN_RULES.keys() <= labels, DOMAIN_RULES.keys() - labels
