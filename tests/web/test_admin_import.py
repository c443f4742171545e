"""Admin imports: every bad row named with its reason, nothing from a bad file."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook

from nominations.models import ClusterMembership, Unit
from tests.factories import ClusterFactory, UnitFactory, UserFactory


@pytest.fixture
def admin_client(client, db):
    client.force_login(UserFactory(username="qt", is_staff=True, is_superuser=True))
    return client


def csv_file(text, name="don-vi.csv"):
    return SimpleUploadedFile(name, text.encode("utf-8"))


def xlsx_file(rows, name="don-vi.xlsx"):
    book = Workbook()
    for row in rows:
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return SimpleUploadedFile(name, buffer.getvalue())


GOOD_CSV = """code,name,kind,parent_code,valid_from,valid_to,successor_code
UBND_X,Ủy ban nhân dân tỉnh X,province,,,,
SO_X_GD,Sở Giáo dục tỉnh X,Sở  ban  ngành,UBND_X,01/01/2020,,
H_X_A,Huyện A,district,UBND_X,2020-01-01,30/06/2025,UBND_X
"""


def test_a_good_csv_imports_every_row(admin_client):
    response = admin_client.post(
        reverse("admin:nominations_unit_import"),
        {"file": csv_file(GOOD_CSV.replace("Sở  ban  ngành", "department"))},
    )
    assert response.status_code == 302
    assert Unit.objects.get(code="H_X_A").successor.code == "UBND_X"
    assert Unit.objects.get(code="SO_X_GD").parent.code == "UBND_X"


def test_kind_may_be_given_by_its_vietnamese_label(admin_client):
    rows = [
        ["code", "name", "kind", "parent_code", "valid_from", "valid_to", "successor_code"],
        ["DN_X", "Công ty X", "Doanh nghiệp", "", "", "", ""],
    ]
    response = admin_client.post(reverse("admin:nominations_unit_import"), {"file": xlsx_file(rows)})
    assert response.status_code == 302
    assert Unit.objects.get(code="DN_X").kind == "enterprise"


def test_a_bad_file_lists_every_bad_row_and_imports_nothing(admin_client):
    before = Unit.objects.count()
    bad = """code,name,kind,parent_code,valid_from,valid_to,successor_code
OK_1,Đơn vị tốt,department,,,,
,Không có mã,department,,,,
BAD_KIND,Loại sai,galaxy,,,,
BAD_PARENT,Cha sai,department,KHONG_CO,,,
BAD_DATE,Ngày sai,department,,31/02/2025,,
OK_1,Trùng mã,department,,,,
"""
    response = admin_client.post(reverse("admin:nominations_unit_import"), {"file": csv_file(bad)})
    html = response.content.decode()
    assert response.status_code == 200
    for fragment in [
        "Dòng 3: thiếu mã đơn vị",
        "Dòng 4: loại đơn vị “galaxy” không hợp lệ",
        "Dòng 5: mã đơn vị cấp trên “KHONG_CO” không tồn tại",
        "Dòng 6: ngày “31/02/2025”",
        "Dòng 7: mã đơn vị “OK_1” trùng với dòng 2",
    ]:
        assert fragment in html, fragment
    assert "Dòng 2" not in html
    assert Unit.objects.count() == before


def test_memberships_from_xlsx_and_a_unit_in_two_clusters_is_refused(admin_client):
    UnitFactory(code="A1")
    b = UnitFactory(code="B1")
    block = ClusterFactory(code="K1", year=2026)
    other = ClusterFactory(code="K2", year=2026)
    rows = [["cluster_code", "year", "unit_code"], ["K1", 2026, "A1"], ["K1", 2026, "B1"]]
    response = admin_client.post(
        reverse("admin:nominations_clustermembership_import"), {"file": xlsx_file(rows)}
    )
    assert response.status_code == 302
    assert set(block.members.values_list("code", flat=True)) == {"A1", "B1"}

    rows = [
        ["cluster_code", "year", "unit_code"],
        ["K2", 2026, "A1"],
        ["K9", 2026, "B1"],
        ["K2", "năm", "B1"],
    ]
    response = admin_client.post(
        reverse("admin:nominations_clustermembership_import"), {"file": xlsx_file(rows)}
    )
    html = response.content.decode()
    assert "Dòng 2: đơn vị đã thuộc" in html
    assert "Dòng 3: không có cụm/khối mã “K9” năm 2026" in html
    assert "Dòng 4: năm “năm” không hợp lệ" in html
    assert not ClusterMembership.objects.filter(cluster=other).exists()
    assert b.memberships.count() == 1


def test_a_file_without_the_columns_says_so(admin_client):
    response = admin_client.post(
        reverse("admin:nominations_unit_import"), {"file": csv_file("ma,ten\nX,Y\n")}
    )
    assert "Thiếu cột" in response.content.decode()


def test_the_template_downloads(admin_client):
    response = admin_client.get(reverse("admin:nominations_unit_template"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")


def test_the_admin_pages_render_in_vietnamese(admin_client, world, draft):
    for name in [
        "unit",
        "cluster",
        "awardtype",
        "movement",
        "user",
        "nomination",
        "auditevent",
        "clustermembership",
    ]:
        response = admin_client.get(reverse(f"admin:nominations_{name}_changelist"))
        assert response.status_code == 200, name
    assert (
        "Quản trị hệ thống Thi đua – Khen thưởng" in admin_client.get(reverse("admin:index")).content.decode()
    )
    # Nominations are view-only: no change form that could touch a status.
    response = admin_client.post(
        reverse("admin:nominations_nomination_change", args=[draft.pk]), {"status": "awarded"}
    )
    draft.refresh_from_db()
    assert draft.status == "draft"
