"""Each dossier shows where it is on its path: the steps, the current one, who holds it, by when."""

import re

import pytest

from nominations.models import Nomination
from tests.web.test_end_to_end import do, login, page

S = Nomination.Status
pytestmark = pytest.mark.django_db


def steps(html) -> list[tuple[str, str]]:
    block = html[html.index('id="steps"') : html.index("</ol>", html.index('id="steps"'))]
    return re.findall(r'class="step (\w+)[^"]*"[^>]*data-step="(\w+)"', block)


def test_the_step_indicator_moves_with_the_dossier(client, world, draft):
    login(client, world.clerk)
    html = page(client, draft)
    assert steps(html) == [
        ("current", "submit"),
        ("todo", "cluster_review"),
        ("todo", "appraisal"),
        ("todo", "council_vote"),
        ("todo", "signature"),
        ("todo", "awarded"),
    ]
    for label in ("Đơn vị nộp", "Cụm/Khối xét duyệt", "Thẩm định", "Hội đồng biểu quyết", "Ký quyết định"):
        assert label in html
    do(client, draft, "submit")
    html = page(client, draft)
    assert steps(html)[:3] == [("done", "submit"), ("current", "cluster_review"), ("todo", "appraisal")]
    current = html[html.index('data-step="cluster_review"') : html.index('data-step="appraisal"')]
    assert "Trưởng Cụm/Khối thi đua" in current  # nobody has taken it: the role holds it
    assert re.search(r"Hạn: <strong>\d\d/\d\d/\d{4}</strong>", current)
    assert re.search(r"còn [1-5] ngày làm việc", current)  # the cluster has 5 working days
    # The BPMN diagram stays, behind a details element.
    assert '<details id="process-chart">' in html

    login(client, world.reviewer)
    do(client, draft, "return_for_changes", comment="Bổ sung biên bản")
    html = page(client, draft)
    assert steps(html)[0] == ("current", "submit")
    assert "Đơn vị bổ sung hồ sơ" in html and "Trả lại từ bước" in html


def test_a_rejected_dossier_shows_where_it_stopped(client, world, draft):
    login(client, world.clerk)
    do(client, draft, "submit")
    login(client, world.reviewer)
    do(client, draft, "reject", comment="Không đạt", confirmed="on")
    assert steps(page(client, draft))[:3] == [
        ("done", "submit"),
        ("stopped", "cluster_review"),
        ("todo", "appraisal"),
    ]
