"""Scope over the seeded demo: each demo user sees exactly what they may, nothing else."""

import pytest
from django.urls import reverse

from nominations.models import Nomination

pytestmark = pytest.mark.django_db


def expected_for(username):
    qs = Nomination.objects.all()
    by_unit = {
        "donvi_sogd": "HY_SO_GDDT",
        "donvi_soyte": "HY_SO_YTE",
        "donvi_donghung": "XA_DONGHUNG",
        "thutruong_sogd": "HY_SO_GDDT",
        "donvi_xa": "XA_HONG_VIET",
        "chutich_xa": "XA_HONG_VIET",
    }
    if username in by_unit:
        return set(qs.filter(unit__code=by_unit[username]).values_list("pk", flat=True))
    if username == "cum_vhxh":
        return set(qs.filter(cluster__code="KHOI_VHXH").values_list("pk", flat=True))
    if username == "cum_huyen":
        return set(qs.filter(cluster__code__in=["CUM_HUYEN", "CUM_XA"]).values_list("pk", flat=True))
    if username == "admin":
        return set(qs.values_list("pk", flat=True))
    return set(qs.exclude(status="draft").values_list("pk", flat=True))


USERS = [
    "donvi_sogd",
    "donvi_soyte",
    "donvi_donghung",
    "cum_vhxh",
    "cum_huyen",
    "thamdinh",
    "thuky",
    "chutich",
    "truongban",
    "thutruong_sogd",
    "donvi_xa",
    "chutich_xa",
]


def sample():
    """Every nomination outside the bulk letters, and a few of each letter's hundreds."""
    single = list(Nomination.objects.filter(batch__isnull=True))
    bulk = []
    for batch_id in set(Nomination.objects.filter(batch__isnull=False).values_list("batch_id", flat=True)):
        bulk += list(Nomination.objects.filter(batch_id=batch_id).order_by("pk")[:3])
    return single + bulk


def api_ids(client):
    ids, url = set(), "/api/nominations/?page_size=100"
    while url:
        page = client.get(url).json()
        ids |= {r["id"] for r in page["results"]}
        url = page["next"]
    return ids


@pytest.mark.parametrize("username", USERS)
def test_every_demo_user_sees_only_their_scope(client, demo, username):
    client.force_login(demo[username])
    allowed = expected_for(username)
    assert allowed, "the demo gives every user something to see"
    listing = client.get(reverse("nominations:list")).content.decode()
    assert api_ids(client) == allowed
    for n in sample():
        status = client.get(reverse("nominations:detail", args=[n.pk])).status_code
        assert status == (200 if n.pk in allowed else 404), (username, n.nominee_name)
        api_status = client.get(f"/api/nominations/{n.pk}/").status_code
        assert api_status == (200 if n.pk in allowed else 404), (username, n.nominee_name)
        if n.pk not in allowed:
            assert f'href="/ho-so/{n.pk}/"' not in listing


def test_each_reviewer_finds_the_demo_work_waiting(client, demo):
    client.force_login(demo["cum_vhxh"])
    assert "Lê Văn Hải" in client.get("/cong-viec/viec-cua-toi/?q=queue").content.decode()
    client.force_login(demo["cum_huyen"])
    assert "Lê Văn Hải" not in client.get("/cong-viec/viec-cua-toi/?q=queue").content.decode()
    client.force_login(demo["thamdinh"])
    assert "Phạm Thị Mai Anh" in client.get("/cong-viec/viec-cua-toi/?q=queue").content.decode()
    client.force_login(demo["chutich"])
    page = client.get("/cong-viec/cho-ky/").content.decode()
    assert "Trường THPT Chuyên Thái Bình" in page and "Hộ ông Nguyễn Văn Tư" in page
    client.force_login(demo["donvi_soyte"])
    page = client.get("/cong-viec/ho-so-don-vi/").content.decode()
    assert "Đề nghị bổ sung xác nhận sáng kiến cấp tỉnh." in page
