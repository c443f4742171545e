"""Issue 15: the PDF is rendered and signed outside the signing transaction, and what is issued is
what is committed; the dossiers move in sets, each with its audit event, and their processes end
exactly as viewflow ends them one by one."""

import hashlib
import threading
from unittest import mock

import pytest
from django.db import connection, connections, transaction

from nominations import services
from nominations.audit import appended_at_end, verify_chain
from nominations.exceptions import InvalidState
from nominations.models import (
    AuditEvent,
    AwardRecord,
    BaseSalary,
    Decision,
    DecisionCounter,
    DecisionLine,
    Nomination,
)
from nominations.publishing import decision_pdf, signing
from nominations.services import decision_create_draft
from nominations.text import normalize_search
from tests.conftest import attach_required
from tests.factories import NominationFactory, UserFactory
from tests.pdf import pdf_text
from tests.workflows.test_sign_decision import at_signature
from workflows import actions
from workflows.actions import sign_decision
from workflows.actions.door import complete
from workflows.flows import NominationFlow
from workflows.models import NominationProcess, TaskDeadline

REAL_RENDER = decision_pdf.render_decision


@pytest.fixture(autouse=True)
def signing_dir(settings, tmp_path_factory):
    settings.DECISION_SIGNING_DEMO_DIR = str(tmp_path_factory.getbasetemp() / "signing")


@pytest.fixture
def base_salary(db):
    return BaseSalary.objects.create(amount=2_340_000, effective_from="2024-07-01")


def render_then(action, times=1):
    """A render that does ``action`` after rendering, the first ``times`` times: the data changes
    while the PDF is being signed."""
    calls = []

    def render(*args, **kwargs):
        pdf = REAL_RENDER(*args, **kwargs)
        calls.append(1)
        if len(calls) <= times:
            action()
        return pdf

    return render, calls


@pytest.mark.django_db
def test_the_issued_pdf_says_what_is_committed(world, base_salary):
    a = at_signature(world, nominee_name="Nguyễn Văn An")
    b = at_signature(world, nominee_name="Lê Thị Bình")
    draft = decision_create_draft(actor=world.leader, nomination_ids=[a.pk, b.pk])

    decision = sign_decision(user=world.leader, decision_id=draft.pk)

    decision.refresh_from_db()
    text = pdf_text(decision.pdf.read())
    assert f"Số: {decision.number}" in text
    assert f"Kèm theo Quyết định số {decision.number} ngày {decision.decision_date:%d/%m/%Y}" in text
    for line in DecisionLine.objects.filter(decision=decision):
        assert line.nominee_name in text
    assert f"{decision.total_amount:,}".replace(",", ".") in text


@pytest.mark.django_db
def test_a_line_corrected_while_the_pdf_is_rendered_is_rendered_again_not_issued_stale(world, base_salary):
    a = at_signature(world, nominee_name="Nguyễn Văn An")
    b = at_signature(world, nominee_name="Lê Thị Bình")
    draft = decision_create_draft(actor=world.leader, nomination_ids=[a.pk, b.pk])

    def correct():
        DecisionLine.objects.filter(decision=draft, nomination=b).update(nominee_name="Lê Thị Bính")

    render, calls = render_then(correct)
    with mock.patch("nominations.services.decision.render_decision", side_effect=render):
        decision = sign_decision(user=world.leader, decision_id=draft.pk)

    assert len(calls) == 2  # the first PDF was thrown away
    text = pdf_text(decision.pdf.read())
    assert "Lê Thị Bính" in text and "Lê Thị Bình" not in text
    assert decision.number == "1/QĐ-UBND"


@pytest.mark.django_db
def test_a_number_taken_by_another_signer_while_rendering_is_not_printed(world, base_salary):
    """Two leaders of the same register: the one who commits second prints the number it gets."""
    vice = UserFactory(username="phochutich", position="Phó Chủ tịch UBND tỉnh", roles=["leader"])
    mine = decision_create_draft(actor=world.leader, nomination_ids=[at_signature(world).pk])
    theirs = decision_create_draft(actor=vice, nomination_ids=[at_signature(world).pk])
    other = {}

    def the_vice_signs_first():
        other["decision"] = sign_decision(user=vice, decision_id=theirs.pk)

    render, calls = render_then(the_vice_signs_first)
    with mock.patch("nominations.services.decision.render_decision", side_effect=render):
        decision = sign_decision(user=world.leader, decision_id=mine.pk)

    assert other["decision"].number == "1/QĐ-UBND"
    assert decision.number == "2/QĐ-UBND"
    text = pdf_text(decision.pdf.read())
    assert "Số: 2/QĐ-UBND" in text and "Kèm theo Quyết định số 2/QĐ-UBND" in text
    assert "1/QĐ-UBND" not in text
    assert DecisionCounter.objects.get().last == 2


@pytest.mark.django_db
def test_data_that_keeps_changing_fails_with_a_clear_message_and_takes_nothing(world, base_salary):
    a = at_signature(world, nominee_name="Nguyễn Văn An")
    draft = decision_create_draft(actor=world.leader, nomination_ids=[a.pk])
    names = iter(f"Nguyễn Văn An {i}" for i in range(10))

    def correct():
        DecisionLine.objects.filter(decision=draft).update(nominee_name=next(names))

    render, calls = render_then(correct, times=10)
    with (
        mock.patch("nominations.services.decision.render_decision", side_effect=render),
        pytest.raises(InvalidState) as err,
    ):
        sign_decision(user=world.leader, decision_id=draft.pk)

    assert "thay đổi trong lúc ký" in str(err.value.message)
    assert len(calls) == 3
    draft.refresh_from_db()
    assert draft.status == Decision.Status.DRAFT and draft.number == "" and not draft.pdf
    assert Nomination.objects.get(pk=a.pk).status == Nomination.Status.AWAITING_SIGNATURE
    assert not DecisionCounter.objects.filter(last__gt=0).exists()
    assert not AwardRecord.objects.exists()


@pytest.mark.django_db
def test_a_refused_token_takes_no_number(world, base_salary):
    a = at_signature(world)
    draft = decision_create_draft(actor=world.leader, nomination_ids=[a.pk])
    refused = signing.SigningRefused("Sai mã PIN của thiết bị ký số.")
    with (
        mock.patch("nominations.services.decision.signing.sign_as_person", side_effect=refused),
        pytest.raises(InvalidState) as err,
    ):
        sign_decision(user=world.leader, decision_id=draft.pk, pin="0000")
    assert "Sai mã PIN" in str(err.value.message)
    assert not DecisionCounter.objects.filter(last__gt=0).exists()
    assert Nomination.objects.get(pk=a.pk).status == Nomination.Status.AWAITING_SIGNATURE
    assert sign_decision(user=world.leader, decision_id=draft.pk).number == "1/QĐ-UBND"


@pytest.mark.django_db
def test_a_recall_and_new_signature_while_the_office_stamps_the_number_is_not_issued_stale(
    world, base_salary, settings
):
    """Issuance by the văn thư: the organisation's signature goes over the signer's file; if the
    signer recalls and signs again meanwhile, the file issued is the new one, never the old."""
    from nominations.models import Role
    from nominations.publishing.signing import verify_pdf
    from workflows.actions import issue_decision, recall_decision

    settings.DECISION_OFFICE_ISSUANCE = True
    office = UserFactory(username="vanthu", full_name="Lê Thị Hạnh", roles=[Role.CLERK_OFFICE])
    a = at_signature(world, nominee_name="Nguyễn Văn An")
    draft = decision_create_draft(actor=world.leader, nomination_ids=[a.pk])
    first = sign_decision(user=world.leader, decision_id=draft.pk)
    assert first.status == Decision.Status.LEADER_SIGNED
    old_sha = first.sha256
    real_stamp = signing.sign_as_organisation
    stamped = []

    def stamp(pdf, *args, **kwargs):
        stamped.append(pdf)
        if len(stamped) == 1:  # the signer takes the document back and signs it again meanwhile
            recall_decision(user=world.leader, decision_id=draft.pk, reason="Sửa lại")
            sign_decision(user=world.leader, decision_id=draft.pk)
        return real_stamp(pdf, *args, **kwargs)

    with mock.patch("nominations.services.decision.signing.sign_as_organisation", side_effect=stamp):
        issued = issue_decision(user=office, decision_id=draft.pk)

    assert len(stamped) == 2
    assert hashlib.sha256(stamped[0]).hexdigest() == old_sha
    assert hashlib.sha256(stamped[1]).hexdigest() != old_sha
    assert issued.status == Decision.Status.SIGNED and issued.number == "1/QĐ-UBND"
    data = Decision.objects.get(pk=draft.pk).pdf.read()
    # The organisation's signature is an incremental update of the file signed again, not the recalled one.
    assert data.startswith(stamped[1]) and not data.startswith(stamped[0])
    assert verify_pdf(data).valid
    assert Nomination.objects.get(pk=a.pk).status == Nomination.Status.AWARDED
    assert DecisionCounter.objects.get().last == 1


def _shape(process_id):
    """What viewflow wrote for a process: its tasks in order, with their links and stamps."""
    rows = []
    tasks = list(NominationFlow.task_class.objects.filter(process_id=process_id).order_by("id"))
    first = {t.pk: n for n, t in enumerate(tasks)}
    for task in tasks:
        rows.append(
            (
                task.flow_task.name,
                task.flow_task_type,
                task.status,
                task.owner_id,
                str(task.token),
                task.started is None,
                task.finished is None,
                task.assigned is None,
                task.data,
                sorted(first[p.pk] for p in task.previous.all()),
            )
        )
    process = NominationProcess.objects.get(pk=process_id)
    return rows, process.status, process.finished is None


@pytest.mark.django_db
def test_every_dossier_is_awarded_with_its_audit_event_and_its_process_ends_as_viewflow_ends_it(
    world, base_salary
):
    nominations = [at_signature(world, nominee_name=f"Người số {i}") for i in range(4)]
    # A colleague had taken one of the tasks: the signer takes it over, as before.
    taken = actions.open_task(nominations[1].pk)
    actions.claim(user=UserFactory(username="pho2", roles=["leader"]), task_id=taken.pk)
    reference = at_signature(world, nominee_name="Người đối chứng")
    draft = decision_create_draft(actor=world.leader, nomination_ids=[n.pk for n in nominations])

    decision = sign_decision(user=world.leader, decision_id=draft.pk)

    # The reference goes through viewflow one activation at a time, as the door always did.
    with transaction.atomic(), appended_at_end():
        task = actions.open_task(reference.pk)
        activation = task.flow_task.activation_class(task)
        services.nomination_sign(
            nomination=activation.process.nomination, actor=world.leader, decision=decision
        )
        complete(activation, world.leader, take_over=True)
    expected = _shape(reference.process.pk)
    assert expected[1] == "DONE" and expected[2] is False
    assert [row[0] for row in expected[0]][-3:] == ["signature", "after_signature", "end"]

    for nomination in nominations:
        nomination.refresh_from_db()
        assert nomination.status == Nomination.Status.AWARDED
        assert _shape(nomination.process.pk) == expected
        event = AuditEvent.objects.get(nomination=nomination, action="sign")
        assert (event.from_status, event.to_status) == ("awaiting_signature", "awarded")
        assert event.data == {"decision_id": decision.pk, "decision_number": decision.number}
        assert event.actor_id == world.leader.pk
        record = AwardRecord.objects.get(nomination=nomination)
        assert (record.decision_id, record.decision_number, record.nominee_name_search) == (
            decision.pk,
            decision.number,
            normalize_search(nomination.nominee_name),
        )
        assert actions.open_task(nomination.pk) is None
        assert not TaskDeadline.objects.filter(nomination=nomination, closed_at__isnull=True).exists()
    assert verify_chain().ok


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="row and advisory locks need PostgreSQL")
def test_an_unrelated_completion_commits_while_a_decision_is_being_rendered(world, base_salary):
    """The signer's connection holds no transaction, no row lock and not the audit chain's lock while
    the PDF is rendered: another reviewer's completion commits meanwhile."""
    signed = at_signature(world, nominee_name="Người được ký")
    draft = decision_create_draft(actor=world.leader, nomination_ids=[signed.pk])
    other = NominationFactory(unit=world.so_gd, award_type=world.award, created_by=world.clerk)
    attach_required(other, world.clerk)
    actions.perform(user=world.clerk, nomination_id=other.pk, action="submit")

    rendering, release = threading.Event(), threading.Event()
    seen = {}

    def slow_render(*args, **kwargs):
        seen["in_transaction"] = connection.in_atomic_block
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_backend_pid()")
            seen["pid"] = cursor.fetchone()[0]
        rendering.set()
        assert release.wait(60), "the test never released the render"
        return REAL_RENDER(*args, **kwargs)

    outcome = {}

    def sign():
        try:
            outcome["sign"] = sign_decision(user=world.leader, decision_id=draft.pk)
        except Exception as exc:  # noqa: BLE001 - the test reports whatever happens
            outcome["sign"] = exc
        finally:
            connections.close_all()

    def approve():
        try:
            outcome["approve"] = actions.perform(
                user=world.reviewer, nomination_id=other.pk, action="approve_cluster"
            )
        except Exception as exc:  # noqa: BLE001
            outcome["approve"] = exc
        finally:
            connections.close_all()

    with mock.patch("nominations.services.decision.render_decision", side_effect=slow_render):
        signer = threading.Thread(target=sign)
        signer.start()
        try:
            assert rendering.wait(60), "the render never started"
            with connection.cursor() as cursor:
                cursor.execute(
                    "SELECT state, backend_xid IS NULL FROM pg_stat_activity WHERE pid = %s", [seen["pid"]]
                )
                state, no_xid = cursor.fetchone()
                cursor.execute(
                    "SELECT locktype, mode FROM pg_locks WHERE pid = %s AND locktype <> 'virtualxid'",
                    [seen["pid"]],
                )
                held = cursor.fetchall()
            assert seen["in_transaction"] is False
            assert state == "idle" and no_xid, state
            assert held == [], held

            approver = threading.Thread(target=approve)
            approver.start()
            approver.join(timeout=30)  # generous: the render is held until it has finished
            assert not approver.is_alive(), "the completion waited on the signing"
        finally:
            release.set()
            signer.join(timeout=120)

    assert isinstance(outcome["approve"], Nomination), outcome
    assert isinstance(outcome["sign"], Decision), outcome
    assert Nomination.objects.get(pk=other.pk).status == Nomination.Status.COUNCIL_REVIEW
    assert Nomination.objects.get(pk=signed.pk).status == Nomination.Status.AWARDED
    assert verify_chain().ok
