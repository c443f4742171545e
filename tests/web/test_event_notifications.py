"""Every event that concerns someone tells them: in the app (with an unread count) and by e-mail."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from nominations.models import BaseSalary
from nominations.services import decision_create_draft
from tests.factories import NominationFactory
from tests.web.test_end_to_end import do, login
from tests.workflows.test_sign_decision import at_signature
from workflows import actions
from workflows.models import Notification

pytestmark = pytest.mark.django_db


def unread(client) -> int:
    html = client.get(reverse("home")).content.decode()
    found = re.search(r'id="unread-count">(\d+)<', html)
    return int(found.group(1)) if found else 0


def test_a_return_tells_the_clerk_with_the_comment_and_the_resubmission_tells_the_reviewer(
    client, world, draft
):
    login(client, world.clerk)
    do(client, draft, "submit")
    before = unread(client)

    login(client, world.reviewer)
    do(client, draft, "return_for_changes", comment="Thiếu biên bản họp xét có chữ ký")

    login(client, world.clerk)
    assert unread(client) == before + 1
    listing = client.get(reverse("notifications:list")).content.decode()
    assert "Hồ sơ bị trả lại" in listing and "Thiếu biên bản họp xét có chữ ký" in listing
    assert f'href="{reverse("nominations:detail", args=[draft.pk])}"' in listing
    assert unread(client) == 0  # the list marks what it showed as read

    do(client, draft, "resubmit", comment="Đã bổ sung")
    # Back to the reviewer who returned it, not to the whole block.
    told = Notification.objects.filter(kind="action_resubmit")
    assert [n.recipient for n in told] == [world.reviewer]
    login(client, world.reviewer)
    assert "Hồ sơ đã được nộp lại" in client.get(reverse("notifications:list")).content.decode()


def test_approvals_and_a_rejection_tell_the_unit_with_the_reason(client, world, draft):
    login(client, world.clerk)
    do(client, draft, "submit")
    login(client, world.reviewer)
    do(client, draft, "approve_cluster")
    login(client, world.appraiser)
    do(client, draft, "reject", comment="Chưa đủ thời gian công tác", confirmed="on")
    titles = list(Notification.objects.filter(recipient=world.clerk).values_list("title", "body"))
    assert any("Cụm/Khối xét duyệt" in t for t, _b in titles)
    assert any("không được khen thưởng" in t and "Chưa đủ thời gian công tác" in b for t, b in titles)


def test_signing_tells_each_unit_the_decision_number_once(world, settings, demo_signing_dir):
    settings.DECISION_SIGNING_DEMO_DIR = demo_signing_dir
    BaseSalary.objects.create(amount=2_340_000, effective_from="2024-07-01")
    a = at_signature(world, nominee_name="Nguyễn Văn An")
    draft = decision_create_draft(actor=world.leader, nomination_ids=[a.pk])
    decision = actions.sign_decision(user=world.leader, decision_id=draft.pk)
    awarded = Notification.objects.get(recipient=world.clerk, kind="awarded")
    assert decision.number in awarded.body
    assert Notification.objects.filter(recipient=world.head, kind="decision_signed").count() == 1
    # Told again (a retried worker): nobody hears it twice.
    from workflows import announce

    announce.after_signing(decision=decision, nominations=[a])
    assert Notification.objects.filter(recipient=world.clerk, kind="awarded").count() == 1


def test_an_extension_tells_the_units_clerks(client, world):
    login(client, world.head)
    until = (timezone.localdate() + timedelta(days=7)).strftime("%d/%m/%Y")
    response = client.post(
        reverse("nominations:extensions"),
        {"unit": world.so_gd.pk, "award_type": world.award.pk, "until": until, "reason": "Lũ lụt"},
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    note = Notification.objects.get(recipient=world.clerk, kind="extension_granted")
    assert until in note.title and "Lũ lụt" in note.body


def test_a_withdrawal_tells_the_reviewers_who_were_waiting(world):
    n = NominationFactory(unit=world.so_gd, award_type=world.award, created_by=world.clerk)
    from tests.conftest import attach_required

    attach_required(n, world.clerk)
    actions.perform(user=world.clerk, nomination_id=n.pk, action="submit")
    actions.perform(user=world.clerk, nomination_id=n.pk, action="withdraw")
    told = {x.recipient for x in Notification.objects.filter(kind="action_withdraw")}
    assert told == {world.reviewer, world.reviewer2}


def test_a_leader_sending_a_dossier_back_tells_the_council_secretary(world, settings, tmp_path):
    a = at_signature(world, nominee_name="Nguyễn Văn An")
    actions.perform(
        user=world.leader, nomination_id=a.pk, action="return_to_council", comment="Xem lại số phiếu"
    )
    note = Notification.objects.get(recipient=world.secretary, kind="action_return_to_council")
    assert "Xem lại số phiếu" in note.body


def test_a_citizens_comment_tells_whoever_opened_the_window_and_the_appraisers(world):
    from nominations.models import PublicDisclosure

    n = NominationFactory(unit=world.so_gd, award_type=world.award, created_by=world.clerk)
    today = timezone.localdate()
    disclosure = PublicDisclosure.objects.create(
        nomination=n, opens_on=today, closes_on=today + timedelta(days=14), created_by=world.head
    )
    comment = actions.add_public_comment(
        disclosure=disclosure, name="Nguyễn Văn Dân", contact="", body="Đồng tình với đề nghị."
    )
    told = {x.recipient for x in Notification.objects.filter(kind="public_comment")}
    assert told == {world.head, world.appraiser}
    assert "Nguyễn Văn Dân" in Notification.objects.filter(kind="public_comment").first().body
    from workflows import announce

    announce.after_public_comment(comment=comment)  # told again: nobody hears it twice
    assert Notification.objects.filter(kind="public_comment").count() == 2
