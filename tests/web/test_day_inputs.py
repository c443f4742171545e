"""Days are typed dd/mm/yyyy everywhere a person types one; no browser date box remains."""

import re
from datetime import date
from pathlib import Path

import pytest
from django.urls import reverse

from nominations.models import Nomination

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[2]


def _form(world, **extra):
    return {
        "award_type": world.award.pk,
        "route": "annual",
        "year": 2026,
        "nominee_kind": "individual",
        "nominee_name": "Hoàng Thị Ngày",
        "nominee_gender": "female",
        "nominee_birth_year": 1982,
        "nominee_position": "Giáo viên",
        "achievements": "Hoàn thành xuất sắc nhiệm vụ.",
        **extra,
    }


def test_the_birth_date_typed_the_vietnamese_way_is_the_day_typed(client, world):
    client.force_login(world.clerk)
    page = client.get(reverse("nominations:create")).content.decode()
    box = re.search(r"<input[^>]*name=\"nominee_birth_date\"[^>]*>", page).group(0)
    assert 'type="text"' in box and 'placeholder="dd/mm/yyyy"' in box
    response = client.post(reverse("nominations:create"), _form(world, nominee_birth_date="15/03/1982"))
    assert response.status_code == 302
    nomination = Nomination.objects.get(nominee_name="Hoàng Thị Ngày")
    assert nomination.nominee_birth_date == date(1982, 3, 15)
    # Shown back the same way on the edit form.
    edit = client.get(reverse("nominations:edit", args=[nomination.pk])).content.decode()
    assert 'value="15/03/1982"' in edit


@pytest.mark.parametrize("typed", ["31/02/1982", "15/13/1982", "03-15-82x", "1982/03/15"])
def test_a_day_that_does_not_exist_is_refused_in_vietnamese_and_nothing_is_saved(client, world, typed):
    client.force_login(world.clerk)
    response = client.post(reverse("nominations:create"), _form(world, nominee_birth_date=typed))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Ngày không hợp lệ; hãy ghi theo dạng ngày/tháng/năm (dd/mm/yyyy), ví dụ 15/03/1982." in html
    assert f'value="{typed}"' in html  # what was typed stays in the box
    assert not Nomination.objects.filter(nominee_name="Hoàng Thị Ngày").exists()


def test_no_native_date_box_remains_where_a_person_types_a_day():
    """Templates, forms and widgets: no ``type="date"`` (it shows the browser's locale)."""
    pattern = re.compile(r"""type\s*[=:]\s*["']?date["'\s>]|input_type\s*=\s*["']date""")
    offenders = []
    for folder in ("templates", "web"):
        for path in (ROOT / folder).rglob("*"):
            if path.suffix in (".html", ".py") and pattern.search(path.read_text(encoding="utf-8")):
                offenders.append(str(path.relative_to(ROOT)))
    assert offenders == []
