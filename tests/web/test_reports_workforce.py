"""Forms 0604 and 0605 entered by the Standing agency on a screen of its own, checked as the forms
define them, told in Vietnamese, and read back by the forms."""

import pytest
from django.urls import reverse

from nominations.models import AuditEvent, WorkforceReport

pytestmark = pytest.mark.django_db
URL = reverse("reports:workforce")


def good(**changes):
    data = {
        "year": "2026",
        "org_ministry_department": "0",
        "org_ministry_division": "0",
        "org_home_affairs_board": "1",
        "org_home_affairs_division": "2",
        # 7 people: ages 2 + 4 + 1; training 1 + 6; years 3 + 3 + 1; women 4 in each.
        "total_02": "2", "women_02": "1",
        "total_03": "4", "women_03": "3",
        "total_04": "1", "women_04": "0",
        "total_09": "1", "women_09": "1",
        "total_11": "6", "women_11": "3",
        "total_13": "3", "women_13": "2",
        "total_14": "3", "women_14": "1",
        "total_15": "1", "women_15": "1",
        "note": "Số liệu ngày 30/11/2026",
    }  # fmt: skip
    return {**data, **changes}


def test_the_appraiser_enters_the_year_and_the_forms_show_it(client, world):
    client.force_login(world.appraiser)
    page = client.get(URL, {"year": "2026"})
    assert page.status_code == 200
    html = page.content.decode()
    assert "Số liệu tổ chức, công chức làm công tác thi đua, khen thưởng năm 2026" in html
    assert "Cấp phòng thuộc Sở Nội vụ (Phòng)" in html and "Trên 60 tuổi" in html
    response = client.post(URL, good())
    assert response.status_code == 302 and response["Location"] == f"{URL}?year=2026"
    report = WorkforceReport.objects.get(year=2026)
    assert (report.org_home_affairs_board, report.org_home_affairs_division, report.updated_by) == (
        1,
        2,
        world.appraiser,
    )
    event = AuditEvent.objects.get(action="workforce_report_saved")
    assert event.actor == world.appraiser and event.data["changes"]["0605_03"] == [[0, 0], [4, 3]]
    # The forms read it back: 0604 total 3; 0605 total 7 of whom 4 women.
    params = {"from": "2025-12-01", "to": "2026-11-30"}
    html = client.get(reverse("reports:form", args=["0604"]), params).content.decode()
    assert 'class="total"><td>Tổng số</td><td>01</td><td>Tổ chức</td><td>3</td>' in html
    html = client.get(reverse("reports:form", args=["0605"]), params).content.decode()
    assert 'class="total"><td>Tổng số</td><td>01</td><td>Người</td><td>7</td><td>4</td>' in html
    assert "Nhập, sửa số liệu" in html
    # The page shows what was saved.
    html = client.get(URL, {"year": "2026"}).content.decode()
    assert 'name="total_03" value="4"' in html and "Số liệu ngày 30/11/2026" in html


@pytest.mark.parametrize(
    "changes,told",
    [
        ({"women_03": "5"}, "“Từ 31 đến 40 tuổi”: số nữ (5) nhiều hơn tổng số (4)."),
        ({"total_02": "hai"}, "“Từ 30 tuổi trở xuống”: “hai” không phải số nguyên từ 0 trở lên."),
        ({"org_home_affairs_board": "-1"}, "không phải số nguyên từ 0 trở lên"),
        (
            {"total_15": "2"},
            "Biểu 0605: tổng số công chức phải như nhau ở ba cách chia (mỗi người có một độ tuổi, một trình độ, "
            "một số năm công tác); đang là theo độ tuổi 7, theo trình độ đào tạo 7, theo số năm công tác 8.",
        ),
        ({"women_11": "2"}, "số nữ công chức phải như nhau ở ba cách chia"),
    ],
)
def test_bad_figures_are_told_in_vietnamese_and_nothing_is_lost(client, world, changes, told):
    client.force_login(world.head)
    client.post(URL, good())  # a first, good entry
    response = client.post(URL, good(**changes, note="Lần sửa thứ hai"))
    assert response.status_code == 400
    html = response.content.decode()
    assert told in html and "Chưa lưu: số liệu chưa hợp lệ." in html
    # What was typed stays on the screen; what was saved before is unchanged.
    for name, value in changes.items():
        assert f'name="{name}" value="{value}"' in html
    assert "Lần sửa thứ hai" in html
    saved = WorkforceReport.objects.get(year=2026)
    assert saved.note == "Số liệu ngày 30/11/2026"
    assert {line.row: line.total for line in saved.staff_lines.all()}["15"] == 1


def test_only_the_standing_agency_enters_the_figures(client, world):
    for user in (world.clerk, world.reviewer, world.leader):
        client.force_login(user)
        assert client.get(URL).status_code == 403
        assert client.post(URL, good()).status_code == 403
    assert not WorkforceReport.objects.exists()
    client.force_login(world.head)
    html = client.get(reverse("reports:index")).content.decode()
    assert 'id="workforce-link"' in html
    client.force_login(world.clerk)
    assert 'id="workforce-link"' not in client.get(reverse("reports:index")).content.decode()
