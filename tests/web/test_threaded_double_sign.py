"""Two leaders signing, at the same moment on a threaded server, two drafts that hold the same
dossier, where the văn thư issues: exactly one signature stands, the other is a clean 409
(issue 31, item 2). PostgreSQL only, like the other threaded-server races."""

import threading

import pytest
import requests

from nominations.audit import verify_chain
from nominations.models import BaseSalary, Decision, DecisionLine, User
from nominations.services import decision_create_draft
from tests.factories import UserFactory
from tests.web.test_threaded_server import pytestmark as threaded  # noqa: F401
from tests.web.test_threaded_server import server, token  # noqa: F401
from tests.workflows.test_sign_decision import at_signature

pytestmark = threaded


@pytest.fixture
def office_env(monkeypatch):
    monkeypatch.setenv("DECISION_OFFICE_ISSUANCE", "true")


@pytest.mark.parametrize("trial", range(3))
def test_two_leaders_signing_drafts_that_share_a_dossier_one_wins(world, office_env, server, trial):  # noqa: F811
    BaseSalary.objects.get_or_create(amount=2_340_000, effective_from="2024-07-01")
    UserFactory(username="phochutich", position="Phó Chủ tịch UBND tỉnh", roles=["leader"])
    shared = [at_signature(world, nominee_name=f"Ký {trial}-{i}").pk for i in range(3)]
    vice = User.objects.get(username="phochutich")
    first = decision_create_draft(actor=world.leader, nomination_ids=shared[:2])
    second = decision_create_draft(actor=vice, nomination_ids=shared[1:])
    barrier = threading.Barrier(2)
    answers = {}

    def sign(username, decision):
        headers = token(server, username)
        barrier.wait()
        answers[username] = requests.post(
            f"{server}/api/decisions/{decision.pk}/sign/", headers=headers, timeout=90
        )

    threads = [
        threading.Thread(target=sign, args=("chutich", first)),
        threading.Thread(target=sign, args=("phochutich", second)),
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    codes = sorted(r.status_code for r in answers.values())
    assert codes == [200, 409], {k: (r.status_code, r.text[:300]) for k, r in answers.items()}
    loser = next(r for r in answers.values() if r.status_code == 409)
    assert set(loser.json()) >= {"code", "detail"} and loser.json()["detail"]
    assert Decision.objects.filter(status="leader_signed").count() == 1
    assert DecisionLine.objects.filter(nomination_id=shared[1], live=True).count() == 1
    assert verify_chain().ok
