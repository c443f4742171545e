"""Vietnamese by default (viewflow's strings included), English on request."""

import pytest
from django.urls import reverse
from django.utils import translation
from viewflow.workflow.models import Task
from viewflow.workflow.status import STATUS

from tests.factories import UserFactory


def test_viewflow_strings_are_vietnamese_in_the_default_language():
    with translation.override("vi"):
        assert str(STATUS.NEW.label) == "Chờ nhận"
        assert str(STATUS.DONE.label) == "Hoàn thành"
        assert str(Task._meta.verbose_name_plural) == "Nhiệm vụ"


@pytest.mark.django_db
def test_the_ui_switches_to_english_and_back(client):
    client.force_login(UserFactory(username="u1", roles=["cluster_reviewer"]))
    assert "Việc của tôi" in client.get(reverse("home")).content.decode()
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    page = client.get(reverse("home")).content.decode()
    assert "My work" in page and "Log out" in page
    client.post(reverse("set_language"), {"language": "vi", "next": "/"})
    assert "Việc của tôi" in client.get(reverse("home")).content.decode()
