"""Every transition through the one door: allowed, refused by state, role and
scope, audited, and the viewflow task advanced."""

import pytest
from viewflow.workflow.models import Task
from viewflow.workflow.status import PROCESS, STATUS

from nominations.audit import verify_chain
from nominations.exceptions import InvalidInput, InvalidState, NotPermitted
from nominations.models import AuditEvent, AwardRecord, Comment, CouncilVote, Nomination
from tests.conftest import attach_required
from tests.factories import NominationFactory
from workflows import actions
from workflows.actions import open_task
from workflows.flows import NominationFlow

S = Nomination.Status
VOTE_OK = {"votes_for": 20, "votes_against": 1, "members_present": 21, "members_total": 25}


def act(user, nomination, action, **params):
    return actions.perform(user=user, nomination_id=nomination.pk, action=action, **params)


def stage_of(nomination):
    task = open_task(nomination.pk)
    return task.flow_task.name if task else None


def last_event(nomination):
    return AuditEvent.objects.filter(nomination=nomination).order_by("-id").first()


def to_council_review(world, nomination):
    act(world.clerk, nomination, "submit")
    return act(world.reviewer, nomination, "approve_cluster")


def to_vote(world, nomination):
    to_council_review(world, nomination)
    return act(world.appraiser, nomination, "pass_appraisal", checklist={"documents": True})


def to_signature(world, nomination):
    to_vote(world, nomination)
    return act(world.secretary, nomination, "record_vote", **VOTE_OK)


# --- submit ---------------------------------------------------------------


def test_submit_goes_to_the_units_cluster_and_opens_its_review_task(world, draft):
    n = act(world.clerk, draft, "submit", comment="Kính trình")
    assert n.status == S.CLUSTER_REVIEW
    assert n.cluster == world.block
    assert n.version == 1
    assert stage_of(n) == "cluster_review"
    event = last_event(n)
    assert (event.action, event.from_status, event.to_status, event.actor) == (
        "submit",
        "draft",
        "cluster_review",
        world.clerk,
    )


def test_submit_with_missing_documents_lists_what_is_missing_and_changes_nothing(world):
    n = NominationFactory(unit=world.so_gd, award_type=world.award, created_by=world.clerk)
    with pytest.raises(InvalidInput) as err:
        act(world.clerk, n, "submit")
    assert "Tờ trình" in str(err.value.message)
    assert "Biên bản họp xét" in str(err.value.message)
    n.refresh_from_db()
    assert n.status == S.DRAFT
    assert not hasattr(n, "process") or n.process is None


def test_ad_hoc_route_skips_the_cluster(world):
    n = NominationFactory(unit=world.so_gd, award_type=world.award, route="ad_hoc", created_by=world.clerk)
    attach_required(n, world.clerk)
    n = act(world.clerk, n, "submit")
    assert n.status == S.COUNCIL_REVIEW
    assert stage_of(n) == "appraisal"


def test_unit_outside_any_cluster_goes_straight_to_appraisal(world):
    n = NominationFactory(unit=world.vp_ubnd, award_type=world.award, created_by=world.clerk_vp)
    attach_required(n, world.clerk_vp)
    n = act(world.clerk_vp, n, "submit")
    assert n.status == S.COUNCIL_REVIEW
    assert n.cluster is None
    assert stage_of(n) == "appraisal"


def test_another_units_clerk_cannot_submit(world, draft):
    with pytest.raises(NotPermitted):
        act(world.clerk2, draft, "submit")
    draft.refresh_from_db()
    assert draft.status == S.DRAFT


def test_a_reviewer_cannot_submit_a_units_dossier(world, draft):
    with pytest.raises(NotPermitted):
        act(world.reviewer, draft, "submit")


def test_submit_twice_is_refused(world, draft):
    act(world.clerk, draft, "submit")
    with pytest.raises(InvalidState):
        act(world.clerk, draft, "submit")
    assert AuditEvent.objects.filter(nomination=draft, action="submit").count() == 1


# --- cluster review ------------------------------------------------------------


def test_cluster_reviewer_approves(world, draft):
    act(world.clerk, draft, "submit")
    n = act(world.reviewer, draft, "approve_cluster", comment="Đồng ý")
    assert n.status == S.COUNCIL_REVIEW
    assert stage_of(n) == "appraisal"
    done = Task.objects.get(flow_task=NominationFlow.cluster_review, process__nominationprocess__nomination=n)
    assert done.status == STATUS.DONE and done.owner == world.reviewer
    assert last_event(n).action == "approve_cluster"


def test_reviewer_of_another_cluster_is_refused(world, draft):
    act(world.clerk, draft, "submit")
    with pytest.raises(NotPermitted):
        act(world.other_reviewer, draft, "approve_cluster")
    draft.refresh_from_db()
    assert draft.status == S.CLUSTER_REVIEW


def test_appraiser_cannot_do_the_cluster_step(world, draft):
    act(world.clerk, draft, "submit")
    with pytest.raises(NotPermitted):
        act(world.appraiser, draft, "approve_cluster")


def test_approve_outside_cluster_review_is_refused(world, draft):
    to_council_review(world, draft)
    with pytest.raises(InvalidState):
        act(world.reviewer, draft, "approve_cluster")


def test_a_task_claimed_by_a_colleague_cannot_be_completed_by_another(world, draft):
    act(world.clerk, draft, "submit")
    task = open_task(draft.pk)
    actions.claim(user=world.reviewer2, task_id=task.pk)
    with pytest.raises(NotPermitted) as err:
        act(world.reviewer, draft, "approve_cluster")
    assert "Đỗ Thị Mai" in str(err.value.message)
    actions.release(user=world.reviewer2, task_id=task.pk)
    assert act(world.reviewer, draft, "approve_cluster").status == S.COUNCIL_REVIEW


def test_claim_needs_the_right_cluster(world, draft):
    act(world.clerk, draft, "submit")
    with pytest.raises(NotPermitted):
        actions.claim(user=world.other_reviewer, task_id=open_task(draft.pk).pk)


# --- return and resubmit ------------------------------------------------------


def test_return_needs_a_comment(world, draft):
    act(world.clerk, draft, "submit")
    with pytest.raises(InvalidInput):
        act(world.reviewer, draft, "return_for_changes", comment="   ")
    draft.refresh_from_db()
    assert draft.status == S.CLUSTER_REVIEW


@pytest.mark.parametrize(
    ("advance", "reviewer_attr", "stage", "task_name"),
    [
        (lambda w, n: act(w.clerk, n, "submit"), "reviewer", S.CLUSTER_REVIEW, "cluster_review"),
        (to_council_review, "appraiser", S.COUNCIL_REVIEW, "appraisal"),
        (to_signature, "leader", S.AWAITING_SIGNATURE, "signature"),
    ],
)
def test_a_return_goes_to_the_unit_and_the_resubmission_lands_where_it_was_returned(
    world, draft, advance, reviewer_attr, stage, task_name
):
    advance(world, draft)
    n = act(getattr(world, reviewer_attr), draft, "return_for_changes", comment="Bổ sung biên bản họp")
    assert n.status == S.RETURNED
    assert n.returned_from == stage
    assert stage_of(n) == "revise"
    comment = Comment.objects.get(nomination=n, kind=Comment.Kind.RETURN)
    assert comment.body == "Bổ sung biên bản họp"

    n = act(world.clerk, n, "resubmit", comment="Đã bổ sung")
    assert n.status == stage
    assert stage_of(n) == task_name
    assert n.version == 2
    assert last_event(n).action == "resubmit"


def test_only_the_own_unit_resubmits(world, draft):
    act(world.clerk, draft, "submit")
    act(world.reviewer, draft, "return_for_changes", comment="Thiếu")
    with pytest.raises(NotPermitted):
        act(world.clerk2, draft, "resubmit")


def test_a_new_document_version_keeps_the_old_one(world, draft):
    from nominations import services
    from tests.conftest import pdf_file

    act(world.clerk, draft, "submit")
    act(world.reviewer, draft, "return_for_changes", comment="Thay biên bản")
    services.document_add(nomination=draft, actor=world.clerk, kind="bien_ban", uploaded=pdf_file(body=b"v2"))
    versions = draft.documents.filter(kind="bien_ban").order_by("id")
    assert [d.superseded for d in versions] == [True, False]
    assert versions.last().dossier_version == 2


# --- appraisal, vote, signature ----------------------------------------------


def test_appraisal_with_a_failed_item_needs_a_justification(world, draft):
    to_council_review(world, draft)
    with pytest.raises(InvalidInput):
        act(world.appraiser, draft, "pass_appraisal", checklist={"criteria": False})
    n = act(
        world.appraiser,
        draft,
        "pass_appraisal",
        checklist={"criteria": False},
        justification="Thành tích đột xuất được Hội đồng xem xét",
    )
    assert n.status == S.COUNCIL_VOTE
    assert stage_of(n) == "council_vote"
    assert last_event(n).data["justification"] == "Thành tích đột xuất được Hội đồng xem xét"


def test_unit_clerk_cannot_appraise(world, draft):
    to_council_review(world, draft)
    with pytest.raises(NotPermitted):
        act(world.clerk, draft, "pass_appraisal")


def test_vote_above_threshold_goes_to_signature(world, draft):
    to_vote(world, draft)
    n = act(world.secretary, draft, "record_vote", **VOTE_OK)
    assert n.status == S.AWAITING_SIGNATURE
    assert stage_of(n) == "signature"
    vote = CouncilVote.objects.get(nomination=n)
    assert vote.passed and vote.votes_for == 20


def test_failed_vote_rejects_and_ends_the_process(world, draft):
    to_vote(world, draft)
    n = act(
        world.secretary,
        draft,
        "record_vote",
        votes_for=10,
        votes_against=11,
        members_present=21,
        members_total=25,
    )
    assert n.status == S.REJECTED
    assert stage_of(n) is None
    assert n.process.status == PROCESS.DONE


def test_cstd_needs_ninety_percent_of_all_members(world):
    n = NominationFactory(unit=world.so_gd, award_type=world.cstd, created_by=world.clerk)
    attach_required(n, world.clerk)
    to_vote(world, n)
    # 20 of 25 present voted for: 100% of present but 80% of all members.
    n = act(
        world.secretary, n, "record_vote", votes_for=20, votes_against=0, members_present=20, members_total=25
    )
    assert n.status == S.REJECTED


def test_vote_without_quorum_is_refused(world, draft):
    to_vote(world, draft)
    with pytest.raises(InvalidInput) as err:
        act(
            world.secretary,
            draft,
            "record_vote",
            votes_for=10,
            votes_against=0,
            members_present=10,
            members_total=25,
        )
    assert "2/3" in str(err.value.message)
    draft.refresh_from_db()
    assert draft.status == S.COUNCIL_VOTE


def sign(world, nomination, leader=None):
    from nominations.services import decision_create_draft
    from workflows.actions import sign_decision

    leader = leader or world.leader
    draft = decision_create_draft(actor=leader, nomination_ids=[nomination.pk])
    return sign_decision(user=leader, decision_id=draft.pk)


def test_leader_signs_through_a_decision_and_the_award_enters_history(
    world, draft, settings, demo_signing_dir
):
    settings.DECISION_SIGNING_DEMO_DIR = demo_signing_dir
    to_signature(world, draft)
    decision = sign(world, draft)
    n = Nomination.objects.get(pk=draft.pk)
    assert n.status == S.AWARDED
    record = AwardRecord.objects.get(nomination=n)
    assert record.decision_number == decision.number == "1/QĐ-UBND"
    assert record.nominee_name == "Nguyễn Văn An"
    assert n.process.status == PROCESS.DONE
    with pytest.raises(InvalidState):
        act(world.leader, n, "sign")


def test_secretary_cannot_sign(world, draft):
    from nominations.services import decision_create_draft

    to_signature(world, draft)
    with pytest.raises(NotPermitted):
        decision_create_draft(actor=world.secretary, nomination_ids=[draft.pk])


@pytest.mark.parametrize(
    ("advance", "reviewer_attr"),
    [
        (lambda w, n: act(w.clerk, n, "submit"), "reviewer"),
        (to_council_review, "appraiser"),
        (to_vote, "secretary"),
        (to_signature, "leader"),
    ],
)
def test_reject_at_each_stage_needs_a_reason_and_is_final(world, draft, advance, reviewer_attr):
    advance(world, draft)
    reviewer = getattr(world, reviewer_attr)
    with pytest.raises(InvalidInput):
        act(reviewer, draft, "reject", comment="")
    n = act(reviewer, draft, "reject", comment="Không đủ tiêu chuẩn")
    assert n.status == S.REJECTED
    assert stage_of(n) is None
    with pytest.raises(InvalidState):
        act(world.clerk, n, "resubmit")


def test_the_wrong_stage_reviewer_cannot_reject(world, draft):
    to_council_review(world, draft)
    with pytest.raises(NotPermitted):
        act(world.reviewer, draft, "reject", comment="Không")


# --- withdraw ----------------------------------------------------------------------


def test_withdraw_a_draft(world, draft):
    n = act(world.clerk, draft, "withdraw")
    assert n.status == S.WITHDRAWN
    assert last_event(n).action == "withdraw"


def test_withdraw_during_cluster_review_cancels_the_reviewers_task(world, draft):
    act(world.clerk, draft, "submit")
    task = open_task(draft.pk)
    n = act(world.clerk, draft, "withdraw", comment="Đơn vị rút để hoàn thiện năm sau")
    assert n.status == S.WITHDRAWN
    task.refresh_from_db()
    assert task.status == STATUS.CANCELED
    assert n.process.status == PROCESS.CANCELED
    with pytest.raises(InvalidState):
        act(world.reviewer, n, "approve_cluster")


def test_withdraw_a_returned_dossier(world, draft):
    act(world.clerk, draft, "submit")
    act(world.reviewer, draft, "return_for_changes", comment="Thiếu")
    n = act(world.clerk, draft, "withdraw")
    assert n.status == S.WITHDRAWN
    assert stage_of(n) is None


def test_withdraw_after_cluster_review_is_refused(world, draft):
    to_council_review(world, draft)
    with pytest.raises(InvalidState):
        act(world.clerk, draft, "withdraw")


def test_another_unit_cannot_withdraw(world, draft):
    with pytest.raises(NotPermitted):
        act(world.clerk2, draft, "withdraw")


# --- available actions, audit chain ---------------------------------------------------


def test_available_actions_follow_role_scope_and_stage(world, draft):
    assert actions.available_actions(world.clerk, draft) == ["submit", "withdraw"]
    assert actions.available_actions(world.clerk2, draft) == []
    act(world.clerk, draft, "submit")
    draft.refresh_from_db()
    assert actions.available_actions(world.reviewer, draft) == [
        "approve_cluster",
        "return_for_changes",
        "reject",
    ]
    assert actions.available_actions(world.other_reviewer, draft) == []
    assert actions.available_actions(world.clerk, draft) == ["withdraw"]
    assert actions.available_actions(world.appraiser, draft) == []


def test_the_audit_chain_holds_over_a_whole_lifecycle(world, draft, settings, demo_signing_dir):
    settings.DECISION_SIGNING_DEMO_DIR = demo_signing_dir
    to_signature(world, draft)
    sign(world, draft)
    report = verify_chain()
    assert report.ok
    # 3 documents, submit, approve, appraisal, vote, sign; decision draft and signing
    assert report.count == AuditEvent.objects.count() == 10


def test_audit_rows_cannot_be_edited_through_the_orm(world, draft):
    from django.core.exceptions import ValidationError

    event = AuditEvent.objects.filter(nomination=draft).first()
    event.comment = "sửa"
    with pytest.raises(ValidationError):
        event.save()
    with pytest.raises(ValidationError):
        event.delete()


def test_the_leader_sends_a_dossier_back_to_the_council_with_a_reason(world, draft):
    to_signature(world, draft)
    with pytest.raises(InvalidInput):
        act(world.leader, draft, "return_to_council", comment="")
    with pytest.raises(NotPermitted):
        act(world.secretary, draft, "return_to_council", comment="x")
    n = act(world.leader, draft, "return_to_council", comment="Đề nghị Hội đồng xem xét lại số phiếu")
    assert n.status == S.COUNCIL_VOTE
    assert stage_of(n) == "council_vote"
    assert Comment.objects.filter(nomination=n, kind=Comment.Kind.RETURN, body__contains="số phiếu").exists()
    n = act(world.secretary, n, "record_vote", **VOTE_OK)
    assert n.status == S.AWAITING_SIGNATURE and stage_of(n) == "signature"
