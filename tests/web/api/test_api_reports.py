"""The report endpoints: figures counted by hand on the fixture, scope, files read back, bad input."""

import io

import pytest
from django.core.cache import cache
from openpyxl import load_workbook
from rest_framework.test import APIClient

from tests.reports_data import PERIOD


@pytest.fixture(autouse=True)
def _clear_throttles():
    cache.clear()


def client_for(user):
    client = APIClient()
    client.force_authenticate(user)
    return client


def form(client, code, **params):
    response = client.get(f"/api/reports/forms/{code}/", {**PERIOD, **params})
    assert response.status_code == 200, response.content
    return response.json()


def cells(data):
    return {row["code"]: row["values"] for row in data["rows"]}


@pytest.mark.django_db
def test_form_0603_counts_the_provincial_awards_of_1_12_to_30_11(report_world):
    data = form(client_for(report_world.head), "0603")
    assert data["form"] == "0603.N/BNV-TĐKT"
    assert data["period"]["from"] == "2025-12-01" and data["period"]["to"] == "2026-11-30"
    v = cells(data)
    # Lines 1–6; not 30/11/2025, not 1/12/2026, not the unit's LĐTT, not the draft, not the upward one.
    assert v["01"] == {"1": 6, "2": 4, "3": 1, "4": 1, "5": 0}
    assert v["02"]["1"] == 2 and v["02"]["2"] == 1 and v["02"]["4"] == 1  # collectives: BK, Cờ
    assert v["03"]["1"] == 1  # of which an enterprise
    assert v["04"]["1"] == 1  # a household
    assert v["05"]["1"] == 3  # individuals
    assert [v[c]["1"] for c in ("06", "07", "08", "09", "10")] == [0, 1, 0, 1, 1]
    assert v["09"]["3"] == 1  # the CSTĐ, a deputy head of division
    # Routes: annual 3, thematic 1, ad hoc 1, foreign 0, dedication 0, seniority 1, resistance 0.
    assert [v[f"{c}"]["1"] for c in ("11", "12", "13", "14", "15", "16", "17")] == [3, 1, 1, 0, 0, 1, 0]


@pytest.mark.django_db
def test_form_0602_counts_what_the_prime_minister_awarded(report_world):
    v = cells(form(client_for(report_world.head), "0602"))
    assert v["01"]["1"] == 1
    assert v["01"]["12"] == 1  # Bằng khen của Thủ tướng, cá nhân
    assert v["01"]["11"] == 0  # the collective was not awarded
    assert v["02"]["1"] == 0 and v["03"]["1"] == 1
    assert v["09"]["1"] == 1 and v["14"]["1"] == 1  # an individual, a direct worker
    assert v["15"]["1"] == 1  # annual


@pytest.mark.django_db
def test_form_0601_counts_movements_launched_in_the_period(report_world):
    v = cells(form(client_for(report_world.head), "0601"))
    assert v["01"] == {"1": 3, "2": 1, "3": 1, "4": 1}
    assert [v[c]["1"] for c in ("02", "03", "04", "05")] == [1, 1, 0, 1]
    assert [v[c]["1"] for c in ("06", "07", "08", "09", "10")] == [1, 1, 0, 0, 1]
    assert v["11"]["1"] == 2 and v["12"]["1"] == 1


@pytest.mark.django_db
def test_forms_0604_and_0605_show_the_figures_entered_for_the_year(report_world):
    client = client_for(report_world.head)
    v4 = cells(form(client, "0604"))
    assert v4["01"] == {"1": 4} and v4["03"] == {"1": 2}
    v5 = cells(form(client, "0605"))
    assert v5["01"] == {"1": 5, "2": 3}
    assert v5["04"] == {"1": 3, "2": 2} and v5["11"] == {"1": 5, "2": 3}


@pytest.mark.django_db
def test_summary_by_unit_with_amounts_and_the_year_before(report_world):
    w = report_world
    response = client_for(w.head).get("/api/reports/summary/", {**PERIOD, "group_by": "unit"})
    assert response.status_code == 200, response.content
    data = response.json()
    rows = {r["label"]: r for r in data["rows"]}
    assert {k: rows[w.so_gd.name][k] for k in ("nominations", "awarded", "amount")} == {
        "nominations": 6,
        "awarded": 5,
        "amount": 7_100_000,
    }
    assert (rows[w.so_yte.name]["nominations"], rows[w.so_yte.name]["awarded"]) == (4, 2)
    assert rows[w.so_yte.name]["amount"] == 5_500_000
    assert (rows[w.so_tc.name]["awarded"], rows[w.so_tc.name]["amount"]) == (1, 1_000_000)
    assert {k: data["totals"][k] for k in ("nominations", "awarded", "amount")} == {
        "nominations": 11,
        "awarded": 8,
        "amount": 13_600_000,
    }
    assert data["totals"]["women_share"] == 0.6 and data["totals"]["direct_worker_share"] == 0.4
    before = data["previous"]
    assert before["period"]["from"] == "2024-12-01"
    assert {k: before["totals"][k] for k in ("nominations", "awarded", "amount")} == {
        "nominations": 1,
        "awarded": 1,
        "amount": 1_000_000,
    }


@pytest.mark.django_db
@pytest.mark.parametrize(
    "group_by,label,awarded",
    [
        ("award_type", "Bằng khen của Chủ tịch UBND tỉnh", 4),
        ("route", "Thường xuyên", 5),
        ("nominee_kind", "Tập thể", 2),
        ("awardee_class", "Doanh nhân", None),
        ("cluster", "Khối Văn hóa – Xã hội", 7),
    ],
)
def test_summary_groups_by_every_dimension(report_world, group_by, label, awarded):
    data = client_for(report_world.head).get("/api/reports/summary/", {**PERIOD, "group_by": group_by}).json()
    rows = {r["label"]: r for r in data["rows"]}
    assert data["totals"]["awarded"] == 8
    if awarded is None:
        assert label not in rows
    else:
        assert rows[label]["awarded"] == awarded


@pytest.mark.django_db
def test_a_unit_sees_only_its_own_figures(report_world):
    w = report_world
    client = client_for(w.clerk2)  # Sở Y tế
    assert cells(form(client, "0603"))["01"]["1"] == 2  # its household and its flag
    data = client.get("/api/reports/summary/", {**PERIOD, "group_by": "unit"}).json()
    assert [r["label"] for r in data["rows"]] == [w.so_yte.name]
    assert data["totals"]["awarded"] == 2 and data["totals"]["amount"] == 5_500_000
    assert w.so_gd.name not in str(data)
    # Another unit: Sở Tài chính sees its one award, none of the block's.
    other = client_for(w.clerk_tc).get("/api/reports/summary/", {**PERIOD, "group_by": "unit"}).json()
    assert [r["label"] for r in other["rows"]] == [w.so_tc.name]


@pytest.mark.django_db
def test_a_cluster_reviewer_sees_their_cluster(report_world):
    w = report_world
    data = client_for(w.reviewer).get("/api/reports/summary/", {**PERIOD, "group_by": "unit"}).json()
    assert {r["label"] for r in data["rows"]} == {w.so_gd.name, w.so_yte.name}
    assert cells(form(client_for(w.reviewer), "0603"))["01"]["1"] == 5


@pytest.mark.django_db
def test_the_xlsx_of_a_form_has_the_totals_of_the_api(report_world):
    client = client_for(report_world.head)
    api = cells(form(client, "0603"))
    response = client.get("/api/reports/forms/0603/", {**PERIOD, "format": "xlsx"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(io.BytesIO(response.content)).active
    values = [list(row) for row in sheet.iter_rows(values_only=True)]
    assert values[0][0] == "Biểu số: 0603.N/BNV-TĐKT"
    assert any("Thông tư số 02/2023/TT-BNV" in str(c) for row in values for c in row if c)
    by_code = {row[1]: row for row in values if row[1] in api}
    assert list(by_code["01"][3:8]) == [api["01"][k] for k in ("1", "2", "3", "4", "5")]
    assert list(by_code["05"][3:8]) == [api["05"][k] for k in ("1", "2", "3", "4", "5")]
    assert sheet.freeze_panes is not None
    assert any("THỦ TRƯỞNG ĐƠN VỊ" in str(c) for row in values for c in row if c)


@pytest.mark.django_db
def test_the_summary_xlsx_has_the_totals_of_the_api(report_world):
    client = client_for(report_world.head)
    response = client.get("/api/reports/summary/", {**PERIOD, "group_by": "unit", "format": "xlsx"})
    assert response.status_code == 200
    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    total = next(r for r in rows if r[0] == "Tổng cộng")
    assert list(total[1:4]) == [11, 8, 13_600_000]
    assert list(total[4:7]) == [1, 1, 1_000_000]


@pytest.mark.django_db
def test_the_pdf_of_a_form_is_a_pdf(report_world):
    response = client_for(report_world.head).get("/api/reports/forms/0602/", {**PERIOD, "format": "pdf"})
    assert response.status_code == 200
    assert response.content.startswith(b"%PDF")


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url,params,field",
    [
        ("/api/reports/forms/0603/", {"from": "2026-13-01", "to": "2026-11-30"}, "from"),
        ("/api/reports/forms/0603/", {"from": "2026-12-01", "to": "2026-11-30"}, "to"),
        ("/api/reports/forms/0609/", PERIOD, "code"),
        ("/api/reports/summary/", {**PERIOD, "group_by": "color"}, "group_by"),
        ("/api/reports/processing-times/", {"from": "hôm qua", "to": "2026-11-30"}, "from"),
    ],
)
def test_bad_input_is_a_400_in_vietnamese(report_world, url, params, field):
    response = client_for(report_world.head).get(url, params)
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "invalid" and field in body["fields"]
    assert any(ch in body["detail"] for ch in "ạảãàáâậầấẩẫăắằặẳẵêềếệểễôồốộổỗơờớợởỡưừứựửữđ")


@pytest.mark.django_db
def test_reports_need_a_login(report_world):
    assert APIClient().get("/api/reports/summary/", PERIOD).status_code == 401


@pytest.mark.django_db
def test_the_report_endpoints_are_in_the_schema(report_world):
    schema = client_for(report_world.head).get("/api/schema/", {"format": "json"})
    assert schema.status_code == 200
    paths = schema.json()["paths"]
    assert "/api/reports/forms/{code}/" in paths
    assert "/api/reports/summary/" in paths
    assert "/api/reports/processing-times/" in paths
