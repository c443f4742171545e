"""The demo seed is for demos only: production settings are refused before anything is written."""

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from nominations.models import User


def test_seed_refuses_production_settings(db, settings):
    settings.SETTINGS_MODULE = "config.settings.production"
    with pytest.raises(CommandError) as err:
        call_command("seed_demo")
    assert "production" in str(err.value)
    assert not User.objects.filter(username="chutich").exists()
