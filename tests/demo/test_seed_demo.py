"""The demo: the province of the 2025 plan, every account logs in, a second run is a no-op."""

from datetime import date

import pytest
from django.apps import apps
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from nominations.models import (
    AwardRecord,
    Cluster,
    ClusterMembership,
    Initiative,
    Nomination,
    Unit,
    UnitMerge,
    User,
)

ACCOUNTS = {
    "donvi_sogd": "Cán bộ TĐKT đơn vị",
    "donvi_soyte": "Cán bộ TĐKT đơn vị",
    "donvi_donghung": "Cán bộ TĐKT đơn vị",
    "cum_vhxh": "Trưởng Cụm/Khối thi đua",
    "cum_huyen": "Trưởng Cụm/Khối thi đua",
    "thamdinh": "Chuyên viên Ban TĐKT",
    "thuky": "Thư ký Hội đồng",
    "chutich": "Lãnh đạo UBND tỉnh",
    "phochutich": "Lãnh đạo UBND tỉnh",
    "truongban": "Trưởng Ban TĐKT",
    "thutruong_sogd": "Thủ trưởng đơn vị",
    "donvi_xa": "Cán bộ TĐKT đơn vị",
    "chutich_xa": "Thủ trưởng đơn vị",
    "admin": "Quản trị hệ thống",
}


@pytest.fixture
def seeded(demo_seed, db):
    return demo_seed


def counts():
    return {
        m._meta.label: m.objects.count()
        for m in apps.get_models()
        if m._meta.app_label in ("nominations", "workflows")
    }


def test_seed_prints_every_account(seeded):
    lines = {line.split()[0]: line for line in seeded.splitlines() if line.strip()}
    for username, role in ACCOUNTS.items():
        assert role in lines[username], lines[username]  # the role in words, not its key
    assert "Demo@2025" in seeded
    assert not any(key in seeded for key in ("unit_clerk", "cluster_reviewer", "superuser"))


def test_a_second_run_changes_nothing_and_says_so(seeded, capsys):
    before = counts()
    call_command("seed_demo")
    out = capsys.readouterr().out
    assert "không thay đổi gì" in out
    assert counts() == before


@pytest.mark.parametrize("username", list(ACCOUNTS))
def test_every_demo_account_logs_in_and_sees_its_role(seeded, client, username):
    response = client.post(reverse("login"), {"username": username, "password": "Demo@2025"})
    assert response.status_code == 302
    home = client.get(reverse("home")).content.decode()
    assert ACCOUNTS[username] in home


def test_the_province_of_the_plan(seeded):
    assert Cluster.objects.filter(year=2026).count() == 6
    assert Cluster.objects.filter(year=2025).count() == 6
    # 2025 is Thái Bình's plan; 2026 is Hưng Yên after the reorganisation of 1/7/2025.
    assert set(Cluster.objects.get(code="KHOI_VHXH", year=2025).members.values_list("code", flat=True)) >= {
        "SO_GDDT",
        "SO_YTE",
    }
    block = Cluster.objects.get(code="KHOI_VHXH", year=2026)
    assert set(block.members.values_list("code", flat=True)) == {"HY_SO_GDDT", "HY_SO_YTE", "HY_SO_VHTTDL"}
    assert block.reviewers.filter(username="cum_vhxh").exists()
    assert Cluster.objects.get(code="CUM_HUYEN", year=2025).members.filter(code="H_DONGHUNG").exists()
    communes = Cluster.objects.get(code="CUM_XA", year=2026)
    assert not communes.members.filter(kind="district").exists()
    assert communes.members.filter(code="XA_DONGHUNG").exists()
    assert communes.reviewers.filter(username="cum_huyen").exists()
    # No unit of 2026 is a dissolved one; every Thái Bình unit ends on 30/6/2025 and names its successor.
    assert not ClusterMembership.objects.filter(year=2026, unit__valid_to__lt=date(2026, 1, 1)).exists()
    dissolved = Unit.objects.filter(valid_to=date(2025, 6, 30))
    assert dissolved.filter(kind="district").count() == 8
    assert not dissolved.filter(successor__isnull=True).exists()
    assert Unit.objects.get(code="SO_KHDT").successor.code == "HY_SO_TAICHINH"  # N:1
    assert Unit.objects.get(code="SO_TAICHINH").successor.code == "HY_SO_TAICHINH"
    split = UnitMerge.objects.filter(predecessor__code="H_DONGHUNG")  # 1:N
    assert set(split.values_list("successor__code", flat=True)) == {
        "XA_DONGHUNG",
        "XA_NAM_TIEN_HUNG",
        "XA_HONG_VIET",
    }
    # Everyone works for a unit that exists today; nobody's dossier of 2026 is a dissolved unit's.
    assert not User.objects.filter(unit__valid_to__isnull=False).exists()
    assert not Nomination.objects.filter(year=2026, unit__valid_to__isnull=False).exists()
    assert User.objects.get(username="donvi_donghung").unit.code == "XA_DONGHUNG"
    assert User.objects.get(username="phochutich").position == "Phó Chủ tịch UBND tỉnh"
    # The eligible person has three consecutive years and an unused provincial initiative.
    years = AwardRecord.objects.filter(nominee_name="Nguyễn Thị Hồng Nhung", award_type__code="CSTD_CO_SO")
    assert sorted(years.values_list("year", flat=True)) == [2023, 2024, 2025]
    assert Initiative.objects.get(owner_name="Nguyễn Thị Hồng Nhung").is_used is False
    assert AwardRecord.objects.filter(nominee_name="Trần Văn Đức", award_type__code="CSTD_CO_SO").count() == 2
    assert Initiative.objects.get(owner_name="Đặng Quốc Khánh").is_used is True


def test_demo_dossiers_wait_at_every_stage(seeded):
    statuses = set(Nomination.objects.values_list("status", flat=True))
    assert statuses >= {
        "draft",
        "cluster_review",
        "returned",
        "council_review",
        "council_vote",
        "awaiting_signature",
    }


def test_the_demo_holds_a_year_moved_through_the_real_workflow(seeded, client):
    """A year of dossiers (smaller in the suite): spread over the months, at many stages, some
    returned, some overdue and escalated, and the year's provincial decisions signed on their days."""
    from datetime import date

    from demo.year import CLERK_PREFIX
    from nominations.models import AuditEvent, Decision
    from workflows.models import TaskDeadline

    year = Nomination.objects.filter(created_by__username__startswith=CLERK_PREFIX)
    assert year.exists()
    statuses = set(year.values_list("status", flat=True))
    assert {"awarded", "draft"} <= statuses and len(statuses) >= 5, statuses
    months = {n.submitted_at.month for n in year.exclude(submitted_at=None)}
    assert len(months) >= 4, months  # the charts have months to show
    # Each step is an audit event written by the door at the step's own time.
    submitted = year.exclude(submitted_at=None).first()
    event = AuditEvent.objects.filter(nomination=submitted, action="submit").get()
    assert event.at.date() == submitted.submitted_at.date() < date.today()
    assert AuditEvent.objects.filter(action="return_for_changes").exists()
    # The Chairman's July decision was signed on its day, with the base salary in force then
    # (2.530.000 đ from 1/7/2026).
    july = Decision.objects.get(kind="decision", unit=None, decision_date=date(2026, 7, 20))
    assert july.lines.count() and july.number.endswith("/QĐ-UBND")
    assert {line.base_salary for line in july.lines.all()} == {2_530_000}
    # Some work still waits past its due date; the leader sees the year's decisions.
    assert TaskDeadline.objects.filter(closed_at=None, due_at__lt=timezone.now()).exists()
    client.force_login(User.objects.get(username="chutich"))
    page = client.get(reverse("nominations:decisions")).content.decode()
    assert july.number in page
    # Every year clerk signs in with the published password.
    clerk = year.order_by("pk").values_list("created_by__username", flat=True).first()
    assert client.login(username=clerk, password="Demo@2025")
