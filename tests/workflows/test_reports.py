"""Processing time per stage, from the deadlines the engine keeps, counted by hand."""

from datetime import datetime

import pytest
from rest_framework.test import APIClient

from nominations.models import Comment
from tests.conftest import attach_required
from tests.factories import NominationFactory
from workflows import actions
from workflows.calendar import LOCAL
from workflows.models import TaskDeadline

pytestmark = pytest.mark.django_db
FIRST_HALF = {"from": "2026-01-01", "to": "2026-06-30"}


def at(day, hour=9):
    return datetime(2026, 3, day, hour, tzinfo=LOCAL)


@pytest.fixture
def walked(world):
    """Three dossiers reviewed by the block in March 2026: 2, 10 (late) and 3 working days; one returned."""
    made = []
    for i in range(3):
        n = NominationFactory(
            unit=world.so_gd, award_type=world.award, created_by=world.clerk, nominee_name=f"N{i}"
        )
        attach_required(n, world.clerk)
        actions.perform(user=world.clerk, nomination_id=n.pk, action="submit")
        made.append(n)
    actions.perform(user=world.reviewer, nomination_id=made[0].pk, action="approve_cluster")
    actions.perform(user=world.reviewer, nomination_id=made[1].pk, action="approve_cluster")
    actions.perform(
        user=world.reviewer, nomination_id=made[2].pk, action="return_for_changes", comment="Thiếu"
    )
    review = TaskDeadline.objects.filter(stage="cluster_review")
    # Monday 2/3/2026, due Monday 9/3 at 17:00; closed Wed 4/3, Mon 16/3 (late), Thu 5/3.
    review.update(started_at=at(2), due_at=at(9, 17))
    for n, closed in zip(made, (at(4), at(16), at(5)), strict=True):
        review.filter(nomination=n).update(closed_at=closed)
    TaskDeadline.objects.exclude(stage="cluster_review").update(
        started_at=at(16), due_at=datetime(2099, 1, 1, tzinfo=LOCAL)
    )
    Comment.objects.filter(kind=Comment.Kind.RETURN).update(created_at=at(5))
    return made


def get(user, **params):
    client = APIClient()
    client.force_authenticate(user)
    return client.get("/api/reports/processing-times/", {**FIRST_HALF, **params})


def test_median_p90_and_overdue_share_per_stage(world, walked):
    response = get(world.head)
    assert response.status_code == 200, response.content
    data = response.json()
    stages = {s["stage"]: s for s in data["stages"]}
    review = stages["cluster_review"]
    assert review["label"] == "Cụm/Khối xét duyệt"
    assert (review["count"], review["open"]) == (3, 0)
    assert review["median_days"] == 3  # of 2, 3 and 10 working days
    assert review["p90_days"] == 10
    assert review["overdue"] == 1 and review["overdue_share"] == pytest.approx(1 / 3, abs=1e-3)
    assert review["returns"] == 1
    appraisal = stages["appraisal"]
    assert (appraisal["count"], appraisal["open"], appraisal["median_days"]) == (2, 2, None)
    # Per unit: Sở GD&ĐT's 3 reviews and 2 appraisals and 1 revision, one of them late.
    assert data["units"] == [
        {"unit": world.so_gd.pk, "label": world.so_gd.name, "count": 6, "overdue": 1, "overdue_share": 0.1667}
    ]
    assert data["dossiers"] == 3 and data["returns"] == 1
    assert data["returns_per_dossier"] == pytest.approx(0.333, abs=1e-3)


def test_another_unit_sees_none_of_it_and_a_period_before_is_empty(world, walked):
    assert get(world.clerk_tc).json()["stages"] == []
    assert get(world.clerk).json()["stages"][0]["count"] == 3
    assert get(world.head, **{"from": "2025-01-01", "to": "2025-12-31"}).json()["stages"] == []


def test_the_processing_times_workbook_has_the_api_figures(world, walked):
    import io

    from openpyxl import load_workbook

    response = get(world.head, format="xlsx")
    assert response.status_code == 200
    book = load_workbook(io.BytesIO(response.content))
    rows = list(book.worksheets[0].iter_rows(values_only=True))
    review = next(r for r in rows if r[0] == "Cụm/Khối xét duyệt")
    assert review[1:6] == (3, 0, 3, 10, 1)
    assert rows[-1][0] == "Tổng cộng" and rows[-1][1] == 6
    units = list(book.worksheets[1].iter_rows(values_only=True))
    assert units[4][:3] == (world.so_gd.name, 6, 1)
