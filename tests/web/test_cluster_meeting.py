"""The cluster's head records the cluster's meeting once (date, members, present, minutes), linked
to every dossier it considered, and may pass them on in the same step, each through the door."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from nominations.models import AuditEvent, CouncilMeeting, Nomination
from tests.web.api.test_api_lifecycle import token_client
from tests.web.test_queues import submitted
from workflows.models import Notification

S = Nomination.Status
pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


def minutes():
    return SimpleUploadedFile("bien-ban-cum.pdf", PDF, content_type="application/pdf")


def post(client, dossiers, **extra):
    data = {
        "held_on": timezone.localdate().strftime("%d/%m/%Y"),
        "members_total": 9,
        "members_present": 8,
        "attendees": "Trưởng Cụm chủ trì; 8 thủ trưởng đơn vị thành viên",
        "minutes": minutes(),
        "nomination": [n.pk for n in dossiers],
        **extra,
    }
    return client.post(reverse("queues:cluster_meeting"), data)


def test_one_cluster_meeting_decides_many_dossiers_and_passes_them_on(
    client, world, django_capture_on_commit_callbacks
):
    # Each submission's arrivals told as it commits (as each request does), not left pending.
    with django_capture_on_commit_callbacks(execute=True):
        a = submitted(world, nominee_name="Nguyễn Thị Cụm Một")
        b = submitted(world, nominee_name="Trần Văn Cụm Hai", unit=world.so_yte, clerk=world.clerk2)
        c = submitted(world, nominee_name="Lê Thị Không Chọn")
        outside = submitted(world, nominee_name="Võ Văn Cụm Khác", unit=world.so_tc, clerk=world.clerk_tc)
    client.force_login(world.reviewer)
    page = client.get(reverse("queues:cluster_meeting")).content.decode()
    assert "Nguyễn Thị Cụm Một" in page and "Trần Văn Cụm Hai" in page
    assert "Võ Văn Cụm Khác" not in page  # another cluster's dossier is not on the list
    assert 'name="held_on"' in page and 'type="date"' not in page  # dd/mm/yyyy, no native date box

    with django_capture_on_commit_callbacks(execute=True):
        response = post(client, [a, b], approve="1", comment="Đủ điều kiện theo tiêu chí của Cụm.")
    assert response.status_code == 302
    meeting = CouncilMeeting.objects.get(kind=CouncilMeeting.Kind.CLUSTER)
    assert meeting.cluster == world.block and meeting.members_present == 8 and meeting.minutes is not None
    assert sorted(meeting.nominations.values_list("pk", flat=True)) == sorted([a.pk, b.pk])
    for n in (a, b):
        n.refresh_from_db()
        assert n.status == S.COUNCIL_REVIEW
        approved = AuditEvent.objects.get(nomination=n, action="approve_cluster")
        assert "Phiên họp Cụm, Khối thi đua ngày" in approved.comment and "có mặt 8/9" in approved.comment
        assert "Đủ điều kiện theo tiêu chí của Cụm." in approved.comment
        assert AuditEvent.objects.filter(nomination=n, action="meeting_record").count() == 1
    c.refresh_from_db()
    assert c.status == S.CLUSTER_REVIEW and not c.meetings.exists()  # not chosen, not touched
    # The appraisers hear that the dossiers arrived at their stage.
    assert Notification.objects.filter(recipient=world.appraiser, nomination=a, kind="arrival").exists()
    page = client.get(reverse("queues:cluster_meeting")).content.decode()
    assert (
        "Đã ghi phiên họp Cụm, Khối ngày" in page
        and "Đã đồng ý và chuyển 2 hồ sơ lên Ban Thi đua – Khen thưởng." in page
    )
    assert 'id="cluster-meetings"' in page and "8/9 thành viên, 2 hồ sơ" in page
    # The meeting is this cluster's: another cluster's head neither sees it nor reads it.
    assert token_client(world.other_reviewer).get(f"/api/meetings/{meeting.pk}/").status_code == 404
    assert token_client(world.reviewer2).get(f"/api/meetings/{meeting.pk}/").status_code == 200
    assert outside.status == S.CLUSTER_REVIEW


def test_record_only_keeps_the_dossiers_waiting(client, world):
    a = submitted(world, nominee_name="Người Chỉ Ghi")
    client.force_login(world.reviewer)
    assert post(client, [a]).status_code == 302  # "approve" unticked
    a.refresh_from_db()
    assert a.status == S.CLUSTER_REVIEW and a.meetings.get().kind == CouncilMeeting.Kind.CLUSTER


def test_bad_figures_or_no_dossier_save_nothing_and_say_where(client, world):
    a = submitted(world, nominee_name="Người Cần Ghi")
    client.force_login(world.reviewer)
    response = post(client, [a], members_present=3, approve="1")
    html = response.content.decode()
    assert response.status_code == 400 and "Chưa đủ 2/3 số thành viên" in html
    assert f'value="{a.pk}" checked' in html  # the choice is kept
    response = post(client, [], approve="1")
    assert response.status_code == 400 and "Hãy chọn các hồ sơ phiên họp đã xét." in response.content.decode()
    response = post(client, [a], held_on="03/15/2026")
    assert response.status_code == 400 and "dd/mm/yyyy" in response.content.decode()
    assert not CouncilMeeting.objects.exists()
    a.refresh_from_db()
    assert a.status == S.CLUSTER_REVIEW


def test_another_clusters_dossier_cannot_be_slipped_in(client, world):
    mine = submitted(world, nominee_name="Người Trong Cụm")
    other = submitted(world, nominee_name="Người Ngoài Cụm", unit=world.so_tc, clerk=world.clerk_tc)
    client.force_login(world.reviewer)
    response = post(client, [mine, other], approve="1")
    assert response.status_code == 400
    assert "không thuộc phạm vi" in response.content.decode()
    assert not CouncilMeeting.objects.exists()


def test_only_a_clusters_head_records_it(client, world):
    client.force_login(world.clerk)
    assert client.get(reverse("queues:cluster_meeting")).status_code in (403, 404)


def test_a_head_of_two_clusters_records_each_ones_meeting_apart(client, world):
    """Last year's block and this year's: the screen lists one cluster's dossiers at a time, so a
    meeting never mixes two clusters."""
    from tests.factories import ClusterFactory, MembershipFactory

    last_year = ClusterFactory(code="KHOI_VHXH_2025", name="Khối Văn hóa – Xã hội", year=2025)
    last_year.reviewers.add(world.reviewer)
    MembershipFactory(cluster=last_year, unit=world.so_gd)
    now = submitted(world, nominee_name="Người Năm Nay")
    before = submitted(world, nominee_name="Người Năm Trước", year=2025)
    assert (now.cluster, before.cluster) == (world.block, last_year)
    client.force_login(world.reviewer)
    page = client.get(reverse("queues:cluster_meeting")).content.decode()
    assert 'id="cluster-choice"' in page
    assert "Người Năm Nay" in page and "Người Năm Trước" not in page  # the latest year first
    page = client.get(reverse("queues:cluster_meeting"), {"cluster": last_year.pk}).content.decode()
    assert "Người Năm Trước" in page and "Người Năm Nay" not in page
    assert post(client, [before], cluster=last_year.pk, approve="1").status_code == 302
    meeting = CouncilMeeting.objects.get()
    assert meeting.cluster == last_year and list(meeting.nominations.all()) == [before]
    # Both at once (a crafted request) is refused, nothing recorded.
    again = submitted(world, nominee_name="Người Năm Trước Hai", year=2025)
    response = post(client, [now, again], approve="1")
    assert response.status_code == 400 and "nhiều cụm, khối" in response.content.decode()
    assert CouncilMeeting.objects.count() == 1
