"""What schemathesis found where the schema and the API disagreed (issue 31, item 7), one case each,
so a regression is named here and not only as a fuzz failure."""

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from drf_spectacular.generators import SchemaGenerator
from rest_framework.test import APIClient

from nominations.exceptions import InvalidInput
from nominations.uploads import check_upload

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _clear_throttles():
    cache.clear()
    yield
    cache.clear()


def client_for(user):
    client = APIClient()
    client.force_authenticate(user)
    return client


@pytest.fixture(scope="module")
def spec():
    return SchemaGenerator().get_schema(request=None, public=True)


def _query(spec, path, method="get"):
    return {p["name"]: p for p in spec["paths"][path][method].get("parameters", []) if p["in"] == "query"}


@pytest.mark.parametrize("value", ["null", "", "yes", "NULL"])
def test_a_flag_is_true_or_false_not_null(world, value):
    client = client_for(world.clerk)
    for path, name in [("/api/nominations/", "overdue"), ("/api/notifications/", "unread")]:
        response = client.get(path, {name: value})
        assert response.status_code == 400, (path, value)
        assert name in response.json()["fields"]
    for good in ("true", "false", "1", "0"):
        assert client.get("/api/nominations/", {"overdue": good}).status_code == 200
    assert client.get("/api/notifications/").status_code == 200


def test_only_the_list_takes_the_lists_filters(spec):
    assert {"overdue", "unit", "search", "page"} <= _query(spec, "/api/nominations/").keys()
    for path in (
        "/api/nominations/{id}/transitions/",
        "/api/nominations/{id}/history/",
        "/api/nominations/{id}/",
    ):
        assert _query(spec, path) == {}, path
    assert _query(spec, "/api/tasks/{id}/claim/", "post") == {}
    assert _query(spec, "/api/tasks/")["queue"]["schema"]["enum"] == ["inbox", "overdue", "queue"]


def test_the_bounds_the_api_enforces_are_in_the_schema(spec, world):
    listed = _query(spec, "/api/nominations/")
    assert listed["unit"]["schema"]["minimum"] == 1 and listed["page"]["schema"]["minimum"] == 1
    assert "404" in spec["paths"]["/api/public/awards/"]["get"]["responses"]  # a page past the last
    client = client_for(world.clerk)
    assert client.get("/api/nominations/", {"unit": 0}).status_code == 400
    assert client.get("/api/nominations/", {"page": 0}).status_code == 404


def test_verify_needs_a_number_and_a_real_sha256(world, spec):
    client = APIClient()
    assert client.get("/api/public/decisions/verify").status_code == 400
    bad = client.get("/api/public/decisions/verify", {"number": "1/QĐ-UBND", "sha256": "xyz"})
    assert bad.status_code == 400 and "sha256" in bad.json()["fields"]
    assert client.get("/api/public/decisions/verify", {"number": "1/QĐ-UBND"}).status_code == 200
    sha = _query(spec, "/api/public/decisions/verify")["sha256"]["schema"]
    assert sha["pattern"] == "^[0-9a-fA-F]{64}$"


@pytest.mark.parametrize(
    "params,field,words",
    [
        ({"to": ""}, "to", "không hợp lệ"),
        ({"from": "2026-01-01"}, "to", "cả ngày bắt đầu và ngày kết thúc"),
        ({"to": "2026-01-01"}, "from", "cả ngày bắt đầu và ngày kết thúc"),
        ({"format": "AAA"}, "format", "AAA"),
    ],
)
def test_a_report_period_or_format_the_schema_does_not_allow_is_refused(world, params, field, words):
    client = client_for(world.reviewer)
    for path in ("/api/reports/summary/", "/api/reports/processing-times/", "/api/reports/forms/0601/"):
        response = client.get(path, params)
        assert response.status_code == 400, (path, params)
        assert words in response.json()["fields"][field], response.json()


def test_a_form_code_is_one_of_the_circulars(spec):
    code = next(
        p for p in spec["paths"]["/api/reports/forms/{code}/"]["get"]["parameters"] if p["in"] == "path"
    )
    assert code["schema"]["enum"] == ["0601", "0602", "0603", "0604", "0605"]


def test_a_file_travels_in_multipart_and_nominations_in_json(spec):
    documents = spec["paths"]["/api/nominations/{id}/documents/"]["post"]["requestBody"]["content"]
    assert list(documents) == ["multipart/form-data"]
    for path, method in (("/api/nominations/", "post"), ("/api/nominations/{id}/", "patch")):
        assert list(spec["paths"][path][method]["requestBody"]["content"]) == ["application/json"]


def test_an_uploads_refusal_names_its_own_field_with_a_message():
    with pytest.raises(InvalidInput) as caught:
        check_upload(SimpleUploadedFile("bien-ban.pdf", b"not a pdf at all"), field="minutes")
    assert list(caught.value.fields) == ["minutes"]
    assert "PDF" in str(caught.value.fields["minutes"])
