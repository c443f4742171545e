"""One nomination walks every stage over HTTP, as the people who do the work."""

import re

import pytest
from django.urls import reverse

from nominations.models import AuditEvent, Nomination
from tests.conftest import docx_file, pdf_file

S = Nomination.Status


def login(client, user):
    client.logout()
    response = client.post(reverse("login"), {"username": user.username, "password": "Demo@2025"})
    assert response.status_code == 302, "login failed"


def do(client, nomination, action, expect=302, **data):
    url = reverse("nominations:action", args=[nomination.pk, action])
    payload = {f"{action}-{k}": v for k, v in data.items()}
    response = client.post(url, payload)
    assert response.status_code == expect, response.content.decode()[:2000]
    nomination.refresh_from_db()
    return response


def page(client, nomination):
    response = client.get(reverse("nominations:detail", args=[nomination.pk]))
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.django_db
def test_a_nomination_walks_every_stage_over_http(client, world, settings, tmp_path_factory):
    settings.DECISION_SIGNING_DEMO_DIR = str(tmp_path_factory.getbasetemp() / "signing")  # one CA a run
    # The unit clerk of Sở GD&ĐT opens a dossier and uploads the documents.
    login(client, world.clerk)
    response = client.post(
        reverse("nominations:create"),
        {
            "award_type": world.award.pk,
            "route": "annual",
            "year": 2026,
            "nominee_kind": "individual",
            "nominee_name": "Nguyễn Thị Hồng Nhung",
            "nominee_gender": "female",
            "nominee_birth_year": 1982,
            "nominee_position": "Hiệu trưởng Trường THPT Chuyên Thái Bình",
            "achievements": "Hoàn thành xuất sắc nhiệm vụ năm học 2025–2026.",
        },
    )
    assert response.status_code == 302
    nomination = Nomination.objects.get(nominee_name="Nguyễn Thị Hồng Nhung")
    assert nomination.status == S.DRAFT

    # Submitting too early is refused with the list of what is missing.
    response = do(client, nomination, "submit", expect=400)
    assert "Hồ sơ còn thiếu" in response.content.decode()
    assert nomination.status == S.DRAFT

    for kind, file in [
        ("to_trinh", pdf_file()),
        ("bao_cao_thanh_tich", docx_file()),
        ("bien_ban", pdf_file("bb.pdf")),
    ]:
        response = client.post(
            reverse("nominations:document_upload", args=[nomination.pk]), {"kind": kind, "file": file}
        )
        assert response.status_code == 302
    do(client, nomination, "submit")
    assert nomination.status == S.CLUSTER_REVIEW

    # The head of the culture–society block returns it with a comment.
    login(client, world.reviewer)
    assert "Nguyễn Thị Hồng Nhung" in client.get(reverse("nominations:list")).content.decode()
    response = do(client, nomination, "return_for_changes", expect=400, comment="")
    assert "Lý do (bắt buộc)" in response.content.decode()
    do(client, nomination, "return_for_changes", comment="Đề nghị bổ sung biên bản họp xét có chữ ký")
    assert nomination.status == S.RETURNED

    # The unit sees the comment, replaces the minutes and resubmits.
    login(client, world.clerk)
    html = page(client, nomination)
    assert "Đề nghị bổ sung biên bản họp xét có chữ ký" in html
    assert "Trả lại từ bước" in html
    client.post(
        reverse("nominations:document_upload", args=[nomination.pk]),
        {"kind": "bien_ban", "file": pdf_file("bb-v2.pdf", b"co chu ky")},
    )
    do(client, nomination, "resubmit", comment="Đã bổ sung biên bản")
    assert nomination.status == S.CLUSTER_REVIEW  # back where it was returned from
    assert "Các phiên bản trước" in page(client, nomination)

    login(client, world.reviewer)
    do(client, nomination, "approve_cluster", comment="Khối thống nhất đề nghị")
    assert nomination.status == S.COUNCIL_REVIEW

    login(client, world.appraiser)
    response = do(
        client, nomination, "pass_appraisal", expect=400, check_documents="on"
    )  # a failed item, no justification
    refused = response.content.decode()
    assert "giải trình" in refused
    # The unticked criteria are named as the appraiser reads them, never as raw keys.
    assert "Đạt tiêu chuẩn của danh hiệu, hình thức khen thưởng; Không đang bị kỷ luật" in refused
    assert "criteria, no_discipline" not in refused
    do(
        client,
        nomination,
        "pass_appraisal",
        check_documents="on",
        check_criteria="on",
        check_no_discipline="on",
        check_authority="on",
    )
    assert nomination.status == S.COUNCIL_VOTE

    login(client, world.secretary)
    do(client, nomination, "record_vote", members_total=25, members_present=22, votes_for=21, votes_against=1)
    assert nomination.status == S.AWAITING_SIGNATURE

    login(client, world.leader)
    from nominations.models import BaseSalary, Decision

    BaseSalary.objects.create(amount=2_340_000, effective_from="2024-07-01")
    assert "Nguyễn Thị Hồng Nhung" in client.get(reverse("queues:signature")).content.decode()
    preview = client.post(reverse("queues:decision_draft"), {"nominations": [nomination.pk]}).content.decode()
    assert "2.340.000 đ" in preview
    response = client.post(reverse("nominations:decision_create"), {"nominations": [nomination.pk]})
    decision = Decision.objects.get()
    assert response.url == reverse("nominations:decision_detail", args=[decision.pk])
    assert (
        client.get(reverse("nominations:decision_preview", args=[decision.pk]))["Content-Type"]
        == "application/pdf"
    )
    detail = client.get(reverse("nominations:decision_detail", args=[decision.pk])).content.decode()
    # Before signing, the signer is told the number (not yet issued), the count and the total.
    assert "Ký Quyết định (số sẽ cấp khi ký) khen thưởng 1 hồ sơ, tổng tiền thưởng 2.340.000 đ" in detail
    client.post(reverse("nominations:decision_sign", args=[decision.pk]))  # the box left unticked
    nomination.refresh_from_db()
    assert nomination.status == S.AWAITING_SIGNATURE
    client.post(reverse("nominations:decision_sign", args=[decision.pk]), {"confirmed": "on"})
    nomination.refresh_from_db()
    assert nomination.status == S.AWARDED
    decision.refresh_from_db()
    assert decision.number == "1/QĐ-UBND"
    assert (
        "1/QĐ-UBND" in client.get(reverse("nominations:decision_detail", args=[decision.pk])).content.decode()
    )

    # The unit sees the whole story on the timeline.
    login(client, world.clerk)
    html = page(client, nomination)
    for label in [
        "Nộp hồ sơ",
        "Trả lại đơn vị",
        "Nộp lại hồ sơ",
        "Cụm/Khối đồng ý",
        "Thẩm định đạt",
        "Ký quyết định",
    ]:
        assert label in html
    # create, 4 uploads, submit, return, resubmit, approve, appraisal, vote, sign
    assert AuditEvent.objects.filter(nomination=nomination).count() == 12


@pytest.mark.django_db
def test_another_units_dossier_is_not_found_for_pages_documents_and_actions(client, world, draft):
    document = draft.documents.first()
    login(client, world.clerk2)
    urls = [
        reverse("nominations:detail", args=[draft.pk]),
        reverse("nominations:edit", args=[draft.pk]),
        reverse("nominations:document_download", args=[draft.pk, document.pk]),
    ]
    for url in urls:
        assert client.get(url).status_code == 404, url
    assert client.post(reverse("nominations:action", args=[draft.pk, "submit"])).status_code == 404
    assert client.post(reverse("nominations:document_upload", args=[draft.pk])).status_code == 404
    assert client.post(reverse("nominations:comment_add", args=[draft.pk]), {"body": "x"}).status_code == 404
    assert "Nguyễn Văn An" not in client.get(reverse("nominations:list")).content.decode()
    draft.refresh_from_db()
    assert draft.status == S.DRAFT


@pytest.mark.django_db
def test_a_draft_is_invisible_to_reviewers_until_submitted(client, world, draft):
    for user in (world.reviewer, world.appraiser, world.leader):
        login(client, user)
        assert client.get(reverse("nominations:detail", args=[draft.pk])).status_code == 404


@pytest.mark.django_db
def test_owner_downloads_a_document(client, world, draft):
    document = draft.documents.get(kind="to_trinh")
    login(client, world.clerk)
    response = client.get(reverse("nominations:document_download", args=[draft.pk, document.pk]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF-")
    assert re.search(r'attachment; filename="?to_trinh\.pdf', response["Content-Disposition"])


@pytest.mark.django_db
def test_acting_in_the_wrong_state_says_so_and_changes_nothing(client, world, draft):
    login(client, world.clerk)
    do(client, draft, "submit")
    response = client.post(reverse("nominations:action", args=[draft.pk, "submit"]), follow=True)
    assert (
        "không thể thực hiện" in response.content.decode()
        or "Hồ sơ đang ở trạng thái" in response.content.decode()
    )
    draft.refresh_from_db()
    assert draft.status == S.CLUSTER_REVIEW


@pytest.mark.django_db
def test_from_the_units_submission_to_the_published_award_as_its_people_do_it(
    client, world, settings, tmp_path_factory
):
    """The whole provincial path over HTTP, each step by the person whose job it is, through the
    screens they use: the unit submits, the block approves, the Standing agency appraises, the
    Council's secretary records the vote, the leader signs, the văn thư numbers and issues, and only
    then does the public find the award."""
    from nominations.models import BaseSalary, Decision, Role
    from tests.factories import UserFactory

    settings.DECISION_SIGNING_DEMO_DIR = str(tmp_path_factory.getbasetemp() / "signing")
    settings.DECISION_OFFICE_ISSUANCE = True  # the province issues through its văn thư
    BaseSalary.objects.create(amount=2_340_000, effective_from="2024-07-01")
    world.leader.position = "Chủ tịch UBND tỉnh"
    world.leader.save()
    office = UserFactory(
        username="vanthu",
        full_name="Lê Thị Hạnh",
        position="Văn thư, Văn phòng UBND tỉnh",
        roles=[Role.CLERK_OFFICE],
    )
    name = "Phạm Văn Đức"

    # The unit's clerk lodges the dossier with its documents and submits it.
    login(client, world.clerk)
    response = client.post(
        reverse("nominations:create"),
        {
            "award_type": world.award.pk,
            "route": "annual",
            "year": 2026,
            "nominee_kind": "individual",
            "nominee_name": name,
            "nominee_gender": "male",
            "nominee_birth_year": 1979,
            "nominee_position": "Trưởng phòng Giáo dục Trung học",
            "achievements": "Hoàn thành xuất sắc nhiệm vụ năm 2026.",
        },
    )
    assert response.status_code == 302
    nomination = Nomination.objects.get(nominee_name=name)
    for kind, file in [
        ("to_trinh", pdf_file()),
        ("bao_cao_thanh_tich", docx_file()),
        ("bien_ban", pdf_file("bb.pdf")),
    ]:
        upload = client.post(
            reverse("nominations:document_upload", args=[nomination.pk]), {"kind": kind, "file": file}
        )
        assert upload.status_code == 302
    assert "Nộp hồ sơ" in page(client, nomination)  # the button the clerk presses
    do(client, nomination, "submit")
    assert nomination.status == S.CLUSTER_REVIEW

    # The block's head finds it in their work and approves.
    login(client, world.reviewer)
    assert name in client.get(reverse("queues:my_work")).content.decode()
    do(client, nomination, "approve_cluster", comment="Khối thống nhất đề nghị")
    assert nomination.status == S.COUNCIL_REVIEW

    # The appraiser checks every criterion and passes it to the Council.
    login(client, world.appraiser)
    assert name in client.get(reverse("queues:my_work")).content.decode()
    do(
        client,
        nomination,
        "pass_appraisal",
        check_documents="on",
        check_criteria="on",
        check_no_discipline="on",
        check_authority="on",
    )
    assert nomination.status == S.COUNCIL_VOTE

    # The Council's secretary records the vote.
    login(client, world.secretary)
    do(client, nomination, "record_vote", members_total=25, members_present=22, votes_for=21, votes_against=1)
    assert nomination.status == S.AWAITING_SIGNATURE

    # The leader drafts the decision from the signature queue and signs it.
    login(client, world.leader)
    assert name in client.get(reverse("queues:signature")).content.decode()
    client.post(reverse("nominations:decision_create"), {"nominations": [nomination.pk]})
    decision = Decision.objects.get()
    client.post(reverse("nominations:decision_sign", args=[decision.pk]), {"confirmed": "on"})
    decision.refresh_from_db()
    nomination.refresh_from_db()
    # Signed, not issued: no number yet, nothing awarded, nothing public.
    assert decision.number == "" and nomination.status == S.AWAITING_SIGNATURE
    client.logout()
    assert name not in client.get(reverse("public:awards"), {"q": "pham van duc"}).content.decode()

    # The văn thư finds it waiting, numbers and issues it.
    login(client, office)
    assert f'id="issue-{decision.pk}"' in client.get(reverse("nominations:issuance_queue")).content.decode()
    issued = client.post(
        reverse("nominations:decision_issue", args=[decision.pk]), {"confirmed": "on"}, follow=True
    )
    assert "Đã cấp số và phát hành văn bản số 1/QĐ-UBND" in issued.content.decode()
    nomination.refresh_from_db()
    assert nomination.status == S.AWARDED

    # The unit sees the award on its dossier, with the decision's number.
    login(client, world.clerk)
    html = page(client, nomination)
    assert 'id="status">Đã khen thưởng<' in html
    # Issue 26: the issuance is the văn thư's act on the timeline, not the signer's.
    assert f"{office.get_full_name()}</strong> · Ký quyết định (Chờ ký quyết định → Đã khen thưởng)" in html

    # Anyone finds the award on the public page (typed without accents) and can verify the number.
    client.logout()
    public = client.get(reverse("public:awards"), {"q": "pham van duc"}).content.decode()
    assert name in public and "1/QĐ-UBND" in public
    verified = client.post(reverse("public:verify"), {"number": "1/QĐ-UBND"}).content.decode()
    assert "Có 1 văn bản đã ký mang số này" in verified and "Nguyễn Văn Chủ" in verified
