"""The agency head's and leaders' dashboard: SVG charts with titles, every number opens the filtered list."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.web.test_queues import at_signature, html, submitted
from web.queues import charts
from workflows.models import TaskDeadline

pytestmark = pytest.mark.django_db


def test_the_dashboard_counts_open_and_overdue_work_and_each_number_opens_that_list(client, world):
    late = submitted(world, nominee_name="Hồ sơ trễ hạn")
    submitted(world, nominee_name="Hồ sơ đúng hạn")
    at_signature(world, nominee_name="Hồ sơ chờ ký")
    TaskDeadline.objects.filter(nomination=late, closed_at__isnull=True).update(
        due_at=timezone.now() - timedelta(days=3)
    )
    page = html(client, world.head, reverse("queues:dashboard"))
    for chart in ("chart-stages", "chart-units", "chart-throughput", "chart-medians"):
        assert f'id="{chart}"' in page, chart
    assert "Chưa có hồ sơ được khen thưởng trong hai năm này." in page  # nothing signed yet
    assert '<title id="chart-stages-title">Hồ sơ đang chờ và quá hạn theo bước</title>' in page
    assert "cdn" not in page.lower()
    # The overdue count of the cluster stage links to the list of exactly those dossiers.
    row = page[page.index('<td data-label="Bước">Cụm/Khối xét duyệt') :]
    overdue = re.search(r'href="([^"]+overdue=1[^"]*)" class="num overdue">(\d+)<', row)
    assert overdue.group(2) == "1"
    listing = html(client, world.head, overdue.group(1).replace("&amp;", "&"))
    assert "Hồ sơ trễ hạn" in listing and "Hồ sơ đúng hạn" not in listing
    assert 'id="result-count">1 hồ sơ<' in listing
    # A leader sees it too; a clerk does not.
    assert 'id="chart-stages"' in html(client, world.leader, reverse("queues:dashboard"))
    client.force_login(world.clerk)
    assert client.get(reverse("queues:dashboard")).status_code == 403


def test_the_chart_helper_escapes_names_and_links_every_bar():
    svg = charts.bar_chart("c", "Tiêu đề <b>", [charts.Bar("Sở <X>", 3, "/ho-so/?unit=1&status=open")])
    assert "<b>" not in svg and "Sở &lt;X&gt;" in svg
    assert '<a href="/ho-so/?unit=1&amp;status=open"><title>Sở &lt;X&gt;: 3</title>' in svg
    line = charts.line_chart(
        "l", "Theo tháng", [charts.Bar("01/2026", 2, "/a"), charts.Bar("02/2026", 5, "/b")]
    )
    assert "<polyline" in line and line.count("<circle") == 2
