"""Forms mark what is required and prefill the year; the upload area guides the clerk through the documents."""

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.conftest import docx_file, pdf_file
from tests.factories import NominationFactory
from tests.web.test_end_to_end import login

pytestmark = pytest.mark.django_db


def test_the_new_dossier_form_marks_required_fields_and_prefills_the_year(client, world):
    login(client, world.clerk)
    html = client.get(reverse("nominations:create")).content.decode()
    assert '<label for="id_nominee_name" class="required">' in html
    assert f'name="year" value="{timezone.localdate().year}"' in html
    assert "Thông tin bắt buộc" in html


def test_the_upload_area_ticks_what_is_there_and_takes_several_files_at_once(client, world):
    n = NominationFactory(unit=world.so_gd, award_type=world.cstd, created_by=world.clerk)
    login(client, world.clerk)
    html = client.get(n.get_absolute_url()).content.decode()
    checklist = html[html.index('id="doc-checklist"') : html.index("</ul>", html.index('id="doc-checklist"'))]
    assert checklist.count('class="missing"') == 4
    assert "tối đa 20,0\xa0MB mỗi tệp" in html
    assert 'accept=".pdf,.docx,.xlsx,.jpg,.jpeg,.png"' in html
    # The next missing kind is preselected.
    assert '<option value="to_trinh" selected>' in html

    response = client.post(
        reverse("nominations:document_upload", args=[n.pk]),
        {"file-to_trinh": pdf_file("to-trinh.pdf"), "file-bao_cao_thanh_tich": docx_file()},
    )
    assert response.status_code == 302
    html = client.get(n.get_absolute_url()).content.decode()
    checklist = html[html.index('id="doc-checklist"') : html.index("</ul>", html.index('id="doc-checklist"'))]
    assert checklist.count('class="has"') == 2 and checklist.count('class="missing"') == 2
    assert '<option value="bien_ban" selected>' in html
    # A PDF shows inside the page; the download stays an attachment.
    doc = n.documents.get(kind="to_trinh")
    url = reverse("nominations:document_download", args=[n.pk, doc.pk])
    assert f'src="{url}?xem=1"' in html
    inline = client.get(url + "?xem=1")
    assert inline["Content-Disposition"].startswith("inline")
    assert "frame-ancestors 'self'" in inline["Content-Security-Policy"]
    assert client.get(url)["Content-Disposition"].startswith("attachment")
