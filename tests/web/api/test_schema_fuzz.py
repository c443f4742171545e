"""schemathesis against our own OpenAPI schema: no 5xx, no response that breaks it.

Bounded examples per operation so CI stays fast; run with more locally with
SCHEMATHESIS_EXAMPLES=200.
"""

import os

import pytest
import schemathesis
from django.core.cache import cache
from hypothesis import HealthCheck, settings
from rest_framework.authtoken.models import Token
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import content_type_conformance, response_schema_conformance

from tests.conftest import attach_required
from tests.factories import NominationFactory

EXAMPLES = int(os.environ.get("SCHEMATHESIS_EXAMPLES", "12"))


def _load_schema():
    # Built in-process from the same generator that serves /api/schema/.
    from django.core.wsgi import get_wsgi_application
    from drf_spectacular.generators import SchemaGenerator

    loaded = schemathesis.openapi.from_dict(SchemaGenerator().get_schema(request=None, public=True))
    loaded.app = get_wsgi_application()
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


@schema.parametrize()
@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
def test_no_server_error_and_responses_match_the_schema(case, tokens):
    cache.clear()  # throttling is tested elsewhere; here it would only hide paths
    for token in tokens.values():
        case.call_and_validate(
            headers={"Authorization": f"Token {token}"},
            checks=[not_a_server_error, response_schema_conformance, content_type_conformance],
        )
