"""Public pages: published awards without personal data, decision verification, throttling."""

import hashlib
from urllib.parse import quote, quote_plus

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from rest_framework.test import APIClient

from nominations.models import BaseSalary
from tests.pdf import pdf_text
from tests.workflows.test_sign_decision import at_signature

pytestmark = pytest.mark.django_db


@pytest.fixture
def signed(world, settings, demo_signing_dir):
    settings.DECISION_SIGNING_DEMO_DIR = demo_signing_dir
    cache.clear()
    BaseSalary.objects.create(amount=2_340_000, effective_from="2024-07-01")
    from nominations.services import decision_create_draft
    from workflows.actions import sign_decision

    n = at_signature(world, nominee_name="Nguyễn Thị Hồng Nhung", nominee_citizen_id="034182001234")
    return sign_decision(
        user=world.leader, decision_id=decision_create_draft(actor=world.leader, nomination_ids=[n.pk]).pk
    )


def test_published_awards_are_searchable_without_accents_and_never_show_the_cccd(client, signed):
    page = client.get(reverse("public:awards"), {"q": "nguyen thi hong nhung"}).content.decode()
    assert "Nguyễn Thị Hồng Nhung" in page and signed.number in page
    assert "034182001234" not in page
    assert "Nguyễn Thị Hồng Nhung" not in client.get(reverse("public:awards"), {"q": "tran"}).content.decode()


def test_the_public_list_names_the_issuer_and_links_the_decision_to_its_verification(client, signed):
    """A reader sees who decided and can check the decision from its line."""
    page = client.get(reverse("public:awards"), {"q": "nguyen thi hong nhung"}).content.decode()
    issuer = signed.issuer_text or signed.issuer_name
    assert issuer and f">{issuer}<" in page
    link = f'href="{reverse("public:verify")}?number={quote(signed.number)}"'
    assert link in page
    verify = client.get(reverse("public:verify"), {"number": signed.number}).content.decode()
    assert signed.number in verify and "Nguyễn Văn Chủ" in verify
    api = APIClient().get("/api/public/awards/", {"search": "nguyen thi hong nhung"}).json()["results"][0]
    assert api["issuer"] == issuer
    assert api["verification_url"].endswith(f"{reverse('public:verify')}?number={quote_plus(signed.number)}")


def test_verification_by_file_and_by_hash(client, signed):
    data = signed.pdf.read()
    ok = client.post(
        reverse("public:verify"), {"number": signed.number, "file": SimpleUploadedFile("qd.pdf", data)}
    )
    assert "Hợp lệ" in ok.content.decode() and "Nguyễn Văn Chủ" in ok.content.decode()
    tampered = bytearray(data)
    tampered[500] ^= 1
    bad = client.post(
        reverse("public:verify"),
        {"number": signed.number, "file": SimpleUploadedFile("qd.pdf", bytes(tampered))},
    )
    assert "Không hợp lệ" in bad.content.decode()
    by_hash = client.post(
        reverse("public:verify"), {"number": signed.number, "sha256": hashlib.sha256(data).hexdigest()}
    )
    assert "Hợp lệ" in by_hash.content.decode()
    wrong = client.post(reverse("public:verify"), {"number": "999/QĐ-UBND", "sha256": signed.sha256})
    assert "Không hợp lệ" in wrong.content.decode()


def test_public_forms_are_throttled(client, signed):
    statuses = [
        client.post(reverse("public:verify"), {"number": "1/QĐ-UBND", "sha256": "0" * 64}).status_code
        for _ in range(35)
    ]
    assert statuses[0] == 200 and statuses[-1] == 429


def test_decision_pages_for_the_leader(client, world, signed):
    client.force_login(world.leader)
    page = client.get(reverse("nominations:decision_detail", args=[signed.pk])).content.decode()
    assert signed.number in page and signed.sha256 in page
    response = client.get(reverse("nominations:decision_pdf", args=[signed.pk]))
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    line = signed.lines.get()
    cert = client.get(reverse("nominations:certificate_pdf", args=[signed.pk, line.pk]))
    assert cert.status_code == 200 and cert.content.startswith(b"%PDF")
    # The certificate names the awardee's position and the movement the merit was earned in.
    from nominations.models import Movement, Nomination

    movement = Movement.objects.create(name="Cả nước thi đua xây dựng xã hội học tập", start_year=2023)
    Nomination.objects.filter(pk=line.nomination_id).update(
        movement=movement, nominee_position="Giáo viên Trường THPT Chuyên"
    )
    cert = client.get(reverse("nominations:certificate_pdf", args=[signed.pk, line.pk]))
    text = pdf_text(cert.content)
    assert "Giáo viên Trường THPT Chuyên" in text
    assert "phong trào thi đua “Cả nước thi đua xây dựng xã hội học tập”" in text
    # Issue 26: the unit whose people the decision names reads it and prints their certificates;
    # another unit does not learn it exists.
    client.force_login(world.clerk)
    assert client.get(reverse("nominations:decision_detail", args=[signed.pk])).status_code == 200
    assert client.get(reverse("nominations:certificate_pdf", args=[signed.pk, line.pk])).status_code == 200
    client.force_login(world.clerk2)
    assert client.get(reverse("nominations:decision_detail", args=[signed.pk])).status_code == 404
    assert client.get(reverse("nominations:certificate_pdf", args=[signed.pk, line.pk])).status_code == 404


def test_verification_by_number_alone_says_who_signed_it_and_when(client, signed):
    """A citizen holding only the number learns the decision exists, who signed it and when, and is
    asked for the file to compare; the number may be typed in any case, with spaces."""
    for typed in (signed.number, " " + signed.number.lower().replace("/", " / ") + " "):
        page = client.post(reverse("public:verify"), {"number": typed}).content.decode()
        assert "Có 1 văn bản đã ký mang số này" in page, typed
        assert "Nguyễn Văn Chủ" in page and signed.decision_date.strftime("%d/%m/%Y") in page
        assert "chọn tệp PDF hoặc nhập mã SHA-256" in page and "Không hợp lệ" not in page
    unknown = client.post(reverse("public:verify"), {"number": "999/QĐ-UBND"}).content.decode()
    assert "Không hợp lệ" in unknown and "Không có quyết định đã ký mang số này." in unknown
    api = APIClient().get("/api/public/decisions/verify", {"number": signed.number.lower()}).json()
    assert api["status"] == "exists" and api["matches"][0]["signer"] == "Nguyễn Văn Chủ"
    assert api["matches"][0]["number"] == signed.number
    by_hash = (
        APIClient()
        .get("/api/public/decisions/verify", {"number": signed.number, "sha256": signed.sha256.upper()})
        .json()
    )
    assert by_hash["status"] == "valid" and by_hash["valid"] is True


def test_the_signed_pdf_carries_the_address_its_qr_code_opens(client, signed, settings):
    """The signed decision prints the verification address (also drawn as a QR code); opening it
    answers at once for that number."""
    from urllib.parse import urlsplit

    from nominations.publishing.decision_pdf import verification_url

    url = verification_url(signed.number)
    assert url.startswith(settings.SITE_URL)
    assert "Tra cứu, xác thực văn bản này tại:" in pdf_text(signed.pdf.read())
    parts = urlsplit(url)
    page = client.get(f"{parts.path}?{parts.query}").content.decode()
    assert "Có 1 văn bản đã ký mang số này" in page and "Nguyễn Văn Chủ" in page
    assert f'value="{signed.number}"' in page  # the form is prefilled to go on with the file
