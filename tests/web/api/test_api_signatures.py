"""Issue 18: signatures with legal weight, over the API as the people who act.

The leader signs with their own certificate (a SoftHSM2 token through PKCS#11, or a remote-signing
service through the adapter's loopback test double), the văn thư numbers the document and applies
the organisation's signature; pyHanko and poppler's ``pdfsig`` both find two intact signatures.
"""

import base64
import hashlib
import io
import json
import shutil
import subprocess
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, utils
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from demo import ca as demo_ca
from nominations.models import (
    AwardRecord,
    BaseSalary,
    Decision,
    DecisionCounter,
    Nomination,
    Role,
    SigningMethod,
)
from nominations.publishing import signing, softhsm
from nominations.services import decision_create_draft
from tests.factories import UserFactory
from tests.pdf import pdf_text
from tests.web.api.test_api_lifecycle import token_client
from tests.web.api.test_api_paths import paths, up_to_the_vote  # noqa: F401, F811 (a fixture)
from tests.workflows.test_sign_decision import at_signature

PIN = "246810"
ARTIFACTS = Path(__file__).resolve().parents[3] / "test-artifacts"
TOKEN = "lanh-dao"


@pytest.fixture(scope="session")
def demo_dir(tmp_path_factory):
    return tmp_path_factory.mktemp("signatures-ca")


@pytest.fixture(autouse=True)
def _signing(settings, demo_dir, db):
    """One demo CA for the module (the token's certificate is issued by it), trusted."""
    settings.DECISION_SIGNING_DEMO_DIR = str(demo_dir)
    settings.SIGNING_TRUST_DIR = ""
    settings.SIGNING_ALLOW_DEMO_KEYS = True
    cache.clear()


@pytest.fixture(scope="session")
def token(tmp_path_factory, demo_dir):
    """A SoftHSM2 token with the leader's key (label "chutich") and another person's ("nguoikhac")."""
    if not softhsm.available():
        pytest.skip("softhsm2 is not installed (apt-get install softhsm2): the PKCS#11 path needs it")
    from django.conf import settings

    previous = settings.DECISION_SIGNING_DEMO_DIR
    settings.DECISION_SIGNING_DEMO_DIR = str(demo_dir)
    try:
        ca_key, ca_cert = demo_ca.demo_ca()
    finally:
        settings.DECISION_SIGNING_DEMO_DIR = previous
    folder = tmp_path_factory.mktemp("softhsm")
    softhsm.init_token(folder, label=TOKEN, pin=PIN)
    for label, key_id, name in [
        ("chutich", b"\x01", "Nguyễn Văn Chủ"),
        ("nguoikhac", b"\x02", "Trần Thị Khác"),
    ]:
        key, cert = demo_ca.issue_certificate(
            ca_key, ca_cert, common_name=name, organisation="Ủy ban nhân dân tỉnh", title="Chủ tịch UBND tỉnh"
        )
        softhsm.import_key(folder, token=TOKEN, pin=PIN, key_label=label, key_id=key_id, key=key, cert=cert)
    return folder


def use_token(user, key_label="chutich", pin_env=""):
    SigningMethod.objects.update_or_create(
        user=user,
        defaults={
            "kind": SigningMethod.Kind.PKCS11,
            "module_path": softhsm.MODULE,
            "token_label": TOKEN,
            "key_label": key_label,
            "pin_env": pin_env,
        },
    )


@pytest.fixture
def clerk_office(world):
    return UserFactory(
        username="vanthu",
        full_name="Lê Thị Hạnh",
        position="Văn thư, Văn phòng UBND tỉnh",
        roles=[Role.CLERK_OFFICE],
    )


@pytest.fixture
def office_issuance(settings):
    settings.DECISION_OFFICE_ISSUANCE = (
        True  # the province (no Unit row in these tests) issues by its văn thư
    )


def draft_for(world, n=1):
    BaseSalary.objects.get_or_create(amount=2_340_000, effective_from="2024-07-01")
    world.leader.position = "Chủ tịch UBND tỉnh"
    world.leader.save()
    nominations = [at_signature(world, nominee_name=f"Nguyễn Văn {i}") for i in range(n)]
    return decision_create_draft(actor=world.leader, nomination_ids=[x.pk for x in nominations]), nominations


def pdf_of(client, pk, kind="decisions"):
    response = client.get(f"/api/{kind}/{pk}/pdf")
    assert response.status_code == 200
    return b"".join(response.streaming_content)


def pdfsig(data: bytes, tmp_path: Path) -> str:
    path = tmp_path / "qd.pdf"
    path.write_bytes(data)
    return subprocess.run(["pdfsig", str(path)], capture_output=True, text=True).stdout


def flipped(data: bytes) -> bytes:
    """One byte changed inside the first page's content (covered by both signatures)."""
    at = data.index(b"stream", data.index(b"/Contents")) + 40
    out = bytearray(data)
    out[at] ^= 0x01
    return bytes(out)


def two_intact_signatures(data: bytes, leader_name: str) -> None:
    result = signing.verify_signatures(data)
    assert [s.organisation_signature for s in result.signatures] == [False, True]
    assert all(s.intact and s.trusted for s in result.signatures), result.signatures
    assert result.signatures[0].name == leader_name
    # PAdES B-LT: each signature time-stamped, the chain and the CRL embedded in the DSS.
    assert all(s.timestamped for s in result.signatures)
    from pyhanko.pdf_utils.reader import PdfFileReader

    dss = PdfFileReader(io.BytesIO(data)).root["/DSS"]
    assert len(dss["/Certs"]) >= 2 and len(dss["/CRLs"]) >= 1
    tampered = signing.verify_signatures(flipped(data))
    assert not tampered.valid and not any(s.intact for s in tampered.signatures)


def outside_validator_agrees(data: bytes, tmp_path: Path, leader_name: str) -> None:
    """poppler's ``pdfsig``, a validator that is not ours, finds the same two valid signatures and
    none in the tampered copy. Called last: without poppler the test says so and skips only this."""
    if not shutil.which("pdfsig"):
        pytest.skip("pdfsig (poppler-utils) is not installed: the outside validator's check was not run")
    report = pdfsig(data, tmp_path)
    assert report.count("Signature is Valid.") == 2, report
    assert "ChuKyNguoiKy" in report and "ChuKyCoQuan" in report and leader_name in report
    broken = pdfsig(flipped(data), tmp_path)
    assert "Signature is Valid." not in broken, broken


@pytest.mark.django_db
def test_token_signature_then_issuance_by_the_office(world, token, clerk_office, office_issuance, tmp_path):
    use_token(world.leader)
    draft, nominations = draft_for(world, 2)
    leader, office = token_client(world.leader), token_client(clerk_office)

    signed = leader.post(f"/api/decisions/{draft.pk}/sign/", {"pin": PIN}, format="json")
    assert signed.status_code == 200, signed.content
    body = signed.json()
    assert body["status"] == "leader_signed" and body["number"] == ""
    # Signed, not issued: nothing awarded yet, no number taken.
    assert set(
        Nomination.objects.filter(pk__in=[n.pk for n in nominations]).values_list("status", flat=True)
    ) == {"awaiting_signature"}
    assert not AwardRecord.objects.exists() and not DecisionCounter.objects.filter(last__gt=0).exists()
    only_leader = signing.verify_signatures(pdf_of(leader, draft.pk))
    assert [s.name for s in only_leader.signatures] == ["Nguyễn Văn Chủ"] and only_leader.intact

    # Signed in a document waiting for issuance: not offered for another decision.
    again = leader.post("/api/decisions/", {"nominations": [nominations[0].pk]}, format="json")
    assert again.status_code == 409
    # The leader is not the văn thư.
    assert leader.post(f"/api/decisions/{draft.pk}/issue/").status_code == 403
    issued = office.post(f"/api/decisions/{draft.pk}/issue/")
    assert issued.status_code == 200, issued.content
    body = issued.json()
    assert body["status"] == "signed" and body["number"] == "1/QĐ-UBND" and body["issued_by"] == "vanthu"
    assert set(
        Nomination.objects.filter(pk__in=[n.pk for n in nominations]).values_list("status", flat=True)
    ) == {"awarded"}
    assert AwardRecord.objects.filter(decision_id=draft.pk, decision_number="1/QĐ-UBND").count() == 2
    assert office.post(f"/api/decisions/{draft.pk}/issue/").status_code == 409  # once

    data = pdf_of(office, draft.pk)
    assert hashlib.sha256(data).hexdigest() == body["sha256"]
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "quyet-dinh-hai-chu-ky.pdf").write_bytes(data)  # for a look (gitignored)
    two_intact_signatures(data, "Nguyễn Văn Chủ")
    assert "Nguyễn Văn Chủ" in pdf_text(data)
    # The QR code, drawn at issuance, leads to the verification page for this number.
    from pyhanko.pdf_utils.reader import PdfFileReader

    from nominations.publishing.decision_pdf import verification_url

    fields = {
        f.get_object()["/T"]: f.get_object()
        for f in PdfFileReader(io.BytesIO(data)).root["/AcroForm"]["/Fields"]
    }
    qr = fields[signing.FIELD_QR]
    assert qr["/V"] == verification_url("1/QĐ-UBND")
    assert qr["/AP"]["/N"].get_object().data.count(b" re") > 200
    assert fields[signing.FIELD_NUMBER]["/V"] == "Số: 1/QĐ-UBND"
    outside_validator_agrees(data, tmp_path, "Nguyễn Văn Chủ")


@pytest.mark.django_db
def test_token_pin_from_environment_and_wrong_pin(world, token, monkeypatch):
    monkeypatch.setenv("TDKT_TEST_PIN", "000000")
    use_token(world.leader, pin_env="TDKT_TEST_PIN")
    draft, _ = draft_for(world)
    leader = token_client(world.leader)
    refused = leader.post(f"/api/decisions/{draft.pk}/sign/")
    assert refused.status_code == 409 and "mã PIN" in refused.json()["detail"]
    monkeypatch.setenv("TDKT_TEST_PIN", PIN)
    signed = leader.post(f"/api/decisions/{draft.pk}/sign/")
    assert signed.status_code == 200, signed.content
    assert signed.json()["number"] == "1/QĐ-UBND"  # no issuance by the office: issued at once


@pytest.mark.django_db
def test_a_token_with_another_persons_certificate_is_refused(world, token):
    use_token(world.leader, key_label="nguoikhac")
    draft, nominations = draft_for(world)
    response = token_client(world.leader).post(
        f"/api/decisions/{draft.pk}/sign/", {"pin": PIN}, format="json"
    )
    assert response.status_code == 409
    assert "Trần Thị Khác" in response.json()["detail"] and "người khác" in response.json()["detail"]
    draft.refresh_from_db()
    assert draft.status == "draft" and draft.number == "" and not draft.pdf
    assert Nomination.objects.get(pk=nominations[0].pk).status == "awaiting_signature"
    assert not DecisionCounter.objects.filter(last__gt=0).exists()


@pytest.mark.django_db
def test_a_leader_without_a_signing_method_cannot_sign(world):
    SigningMethod.objects.filter(user=world.leader).delete()
    draft, nominations = draft_for(world)
    response = token_client(world.leader).post(f"/api/decisions/{draft.pk}/sign/")
    assert response.status_code == 409
    assert "chưa được cấu hình phương thức ký số" in response.json()["detail"]
    draft.refresh_from_db()
    assert (
        draft.status == "draft"
        and Nomination.objects.get(pk=nominations[0].pk).status == "awaiting_signature"
    )


class RemoteSigningDouble(BaseHTTPRequestHandler):
    """A loopback stand-in for a province's remote-signing service (the adapter's protocol)."""

    key = cert = ca = None
    calls: list = []

    def _answer(self, body: dict, status: int = 200):
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self):  # noqa: N802
        if self.headers.get("Authorization") != "Bearer s3cret":
            return self._answer({"error": "unauthorised"}, 401)
        pem = self.cert.public_bytes(serialization.Encoding.PEM).decode()
        chain = [self.ca.public_bytes(serialization.Encoding.PEM).decode()]
        self._answer({"certificate": pem, "chain": chain})

    def do_POST(self):  # noqa: N802
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        digest = base64.b64decode(body["hash"])
        self.calls.append(body)
        signature = self.key.sign(digest, padding.PKCS1v15(), utils.Prehashed(hashes.SHA256()))
        self._answer({"signature": base64.b64encode(signature).decode()})

    def log_message(self, *args):
        pass


@pytest.fixture
def remote_service(world, monkeypatch):
    ca_key, ca_cert = demo_ca.demo_ca()
    key, cert = demo_ca.issue_certificate(
        ca_key, ca_cert, common_name="Nguyễn Văn Chủ", organisation="Ủy ban nhân dân tỉnh", title="Chủ tịch"
    )
    RemoteSigningDouble.key, RemoteSigningDouble.cert, RemoteSigningDouble.ca = key, cert, ca_cert
    RemoteSigningDouble.calls = []
    server = HTTPServer(("127.0.0.1", 0), RemoteSigningDouble)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    monkeypatch.setenv("TDKT_REMOTE_SECRET", "s3cret")
    SigningMethod.objects.update_or_create(
        user=world.leader,
        defaults={
            "kind": SigningMethod.Kind.REMOTE,
            "service_url": f"http://127.0.0.1:{server.server_port}/api",
            "credential_id": "chutich-2026",
            "secret_env": "TDKT_REMOTE_SECRET",
        },
    )
    yield RemoteSigningDouble
    server.shutdown()


@pytest.mark.django_db
def test_remote_signing_service_through_the_adapter(world, remote_service, tmp_path):
    draft, nominations = draft_for(world)
    leader = token_client(world.leader)
    response = leader.post(f"/api/decisions/{draft.pk}/sign/")
    assert response.status_code == 200, response.content
    assert response.json()["status"] == "signed" and response.json()["number"] == "1/QĐ-UBND"
    # The server sent only a digest (32 bytes), never the document.
    assert len(remote_service.calls) == 1 and len(base64.b64decode(remote_service.calls[0]["hash"])) == 32
    assert remote_service.calls[0]["credential"] == "chutich-2026"
    assert Nomination.objects.get(pk=nominations[0].pk).status == "awarded"
    data = pdf_of(leader, draft.pk)
    two_intact_signatures(data, "Nguyễn Văn Chủ")
    outside_validator_agrees(data, tmp_path, "Nguyễn Văn Chủ")


@pytest.mark.django_db
def test_a_remote_service_with_another_persons_certificate_is_refused(world, remote_service):
    ca_key, ca_cert = demo_ca.demo_ca()
    _key, remote_service.cert = demo_ca.issue_certificate(ca_key, ca_cert, common_name="Trần Thị Khác")
    draft, _ = draft_for(world)
    response = token_client(world.leader).post(f"/api/decisions/{draft.pk}/sign/")
    assert response.status_code == 409 and "Trần Thị Khác" in response.json()["detail"]
    assert remote_service.calls == []  # refused before anything was sent to be signed


@pytest.mark.django_db
@pytest.mark.parametrize("problem", ["revoked", "expired"])
def test_a_revoked_or_expired_certificate_cannot_sign(world, remote_service, problem):
    """Validity at signing time, and revocation from the cached CRL (validation happens before the
    service is asked to sign)."""
    ca_key, ca_cert = demo_ca.demo_ca()
    _key, cert = demo_ca.issue_certificate(
        ca_key, ca_cert, common_name="Nguyễn Văn Chủ", valid_days=-2 if problem == "expired" else 365
    )
    remote_service.cert = cert
    if problem == "revoked":
        demo_ca.demo_revoke(cert)
    draft, _ = draft_for(world)
    response = token_client(world.leader).post(f"/api/decisions/{draft.pk}/sign/")
    assert response.status_code == 409, response.content
    assert "hết hiệu lực hoặc đã bị thu hồi" in response.json()["detail"]
    assert remote_service.calls == []
    assert Decision.objects.get(pk=draft.pk).status == "draft"


@pytest.mark.django_db
def test_recall_before_issuance(world, clerk_office, office_issuance):
    draft, nominations = draft_for(world)
    leader, office = token_client(world.leader), token_client(clerk_office)
    assert leader.post(f"/api/decisions/{draft.pk}/sign/").json()["status"] == "leader_signed"
    other = UserFactory(username="phochutich", full_name="Tạ Hữu Lộc", roles=[Role.LEADER])
    assert token_client(other).post(f"/api/decisions/{draft.pk}/recall/").status_code == 403
    recalled = leader.post(f"/api/decisions/{draft.pk}/recall/", {"reason": "Sửa trích yếu"}, format="json")
    assert recalled.status_code == 200 and recalled.json()["status"] == "draft"
    assert office.post(f"/api/decisions/{draft.pk}/issue/").status_code == 409
    # Signed again and issued: the number is still the first (none was taken by the recalled signature).
    assert leader.post(f"/api/decisions/{draft.pk}/sign/").status_code == 200
    assert office.post(f"/api/decisions/{draft.pk}/issue/").json()["number"] == "1/QĐ-UBND"
    assert leader.post(f"/api/decisions/{draft.pk}/recall/").status_code == 409  # issued: no recall
    assert Nomination.objects.get(pk=nominations[0].pk).status == "awarded"


@pytest.mark.django_db
def test_office_scope_and_roles(world, clerk_office, office_issuance):
    draft, _ = draft_for(world)
    token_client(world.leader).post(f"/api/decisions/{draft.pk}/sign/")
    unit_office = UserFactory(username="vanthu_sogd", unit=world.so_gd, roles=[Role.CLERK_OFFICE])
    world.so_gd.office_issuance = True
    world.so_gd.save()
    assert token_client(unit_office).post(f"/api/decisions/{draft.pk}/issue/").status_code == 404
    assert token_client(world.appraiser).post(f"/api/decisions/{draft.pk}/issue/").status_code == 403
    assert token_client(clerk_office).get("/api/decisions/").json()["results"][0]["status"] == "leader_signed"


@pytest.mark.django_db
def test_proposal_issued_by_the_office_forwards_its_nominations(
    paths,  # noqa: F811 (the fixture imported above)
    clerk_office,
    office_issuance,
    tmp_path,
):
    pks = up_to_the_vote(paths, ["Phạm Thị Lên", "Hoàng Văn Tới"])
    leader, office = token_client(paths.leader), token_client(clerk_office)
    proposal = leader.post("/api/proposals/", {"nominations": pks}, format="json").json()
    signed = leader.post(f"/api/proposals/{proposal['id']}/sign/")
    assert signed.status_code == 200 and signed.json()["status"] == "leader_signed"
    assert {leader.get(f"/api/nominations/{pk}/").json()["status"] for pk in pks} == {"awaiting_proposal"}
    assert (
        office.post(f"/api/decisions/{proposal['id']}/issue/").status_code == 404
    )  # a letter, not a decision
    issued = office.post(f"/api/proposals/{proposal['id']}/issue/")
    assert issued.status_code == 200 and issued.json()["number"] == "1/TTr-UBND"
    assert {leader.get(f"/api/nominations/{pk}/").json()["status"] for pk in pks} == {"forwarded"}
    data = pdf_of(office, proposal["id"], "proposals")
    two_intact_signatures(data, paths.leader.get_full_name())
    outside_validator_agrees(data, tmp_path, paths.leader.get_full_name())


@pytest.mark.django_db
def test_public_page_tells_each_signature_and_an_untrusted_chain(
    world, clerk_office, office_issuance, settings, tmp_path, client
):
    draft, _ = draft_for(world)
    token_client(world.leader).post(f"/api/decisions/{draft.pk}/sign/")
    token_client(clerk_office).post(f"/api/decisions/{draft.pk}/issue/")
    decision = Decision.objects.get(pk=draft.pk)
    data = decision.pdf.read()

    page = client.post(
        reverse("public:verify"), {"number": decision.number, "file": SimpleUploadedFile("qd.pdf", data)}
    ).content.decode()
    assert "Chữ ký số của người ký" in page and "Chữ ký số của cơ quan, tổ chức" in page
    assert "Nguyễn Văn Chủ" in page and "Nguyên vẹn" in page and "Tin cậy (chuỗi chứng thư" in page
    assert "không thuộc danh sách tin cậy" not in page
    assert f"?number={decision.number.split('/')[0]}" in page  # the QR code's target is shown

    # Opened from the QR code (number alone): the stored file's signatures, each told.
    cache.clear()
    visit = client.get(reverse("public:verify"), {"number": decision.number}).content.decode()
    assert visit.count("chứng thư tin cậy") == 2 and "Chữ ký số của cơ quan, tổ chức: <strong>" in visit

    # Another trust list (the province's real roots): the same file is intact but its chain untrusted.
    other_roots = tmp_path / "roots"
    other_roots.mkdir()
    ca_key, other_ca = demo_ca.demo_ca(tmp_path / "other-ca")
    (other_roots / "goc-chinh-phu.pem").write_bytes(other_ca.public_bytes(serialization.Encoding.PEM))
    settings.SIGNING_TRUST_DIR = str(other_roots)
    cache.clear()
    page = client.post(
        reverse("public:verify"), {"number": decision.number, "file": SimpleUploadedFile("qd.pdf", data)}
    ).content.decode()
    assert "Nguyên vẹn" in page
    assert "Không tin cậy: chứng thư không thuộc danh sách tin cậy" in page
    assert "chứng thư số không thuộc danh sách tin cậy" in page

    cache.clear()
    page = client.post(
        reverse("public:verify"),
        {"number": decision.number, "file": SimpleUploadedFile("qd.pdf", flipped(data))},
    ).content.decode()
    assert "Không hợp lệ" in page and "Đã bị thay đổi sau khi ký" in page


@pytest.mark.django_db
def test_an_issued_decision_still_verifies_after_the_certificates_expire(
    world, clerk_office, office_issuance
):
    """B-LT: six years on, the leader's certificate (five years) has expired; judged at its
    time-stamp with the embedded chain and CRL, each signature is still intact and trusted."""
    import datetime

    draft, _ = draft_for(world)
    token_client(world.leader).post(f"/api/decisions/{draft.pk}/sign/")
    token_client(clerk_office).post(f"/api/decisions/{draft.pk}/issue/")
    data = Decision.objects.get(pk=draft.pk).pdf.read()
    later = datetime.datetime.now(datetime.UTC) + datetime.timedelta(days=6 * 365)
    result = signing.verify_signatures(data, at=later)
    assert result.valid and all(s.intact and s.trusted for s in result.signatures), result.signatures
    # Without the time-stamp's moment the expired certificate would not be trusted: the check bites.
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import validate_pdf_signature

    reader = PdfFileReader(io.BytesIO(data))
    plain = validate_pdf_signature(reader.embedded_signatures[0], signing._dss_context(reader, moment=later))
    assert plain.intact and not plain.trusted


@pytest.mark.django_db
def test_office_queue_screen_and_issue_button(world, clerk_office, office_issuance, client):
    draft, _ = draft_for(world)
    token_client(world.leader).post(f"/api/decisions/{draft.pk}/sign/")
    client.force_login(clerk_office)
    detail = client.get(reverse("nominations:decision_detail", args=[draft.pk])).content.decode()
    assert 'id="issue-button"' in detail and "Đã ký, chờ văn thư phát hành" in detail
    assert "Chữ ký số của người ký: <strong>Nguyễn Văn Chủ</strong>" in detail
    queue = client.get(reverse("nominations:issuance_queue")).content.decode()
    assert f'id="issue-{draft.pk}"' in queue and "Nguyễn Văn Chủ" in queue and "Phát hành" in queue
    # Issue 26: the number and date to be taken are shown, and must be confirmed.
    today = timezone.localdate().strftime("%d/%m/%Y")
    assert f"với số 1/QĐ-UBND, ngày {today}" in detail
    unconfirmed = client.post(reverse("nominations:decision_issue", args=[draft.pk]), follow=True)
    assert "Hãy đánh dấu ô xác nhận" in unconfirmed.content.decode()
    assert Decision.objects.get(pk=draft.pk).status == "leader_signed"
    response = client.post(
        reverse("nominations:decision_issue", args=[draft.pk]), {"confirmed": "on"}, follow=True
    )
    assert "Đã cấp số và phát hành văn bản số 1/QĐ-UBND" in response.content.decode()
    assert f'id="issue-{draft.pk}"' not in client.get(reverse("nominations:issuance_queue")).content.decode()
    detail = client.get(reverse("nominations:decision_detail", args=[draft.pk])).content.decode()
    assert detail.count("chứng thư tin cậy") == 2 and "Chữ ký số của cơ quan, tổ chức" in detail


@pytest.mark.django_db
def test_openapi_schema_has_the_issuance_operations(world):
    schema = token_client(world.leader).get("/api/schema/", HTTP_ACCEPT="application/json")
    text = schema.content.decode()
    for path in ("/api/decisions/{id}/sign/", "/api/decisions/{id}/issue/", "/api/proposals/{id}/issue/"):
        assert path in text
