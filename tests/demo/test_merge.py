"""The 2025 reform: a unit merges into its successor; nothing is lost or deleted."""

import io
from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from nominations.models import (
    AuditEvent,
    AwardRecord,
    AwardType,
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


def commune_and_two_successors():
    """Xã Đông Hưng (formed from the old district in 2025), two communes it might be split into
    one day (example names, from 1/1/2027) and its clerk."""
    from tests.factories import UnitFactory

    east, west = (
        UnitFactory(
            code=f"XA_DONG_{x}", name=f"Xã Đông {x} (ví dụ)", kind="commune", valid_from=date(2027, 1, 1)
        )
        for x in "AB"
    )
    return Unit.objects.get(code="XA_DONGHUNG"), east, west, User.objects.get(username="donvi_donghung")


def a_later_successor(code="HY_SO_YTE_DS", name="Sở Y tế và Dân số (ví dụ)"):
    from tests.factories import UnitFactory

    return UnitFactory(code=code, name=name, kind="department", valid_from=date(2026, 7, 1))


def snapshot(unit):
    return {
        "open": Nomination.objects.filter(unit=unit).exclude(status__in=Nomination.FINAL_STATUSES).count(),
        "users": User.objects.filter(unit=unit).count(),
        "records": AwardRecord.objects.filter(unit=unit).count(),
        "initiatives": Initiative.objects.filter(unit=unit).count(),
        "memberships_2026": ClusterMembership.objects.filter(unit=unit, year=2026).count(),
        "memberships_2025": ClusterMembership.objects.filter(unit=unit, year=2025).count(),
    }


def test_the_demo_province_was_reorganised_by_the_services_and_kept_its_history(demo):
    """1/7/2025 in the demo: each Thái Bình unit merged (N:1) or split (1:N) by the admin's own
    services; the history stays with the unit it was earned in and is found after the merger."""
    old, new = Unit.objects.get(code="SO_GDDT"), Unit.objects.get(code="HY_SO_GDDT")
    assert old.valid_to == date(2025, 6, 30) and old.successor == new
    merge = UnitMerge.objects.get(predecessor=old)
    assert merge.moved["award_records_kept"] == AwardRecord.objects.filter(unit=old).count() > 0
    assert merge.moved["initiatives_kept"] == Initiative.objects.filter(unit=old).count() > 0
    assert AuditEvent.objects.filter(action="unit_merge", data__predecessor="SO_GDDT").exists()
    assert snapshot(old)["open"] == snapshot(old)["users"] == 0
    # The clerk works for the successor; her 2026 dossier is the successor's, and eligibility reads
    # the history imported under the Thái Bình unit, which still names it.
    assert User.objects.get(username="donvi_sogd").unit == new
    nhung = Nomination.objects.get(nominee_name="Nguyễn Thị Hồng Nhung")
    assert nhung.unit == new
    assert {r.code: r for r in eligibility.evaluate(nhung)}["CSTD_TINH_3_NAM"].passed
    assert set(
        AwardRecord.objects.filter(nominee_citizen_id="034182001234").values_list("unit__code", flat=True)
    ) == {"SO_GDDT", "HY_SO_GDDT"}
    # Two departments into one (N:1) and a district into three communes (1:N).
    assert {m.predecessor.code for m in UnitMerge.objects.filter(successor__code="HY_SO_TAICHINH")} == {
        "SO_TAICHINH",
        "SO_KHDT",
    }
    district = Unit.objects.get(code="H_DONGHUNG")
    assert district.valid_to == date(2025, 6, 30)
    assert UnitMerge.objects.filter(predecessor=district).count() == 3


def test_merging_moves_the_living_work_keeps_the_history_and_deletes_nothing(admin):
    old, new = Unit.objects.get(code="HY_SO_YTE"), a_later_successor()
    totals = {
        m: m.objects.count() for m in (Nomination, User, AwardRecord, Initiative, ClusterMembership, Unit)
    }
    before = snapshot(old)
    assert before["open"] and before["users"] and before["records"] and before["initiatives"]

    merge = unit_merge(predecessor=old, successor=new, effective_date=date(2026, 7, 1), actor=admin)

    assert {m: m.objects.count() for m in totals} == totals  # nothing deleted
    after_old, after_new = snapshot(old), snapshot(new)
    # From the merger's year on, the successor takes the unit's seat in its cluster.
    # The living work moves; the history keeps the unit it was earned in (issue 13).
    assert after_old["open"] == after_old["users"] == 0
    assert after_old["records"] == before["records"] and after_old["initiatives"] == before["initiatives"]
    assert after_new["open"] == before["open"]
    assert after_new["users"] == before["users"]
    assert after_new["memberships_2026"] == 1
    old.refresh_from_db()
    assert old.valid_to == date(2026, 6, 30) and old.successor == new
    assert merge.moved["nominations"] == before["open"]
    assert AuditEvent.objects.filter(action="unit_merge", data__predecessor="HY_SO_YTE").exists()

    # The open deadlines carry the new unit too: the oversight board counts the work there.
    from workflows.models import TaskDeadline
    from workflows.selectors import oversight

    open_deadlines = TaskDeadline.objects.filter(nomination__unit=new, closed_at__isnull=True)
    assert open_deadlines.exists()
    assert not open_deadlines.exclude(unit=new).exists()
    assert not TaskDeadline.objects.filter(unit=old, closed_at__isnull=True).exists()
    open_deadlines.update(due_at=timezone.now() - timedelta(days=3))
    board = {row["unit_id"]: row["overdue"] for row in oversight()["per_unit"]}
    assert board[new.pk] == open_deadlines.count() and old.pk not in board

    # The clerk now works for the successor, and the history still names the unit of its day.
    assert User.objects.get(username="donvi_soyte").unit == new
    duc = Nomination.objects.get(nominee_name="Trần Văn Đức")
    assert duc.unit == new
    assert set(
        AwardRecord.objects.filter(nominee_citizen_id="034079004567").values_list("unit__code", flat=True)
    ) == {"SO_YTE", "HY_SO_YTE"}


def test_several_units_merge_into_one_and_one_splits_into_several(admin):
    from nominations.services import lineage, unit_split

    # N:1 — two departments into a new one; the chain walks back to the Thái Bình units.
    health, culture = Unit.objects.get(code="HY_SO_YTE"), Unit.objects.get(code="HY_SO_VHTTDL")
    new = a_later_successor()
    unit_merge(predecessor=health, successor=new, effective_date=date(2026, 7, 1), actor=admin)
    unit_merge(predecessor=culture, successor=new, effective_date=date(2026, 7, 1), actor=admin)
    assert {u.code for u in lineage(new)} == {
        "HY_SO_YTE_DS",
        "HY_SO_YTE",
        "SO_YTE",
        "HY_SO_VHTTDL",
        "SO_VHTTDL",
    }
    # 1:N — a commune split into two; its clerk goes to the one named, the rest to the default.
    commune, east, west, clerk = commune_and_two_successors()
    open_before = snapshot(commune)["open"]
    assert open_before
    rows = unit_split(
        predecessor=commune,
        parts={east: [clerk]},
        default=west,
        effective_date=date(2027, 1, 1),
        actor=admin,
    )
    assert len(rows) == 2 and UnitMerge.objects.filter(predecessor=commune).count() == 2
    clerk.refresh_from_db()
    assert clerk.unit == east
    assert snapshot(east)["open"] == open_before and snapshot(commune)["open"] == 0
    from workflows.models import TaskDeadline

    assert not TaskDeadline.objects.filter(unit=commune, closed_at__isnull=True).exists()
    assert TaskDeadline.objects.filter(unit=east, closed_at__isnull=True).count() == (
        TaskDeadline.objects.filter(nomination__unit=east, closed_at__isnull=True).count()
    )
    commune.refresh_from_db()
    assert commune.valid_to == date(2026, 12, 31)
    # The old district is in both lines of descent (split in 2025, split again in 2027).
    district = Unit.objects.get(code="H_DONGHUNG")
    assert district in lineage(east) and district in lineage(west)


def test_the_admin_action_asks_for_successor_and_date(client, admin):
    client.force_login(admin)
    old = Unit.objects.get(code="HY_SO_YTE")
    url = reverse("admin:nominations_unit_changelist")
    page = client.post(url, {"action": "merge_into_successor", "_selected_action": [old.pk]})
    assert "Đơn vị kế thừa" in page.content.decode()
    new = a_later_successor()
    client.post(
        url,
        {
            "action": "merge_into_successor",
            "_selected_action": [old.pk],
            "apply": "1",
            "successor": new.pk,
            "effective_date": "01/07/2026",
        },
    )
    old.refresh_from_db()
    assert old.successor == new and old.valid_to == date(2026, 6, 30)
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
    """An administrator splits a commune in two: first the successors, the default one and the
    date; then where each person goes. Bad choices are told in Vietnamese and nothing moves."""

    client.force_login(admin)
    url = reverse("admin:nominations_unit_changelist")
    district, east, west, clerk = commune_and_two_successors()
    open_before = snapshot(district)["open"]
    base = {"action": "split_into_successors", "_selected_action": [district.pk]}

    page = client.post(url, base).content.decode()
    assert "Các đơn vị kế thừa" in page and "Tiếp: phân người" in page

    # One successor only, and a default outside the chosen ones: refused, nothing moved.
    page = client.post(
        url,
        {**base, "apply": "1", "successors": [east.pk], "default": west.pk, "effective_date": "01/01/2027"},
    ).content.decode()
    assert "Chia tách cần ít nhất hai đơn vị kế thừa." in page
    assert "Đơn vị mặc định phải là một trong các đơn vị kế thừa." in page
    district.refresh_from_db()
    assert district.valid_to is None and snapshot(district)["open"] == open_before

    chosen = {**base, "successors": [east.pk, west.pk], "default": west.pk, "effective_date": "01/01/2027"}
    page = client.post(url, {**chosen, "allocate": "1"}).content.decode()
    assert "Phân người của đơn vị cũ" in page and "donvi_donghung" in page and "Xã Đông A (ví dụ)" in page

    response = client.post(url, {**chosen, "apply": "1", f"person_{clerk.pk}": east.pk}, follow=True)
    assert "Đã chia tách" in response.content.decode()
    clerk.refresh_from_db()
    district.refresh_from_db()
    assert clerk.unit == east and district.valid_to == date(2026, 12, 31)
    assert snapshot(east)["open"] == open_before and snapshot(district)["open"] == 0
    assert UnitMerge.objects.filter(predecessor=district).count() == 2
    assert AuditEvent.objects.filter(action="unit_split", actor=admin).exists()


def test_the_split_action_takes_exactly_one_unit(client, admin):
    client.force_login(admin)
    url = reverse("admin:nominations_unit_changelist")
    two = list(Unit.objects.filter(code__in=["HY_SO_YTE", "HY_SO_GDDT"]).values_list("pk", flat=True))
    response = client.post(url, {"action": "split_into_successors", "_selected_action": two}, follow=True)
    assert "Chọn đúng một đơn vị để chia tách." in response.content.decode()
    assert Unit.objects.filter(pk__in=two, valid_to__isnull=False).count() == 0


def test_a_clerk_left_on_a_dissolved_thai_binh_unit_cannot_open_a_2026_dossier(client, demo):
    """Over HTTP, as the clerk would meet it: the form says the unit ended and names its successor."""
    from tests.factories import UserFactory

    clerk = UserFactory(username="canbo_cu", unit=Unit.objects.get(code="SO_GDDT"), roles=["unit_clerk"])
    client.force_login(clerk)
    before = Nomination.objects.count()
    page = client.post(
        reverse("nominations:create"),
        {
            "award_type": AwardType.objects.get(code="BANG_KHEN_TINH").pk,
            "route": "annual",
            "year": 2026,
            "nominee_kind": "individual",
            "nominee_name": "Nguyễn Văn Thử",
            "nominee_gender": "male",
            "nominee_birth_year": 1980,
            "achievements": "Hoàn thành xuất sắc nhiệm vụ.",
        },
    ).content.decode()
    assert "không còn hoạt động từ ngày 30/06/2025" in page
    assert "Sở Giáo dục và Đào tạo tỉnh Hưng Yên" in page
    assert 'value="Nguyễn Văn Thử"' in page  # nothing typed is lost
    assert Nomination.objects.count() == before
