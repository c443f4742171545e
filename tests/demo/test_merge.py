"""The 2025 reform: a unit merges into its successor; nothing is lost or deleted."""

import io
from datetime import date

import pytest
from django.urls import reverse

from nominations.models import (
    AuditEvent,
    AwardRecord,
    ClusterMembership,
    Initiative,
    Nomination,
    Unit,
    UnitMerge,
    User,
)
from nominations.policy import eligibility
from nominations.services import unit_merge

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin(demo):
    return demo["admin"]


def district_and_two_communes():
    """Huyện Đông Hưng, two new communes formed from it (example names) and the district's clerk."""
    from tests.factories import UnitFactory

    east, west = (
        UnitFactory(
            code=f"XA_DONG_{x}", name=f"Xã Đông {x} (ví dụ)", kind="commune", valid_from=date(2025, 7, 1)
        )
        for x in "AB"
    )
    return Unit.objects.get(code="H_DONGHUNG"), east, west, User.objects.get(username="donvi_donghung")


def snapshot(unit):
    return {
        "open": Nomination.objects.filter(unit=unit).exclude(status__in=Nomination.FINAL_STATUSES).count(),
        "users": User.objects.filter(unit=unit).count(),
        "records": AwardRecord.objects.filter(unit=unit).count(),
        "initiatives": Initiative.objects.filter(unit=unit).count(),
        "memberships_2026": ClusterMembership.objects.filter(unit=unit, year=2026).count(),
        "memberships_2025": ClusterMembership.objects.filter(unit=unit, year=2025).count(),
    }


def test_merging_moves_the_living_work_keeps_the_history_and_deletes_nothing(admin):
    old, new = Unit.objects.get(code="SO_GDDT"), Unit.objects.get(code="HY_SO_GDDT")
    totals = {
        m: m.objects.count() for m in (Nomination, User, AwardRecord, Initiative, ClusterMembership, Unit)
    }
    before = snapshot(old)
    assert before["open"] and before["users"] and before["records"] and before["initiatives"]

    merge = unit_merge(predecessor=old, successor=new, effective_date=date(2025, 7, 1), actor=admin)

    assert {m: m.objects.count() for m in totals} == totals  # nothing deleted
    after_old, after_new = snapshot(old), snapshot(new)
    # From the merger's year on, the successor takes the unit's seat in its cluster.
    # The living work moves; the history keeps the unit it was earned in (issue 13).
    assert after_old["open"] == after_old["users"] == 0
    assert after_old["records"] == before["records"] and after_old["initiatives"] == before["initiatives"]
    assert after_new["open"] == before["open"]
    assert after_new["users"] == before["users"]
    assert after_new["memberships_2026"] == 1 and after_new["memberships_2025"] == 1
    old.refresh_from_db()
    assert old.valid_to == date(2025, 6, 30) and old.successor == new
    assert merge.moved["nominations"] == before["open"]
    assert UnitMerge.objects.count() == 1
    assert AuditEvent.objects.filter(action="unit_merge").exists()

    # The clerk now works for the successor, and eligibility still sees the history.
    assert User.objects.get(username="donvi_sogd").unit == new
    nhung = Nomination.objects.get(nominee_name="Nguyễn Thị Hồng Nhung")
    assert nhung.unit == new
    assert {r.code: r for r in eligibility.evaluate(nhung)}["CSTD_TINH_3_NAM"].passed
    # History imported under the Thái Bình unit is found for her after the merger, and still names it.
    assert set(
        AwardRecord.objects.filter(nominee_citizen_id="034182001234").values_list("unit__code", flat=True)
    ) == {"SO_GDDT"}


def test_several_units_merge_into_one_and_one_splits_into_several(admin):
    from nominations.services import lineage, unit_split

    # N:1 — two departments into the new one.
    soyte, sogd = Unit.objects.get(code="SO_YTE"), Unit.objects.get(code="SO_GDDT")
    new = Unit.objects.get(code="HY_SO_GDDT")
    unit_merge(predecessor=sogd, successor=new, effective_date=date(2025, 7, 1), actor=admin)
    unit_merge(predecessor=soyte, successor=new, effective_date=date(2025, 7, 1), actor=admin)
    assert {u.code for u in lineage(new)} == {"HY_SO_GDDT", "SO_GDDT", "SO_YTE"}
    # 1:N — a district split into two communes; its clerk goes to the one named, the rest to the default.
    district, east, west, clerk = district_and_two_communes()
    open_before = snapshot(district)["open"]
    rows = unit_split(
        predecessor=district,
        parts={east: [clerk]},
        default=west,
        effective_date=date(2025, 7, 1),
        actor=admin,
    )
    assert len(rows) == 2 and UnitMerge.objects.filter(predecessor=district).count() == 2
    clerk.refresh_from_db()
    assert clerk.unit == east
    assert snapshot(east)["open"] == open_before and snapshot(district)["open"] == 0
    district.refresh_from_db()
    assert district.valid_to == date(2025, 6, 30)
    assert district in lineage(east) and district in lineage(west)


def test_the_admin_action_asks_for_successor_and_date(client, admin):
    client.force_login(admin)
    old = Unit.objects.get(code="SO_YTE")
    url = reverse("admin:nominations_unit_changelist")
    page = client.post(url, {"action": "merge_into_successor", "_selected_action": [old.pk]})
    assert "Đơn vị kế thừa" in page.content.decode()
    new = Unit.objects.get(code="HY_SO_YTE")
    client.post(
        url,
        {
            "action": "merge_into_successor",
            "_selected_action": [old.pk],
            "apply": "1",
            "successor": new.pk,
            "effective_date": "01/07/2025",
        },
    )
    old.refresh_from_db()
    assert old.successor == new and old.valid_to == date(2025, 6, 30)
    assert User.objects.get(username="donvi_soyte").unit == new


def test_history_import_all_or_nothing(client, admin):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from openpyxl import Workbook

    def xlsx(rows):
        book = Workbook()
        for row in rows:
            book.active.append(row)
        buffer = io.BytesIO()
        book.save(buffer)
        return SimpleUploadedFile("lich-su.xlsx", buffer.getvalue())

    from nominations.services.imports import HISTORY_COLUMNS

    client.force_login(admin)
    url = reverse("admin:nominations_awardrecord_import")
    before = AwardRecord.objects.count()
    bad = [
        HISTORY_COLUMNS,
        [
            "Vũ Văn Nam",
            "034080001111",
            1980,
            "individual",
            "SO_YTE",
            "LDTT",
            "annual",
            2023,
            "5/QĐ",
            "10/12/2023",
        ],
        ["", "12", 1980, "individual", "KHONG_CO", "XYZ", "annual", 1800, "", "31/02/2023"],
    ]
    page = client.post(url, {"file": xlsx(bad)}).content.decode()
    assert "Dòng 3: thiếu họ tên" in page and "12 chữ số" in page and "KHONG_CO" in page and "XYZ" in page
    assert "Dòng 2" not in page
    assert AwardRecord.objects.count() == before
    response = client.post(url, {"file": xlsx(bad[:2])})
    assert response.status_code == 302
    assert AwardRecord.objects.count() == before + 1
    assert client.get(reverse("admin:nominations_awardrecord_template")).status_code == 200


def test_the_admin_splits_a_unit_and_sends_each_person_where_chosen(client, admin):
    """An administrator splits a district in two: first the successors, the default one and the
    date; then where each person goes. Bad choices are told in Vietnamese and nothing moves."""

    client.force_login(admin)
    url = reverse("admin:nominations_unit_changelist")
    district, east, west, clerk = district_and_two_communes()
    open_before = snapshot(district)["open"]
    base = {"action": "split_into_successors", "_selected_action": [district.pk]}

    page = client.post(url, base).content.decode()
    assert "Các đơn vị kế thừa" in page and "Tiếp: phân người" in page

    # One successor only, and a default outside the chosen ones: refused, nothing moved.
    page = client.post(
        url,
        {**base, "apply": "1", "successors": [east.pk], "default": west.pk, "effective_date": "01/07/2025"},
    ).content.decode()
    assert "Chia tách cần ít nhất hai đơn vị kế thừa." in page
    assert "Đơn vị mặc định phải là một trong các đơn vị kế thừa." in page
    district.refresh_from_db()
    assert district.valid_to is None and snapshot(district)["open"] == open_before

    chosen = {**base, "successors": [east.pk, west.pk], "default": west.pk, "effective_date": "01/07/2025"}
    page = client.post(url, {**chosen, "allocate": "1"}).content.decode()
    assert "Phân người của đơn vị cũ" in page and "donvi_donghung" in page and "Xã Đông A (ví dụ)" in page

    response = client.post(url, {**chosen, "apply": "1", f"person_{clerk.pk}": east.pk}, follow=True)
    assert "Đã chia tách" in response.content.decode()
    clerk.refresh_from_db()
    district.refresh_from_db()
    assert clerk.unit == east and district.valid_to == date(2025, 6, 30)
    assert snapshot(east)["open"] == open_before and snapshot(district)["open"] == 0
    assert UnitMerge.objects.filter(predecessor=district).count() == 2
    assert AuditEvent.objects.filter(action="unit_split", actor=admin).exists()


def test_the_split_action_takes_exactly_one_unit(client, admin):
    client.force_login(admin)
    url = reverse("admin:nominations_unit_changelist")
    two = list(Unit.objects.filter(code__in=["SO_YTE", "SO_GDDT"]).values_list("pk", flat=True))
    response = client.post(url, {"action": "split_into_successors", "_selected_action": two}, follow=True)
    assert "Chọn đúng một đơn vị để chia tách." in response.content.decode()
    assert Unit.objects.filter(pk__in=two, valid_to__isnull=False).count() == 0
