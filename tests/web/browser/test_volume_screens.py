"""Volume screens in a real Chromium: a reviewer's home counts, the queue filtered and approved in
bulk, the rest decided at one recorded meeting of the cluster, and a person's profile found by a name typed without accents. Screenshots to
test-artifacts/screenshots/volume/ (desktop, and the queue on a phone)."""

from pathlib import Path

import pytest
from django.utils import timezone

from nominations.models import CouncilMeeting, Nomination
from tests.web.browser.test_walkthrough import CHROMIUM, Person, browser, demo, playwright_api  # noqa: F401

SHOTS = Path(__file__).resolve().parents[3] / "test-artifacts" / "screenshots" / "volume"

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Debian's chromium is not installed"),
]


def shot(person, name):
    SHOTS.mkdir(parents=True, exist_ok=True)
    person.page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def test_home_counts_queue_filters_bulk_approval_and_a_profile(live_server, demo, browser, tmp_path):  # noqa: F811
    base = live_server.url
    # The demo's busiest cluster head (the year's dossiers crowd into some blocks).
    from django.db.models import Count

    from nominations.models import User
    from workflows.models import TaskDeadline

    busiest = (
        TaskDeadline.objects.filter(stage="cluster_review", closed_at__isnull=True, owner__isnull=True)
        .values("nomination__cluster_id")
        .annotate(n=Count("task_id"))
        .order_by("-n")
        .first()
    )
    head = (
        User.objects.filter(reviewed_clusters__id=busiest["nomination__cluster_id"])
        .order_by("username")
        .first()
    )
    reviewer = Person(browser, base, head.username)
    page = reviewer.go("/")
    row = page.locator("#home-counts tr[data-stage=cluster_review]")
    waiting = int(row.locator("a.waiting").inner_text())
    assert waiting >= 2
    shot(reviewer, "trang-chu-so-viec")
    row.locator("a.waiting").click()
    page.wait_for_load_state()
    assert "stage=cluster_review" in page.url
    rows = page.locator("#task-list tbody tr")
    assert rows.count() == min(waiting, 30)

    # Filter by the first row's unit, sorted by arrival; then select all and approve with one comment.
    unit = page.locator("#task-list tbody tr").first.locator("td[data-label='Đơn vị']").inner_text()
    page.select_option("#queue-filters select[name=unit]", label=unit)
    page.select_option("#queue-filters select[name=sort]", value="received")
    page.click("#queue-filters button[type=submit]")
    page.wait_for_load_state()
    boxes = page.locator("input[name=nomination]")
    chosen = boxes.count()
    assert chosen >= 1
    assert all(
        page.locator("#task-list tbody tr").nth(i).locator("td[data-label='Đơn vị']").inner_text() == unit
        for i in range(page.locator("#task-list tbody tr").count())
    )
    page.check("#select-all")
    page.fill("#bulk-form textarea[name=comment]", "Hồ sơ đầy đủ, đồng ý chuyển thẩm định")
    shot(reviewer, "hang-cho-loc-va-chon")
    ids = [int(boxes.nth(i).get_attribute("value")) for i in range(chosen)]
    page.click("#bulk-approve_cluster")
    page.wait_for_load_state()
    assert f"cho {chosen} hồ sơ" in page.inner_text("body")
    assert set(Nomination.objects.filter(pk__in=ids).values_list("status", flat=True)) == {"council_review"}
    shot(reviewer, "hang-cho-da-duyet-hang-loat")

    # What is left waiting, decided at one meeting of the cluster: recorded once with its minutes,
    # passed on in the same step.
    cluster_id = busiest["nomination__cluster_id"]
    page = reviewer.go(f"/cong-viec/phien-hop-cum-khoi/?cluster={cluster_id}")
    form = page.locator("#cluster-meeting-form")
    form.locator("[name=held_on]").fill(timezone.localdate().strftime("%d/%m/%Y"))
    form.locator("[name=members_total]").fill("12")
    form.locator("[name=members_present]").fill("11")
    form.locator("[name=attendees]").fill("Trưởng Cụm chủ trì, 11/12 đơn vị thành viên")
    minutes = tmp_path / "bien-ban-cum.pdf"
    minutes.write_bytes(b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n")
    form.locator("[name=minutes]").set_input_files(str(minutes))
    page.check("#select-all")
    left = [
        int(v)
        for v in page.locator("#cluster-dossiers input[name=nomination]").evaluate_all(
            "bs => bs.map(b => b.value)"
        )
    ]
    assert left
    shot(reviewer, "phien-hop-cum-chon")
    page.click("#save-cluster-meeting")
    page.wait_for_load_state()
    text = page.inner_text("body")
    assert f"cho {len(left)} hồ sơ; biên bản dùng chung cho tất cả" in text, text[:600]
    meeting = CouncilMeeting.objects.get(kind="cluster")
    assert meeting.cluster_id == cluster_id
    assert set(meeting.nominations.values_list("pk", flat=True)) == set(left)
    assert not Nomination.objects.filter(pk__in=left, status="cluster_review").exists()
    shot(reviewer, "phien-hop-cum-da-ghi")

    # The queue on a phone: the due pill stays inside its card.
    phone = Person(browser, base, "thamdinh", width=390)
    page = phone.go("/cong-viec/viec-cua-toi/?q=queue&sort=due")
    shot(phone, "hang-cho-dien-thoai")
    for pill in page.locator("small.days-left").all()[:10]:
        box, cell = pill.bounding_box(), pill.locator("xpath=ancestor::td[1]").bounding_box()
        assert box["x"] + box["width"] <= cell["x"] + cell["width"] + 1

    # The appraiser finds a person by a name typed without accents and opens the profile.
    appraiser = Person(browser, base, "thamdinh")
    page = appraiser.go("/ca-nhan-tap-the/?q=phan thi kim oanh")
    page.get_by_role("link", name="Phan Thị Kim Oanh").first.click()
    page.wait_for_load_state()
    text = page.inner_text("#profile-awards")
    assert "1320/QĐ-UBND" in text and "1655/QĐ-UBND" in text
    assert "034178004444" not in page.content()
    shot(appraiser, "ho-so-ca-nhan")
