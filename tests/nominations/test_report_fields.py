"""What the statistical forms need on a nomination: awardee class, enterprise, birth date, ethnic group.

Through the API, the screen's form and the XLSX batch import; old records (year only) stay valid."""

from datetime import date

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from nominations import services
from nominations.models import Nomination
from tests.factories import NominationFactory
from tests.workflows.test_batches import xlsx

pytestmark = pytest.mark.django_db

BODY = {
    "nominee_kind": "individual",
    "nominee_name": "Lò Thị Mai",
    "nominee_gender": "female",
    "nominee_position": "Công nhân Nhà máy May",
    "award_type": "BANG_KHEN_TINH",
    "route": "annual",
    "year": 2026,
    "achievements": "Hoàn thành xuất sắc nhiệm vụ.",
}


def api(user):
    client = APIClient()
    client.force_authenticate(user)
    return client


def test_the_api_takes_the_full_birth_date_class_and_ethnic_group(world):
    body = {
        **BODY,
        "nominee_birth_date": "1990-03-15",
        "awardee_class": "direct_worker",
        "ethnic_group": "Thái",
    }
    response = api(world.clerk).post("/api/nominations/", body, format="json")
    assert response.status_code == 201, response.content
    data = response.json()
    assert data["nominee_birth_date"] == "1990-03-15"
    assert data["nominee_birth_year"] == 1990  # the year follows from the date
    assert data["awardee_class"] == "direct_worker" and data["ethnic_group"] == "Thái"


def test_the_year_alone_stays_valid(world):
    response = api(world.clerk).post("/api/nominations/", {**BODY, "nominee_birth_year": 1979}, format="json")
    assert response.status_code == 201, response.content
    assert response.json()["nominee_birth_date"] is None


@pytest.mark.parametrize(
    "extra,field",
    [
        ({"nominee_birth_date": "1990-03-15", "nominee_birth_year": 1991}, "nominee_birth_date"),
        ({"nominee_birth_year": 1990, "awardee_class": "boss"}, "awardee_class"),
        ({"nominee_birth_year": 1990, "is_enterprise": True}, "is_enterprise"),
    ],
)
def test_contradictions_are_refused_in_vietnamese(world, extra, field):
    response = api(world.clerk).post("/api/nominations/", {**BODY, **extra}, format="json")
    assert response.status_code == 400
    assert field in response.json()["fields"]
    assert not Nomination.objects.exists()


def test_a_collective_may_be_an_enterprise_but_not_have_an_awardee_class(world):
    body = {
        **BODY,
        "nominee_kind": "collective",
        "nominee_name": "Công ty CP May Hưng Yên",
        "is_enterprise": True,
    }
    body.pop("nominee_gender")
    assert api(world.clerk).post("/api/nominations/", body, format="json").status_code == 201
    wrong = {**body, "awardee_class": "business_owner"}
    response = api(world.clerk).post("/api/nominations/", wrong, format="json")
    assert response.status_code == 400 and "awardee_class" in response.json()["fields"]


def test_the_form_offers_the_new_fields_with_vietnamese_labels(client, world):
    client.force_login(world.clerk)
    html = client.get(reverse("nominations:create")).content.decode()
    for text in ("Ngày sinh", "Dân tộc", "Tập thể là doanh nghiệp", "Người trực tiếp công tác, lao động"):
        assert text.lower() in html.lower()


def test_an_old_record_is_shown_with_its_year(client, world):
    old = NominationFactory(
        unit=world.so_gd, award_type=world.award, created_by=world.clerk, nominee_birth_year=1970
    )
    client.force_login(world.clerk)
    assert "sinh năm 1970" in client.get(reverse("nominations:detail", args=[old.pk])).content.decode()


def test_the_batch_import_reads_the_optional_columns(world):
    batch = services.batch_create(actor=world.clerk, title="Tờ trình 2026", year=2026)
    header = [*services.BATCH_COLUMNS, *services.BATCH_OPTIONAL_COLUMNS]
    row = ["individual", "Hà Văn Sáng", "Nam", "", "Tổ trưởng", "", "", "BANG_KHEN_TINH", "annual", "Tốt"]
    rows = [
        header,
        [
            *row,
            "02/09/1985",
            "Người trực tiếp công tác, lao động, học tập, chiến đấu (công nhân, nông dân, người lao động…)",
            "Mường",
            "không",
        ],
    ]
    result = services.batch_import_nominees(batch=batch, actor=world.clerk, uploaded=xlsx(rows))
    assert result.errors == [] and result.created == 1
    n = batch.nominations.get()
    assert n.nominee_birth_date == date(1985, 9, 2) and n.nominee_birth_year == 1985
    assert n.awardee_class == "direct_worker" and n.ethnic_group == "Mường"


def test_the_batch_import_tells_a_bad_class_or_date_and_creates_nothing(world):
    batch = services.batch_create(actor=world.clerk, title="Tờ trình 2026", year=2026)
    header = [*services.BATCH_COLUMNS, "ngay_sinh", "doi_tuong_ca_nhan"]
    row = ["individual", "Hà Văn Sáng", "Nam", 1985, "Tổ trưởng", "", "", "BANG_KHEN_TINH", "annual", "Tốt"]
    result = services.batch_import_nominees(
        batch=batch, actor=world.clerk, uploaded=xlsx([header, [*row, "31/02/1985", "giám đốc"]])
    )
    assert result.created == 0 and batch.nominations.count() == 0
    by_column = {e["column"]: e["message"] for e in result.errors if e["row"] == 2}
    assert "Ngày sinh “31/02/1985” không hợp lệ" in by_column["Ngày sinh (dd/mm/yyyy)"]
    assert "“giám đốc” không có trong danh sách" in by_column["Đối tượng cá nhân (biểu thống kê)"]


def test_an_old_template_without_the_new_columns_still_imports(world):
    batch = services.batch_create(actor=world.clerk, title="Tờ trình 2026", year=2026)
    row = ["individual", "Hà Văn Sáng", "Nam", 1985, "Tổ trưởng", "", "", "BANG_KHEN_TINH", "annual", "Tốt"]
    result = services.batch_import_nominees(
        batch=batch, actor=world.clerk, uploaded=xlsx([services.BATCH_COLUMNS, row])
    )
    assert result.errors == [] and result.created == 1
