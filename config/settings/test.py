"""Test run: fast hashing, in-memory mail, django-q2 synchronous."""

from .base import *  # noqa: F401,F403
from .base import Q_CLUSTER

DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
Q_CLUSTER = {**Q_CLUSTER, "sync": True}
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# 4xx responses are what many tests expect; keep the log for real errors.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
    "loggers": {"django.request": {"level": "ERROR"}},
}

# Test runs make their own throwaway signing CA, outside the work tree.
import tempfile  # noqa: E402
from pathlib import Path  # noqa: E402

DECISION_SIGNING_DEMO_DIR = str(Path(tempfile.gettempdir()) / "tdkt-test-signing")

# Tests post the public form at once; the minimum time is tested on its own.
PUBLIC_FORM_MIN_SECONDS = 0

# The demo's year is a few hundred dossiers; the suite seeds a smaller one (the same stories).
DEMO_YEAR_NOMINATIONS = 40
# The SLA table and calendar adjustments are read fresh on every use in tests (no process cache).
REFERENCE_CACHE_SECONDS = 0
