"""Settings shared by every environment.

Everything that differs between machines comes from the environment (or a
``.env`` file beside ``manage.py``), read once here through django-environ.
"""

from pathlib import Path

import environ
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = environ.Env()
env_file = BASE_DIR / ".env"
if env_file.exists():
    environ.Env.read_env(str(env_file))

SECRET_KEY = env("DJANGO_SECRET_KEY", default="insecure-dev-key-change-me")
DEBUG = env.bool("DJANGO_DEBUG", default=False)
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "viewflow",
    "viewflow.workflow",
    "django_q",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "nominations",
    "workflows",
    "web",
    # The demo seed, its certificate authority, the load generator and the benchmark (not in production).
    "demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "web.middleware.SecurityMiddleware",
    "web.middleware.DatabaseUnavailableMiddleware",
    "web.middleware.FriendlyErrorsMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"
ASGI_APPLICATION = "config.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "web.context_processors.roles",
            ],
        },
    },
]

# SQLite file by default (the one-command demo); PostgreSQL when DATABASE_URL says so.
DATABASE_URL = env("DATABASE_URL", default="") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}"
DATABASES = {"default": env.db_url_config(DATABASE_URL)}
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DATABASES["default"]["CONN_MAX_AGE"] = env.int("DATABASE_CONN_MAX_AGE", default=60)
# Off on purpose: viewflow's flow lock must open the transaction itself
# (a lost race inside an outer atomic() ends in "current transaction is aborted").
DATABASES["default"]["ATOMIC_REQUESTS"] = False
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The demo runs the web server and the worker on one SQLite file.
    DATABASES["default"].setdefault("OPTIONS", {})
    DATABASES["default"]["OPTIONS"].update(
        {"timeout": 20, "transaction_mode": "IMMEDIATE", "init_command": "PRAGMA journal_mode=WAL;"}
    )
    DATABASES["default"]["CONN_MAX_AGE"] = 0

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "nominations.User"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", _("Tiếng Việt")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
FORMAT_MODULE_PATH = ["config.formats"]

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = env("DJANGO_STATIC_ROOT", default=str(BASE_DIR / "staticfiles"))
MEDIA_URL = "media/"
MEDIA_ROOT = env("DJANGO_MEDIA_ROOT", default=str(BASE_DIR / "media"))

EMAIL_BACKEND = env("DJANGO_EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend")
EMAIL_FILE_PATH = env("DJANGO_EMAIL_FILE_PATH", default=str(BASE_DIR / "var" / "mail"))
DEFAULT_FROM_EMAIL = env("DJANGO_DEFAULT_FROM_EMAIL", default="tdkt@localhost")
# Absolute links in e-mails.
SITE_URL = env("SITE_URL", default="http://127.0.0.1:8000")
# Citizens' applications: the catalog code of the medal they ask for, the cap on one application's
# files, and the SMS gateway (a dotted path to ``send(phone, text)``; empty: e-mail only).
CITIZEN_APPLICATION_AWARD_CODE = env("CITIZEN_APPLICATION_AWARD_CODE", default="HC_TNXP")
APPLICATION_MAX_TOTAL_BYTES = env.int("APPLICATION_MAX_TOTAL_BYTES", default=30 * 1024 * 1024)
APPLICANT_SMS_GATEWAY = env("APPLICANT_SMS_GATEWAY", default="")
# Vietnamese 403/404/500 pages even with DEBUG on (see web.middleware.FriendlyErrorsMiddleware).
FRIENDLY_ERRORS = env.bool("DJANGO_FRIENDLY_ERRORS", default=True)

# Background work: django-q2 with the database as broker (it has delivery
# receipts; Redis does not). Delivery is at-least-once, so timeout < retry and
# every task is idempotent.
Q_CLUSTER = {
    "name": "tdkt",
    "orm": "default",
    "workers": env.int("Q_WORKERS", default=2),
    "timeout": env.int("Q_TIMEOUT", default=50),
    "retry": env.int("Q_RETRY", default=60),
    "max_attempts": 5,
    "catch_up": False,
    "label": "Tác vụ nền",
}
# One cache for every worker and host: login lockouts and public throttles count across them.
# CACHE_URL=redis://127.0.0.1:6379/1 in production; the demo's per-process memory otherwise.
CACHES = {"default": env.cache_url("CACHE_URL", default="locmemcache://tdkt")}

# The audit chain's HMAC key and its external anchors. Production sets AUDIT_KEY (kept out of
# the database and its backups); elsewhere it is derived from the secret key.
AUDIT_KEY = env("AUDIT_KEY", default="") or ("audit:" + SECRET_KEY)
AUDIT_ANCHOR_FILE = env("AUDIT_ANCHOR_FILE", default=str(BASE_DIR / "var" / "audit-anchors.jsonl"))
# A chain begun before keyed hashing: the id of its last plain-hash row (verify_audit accepts plain
# rows up to it and none after, so a chain rebuilt without the key is found without any anchor).
AUDIT_PLAIN_ROWS_UNTIL = env.int("AUDIT_PLAIN_ROWS_UNTIL", default=0)

# A public comment sent faster than this after the form was shown is refused (robots).
PUBLIC_FORM_MIN_SECONDS = env.int("PUBLIC_FORM_MIN_SECONDS", default=3)

# Behind a reverse proxy, how many hops' X-Forwarded-For to trust (0: the socket's address only).
NUM_PROXIES = env.int("NUM_PROXIES", default=0)

# Login lockout, for every way in (login page, admin, API token; web/lockout.py): wrong passwords
# per (account, address) lock that pair, per account (from every address) lock the account, per
# address (over every account) slow the address down to one attempt per ip_delay_seconds.
LOGIN_LOCKOUT = {
    "pair_failures": env.int("LOGIN_LOCKOUT_PAIR_FAILURES", default=5),
    "user_failures": env.int("LOGIN_LOCKOUT_USER_FAILURES", default=20),
    "ip_failures": env.int("LOGIN_LOCKOUT_IP_FAILURES", default=20),
    "ip_delay_seconds": env.int("LOGIN_LOCKOUT_IP_DELAY", default=3),
    "window_seconds": env.int("LOGIN_LOCKOUT_WINDOW", default=900),
}
AUTHENTICATION_BACKENDS = ["web.lockout.LockoutBackend"]

if env("REDIS_URL", default=""):
    Q_CLUSTER.pop("orm")
    Q_CLUSTER["redis"] = env("REDIS_URL")

# Upload limit for dossier documents (bytes).
DOCUMENT_MAX_BYTES = env.int("DOCUMENT_MAX_BYTES", default=20 * 1024 * 1024)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("DJANGO_LOG_LEVEL", default="INFO")},
    "loggers": {
        # fontTools logs every glyph subset of the signature boxes at INFO.
        "fontTools": {"level": "WARNING"},
        # Offline by design (cached CRLs, a configured trust list): pyHanko says so at every signature.
        "pyhanko.sign.signers.pdf_signer": {"level": "ERROR"},
    },
}

# REST API (web/api): session or token auth, JSON errors with a
# Vietnamese "detail", throttled login and public endpoints.
REST_FRAMEWORK = {
    # Token first: an anonymous call then gets 401 with WWW-Authenticate, not 403.
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "web.api.auth.ExpiringTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PARSER_CLASSES": [
        "web.api.parsers.SafeJSONParser",
        "rest_framework.parsers.FormParser",
        "rest_framework.parsers.MultiPartParser",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_PAGINATION_CLASS": "web.pagination.CappedPageNumberPagination",
    "PAGE_SIZE": 25,
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "web.api.errors.exception_handler",
    "NUM_PROXIES": env.int("NUM_PROXIES", default=0),
    "DEFAULT_THROTTLE_RATES": {
        "auth": env("API_THROTTLE_AUTH", default="20/min"),
        "public": env("API_THROTTLE_PUBLIC", default="60/min"),
        # Filing a citizen's application: a household files one or two.
        "public_apply": env("API_THROTTLE_PUBLIC_APPLY", default="5/hour"),
    },
}
SPECTACULAR_SETTINGS = {
    "TITLE": "API Thi đua – Khen thưởng",
    "DESCRIPTION": "Hồ sơ đề nghị khen thưởng, nhiệm vụ xét duyệt, quyết định và tra cứu công khai.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    # Two choice sets are called "kind": a document's and a council meeting's.
    "ENUM_NAME_OVERRIDES": {
        "DocumentKindEnum": "nominations.models.catalog.DocumentKind",
        "MeetingKindEnum": "nominations.models.meeting.CouncilMeeting.Kind",
        # A citizen's application (Huy chương TNXP vẻ vang) has statuses of its own.
        "ApplicationStatusEnum": "nominations.vocabulary.ApplicationStatus",
        # A profile is a person's or a collective's (web/api/people.py).
        "ProfileKindEnum": ["person", "collective"],
        # The emulation year (web/api/movements.py): a movement's kind, a review's, a request's.
        "MovementKindEnum": "nominations.models.catalog.Movement.Kind",
        "MilestoneKindEnum": "nominations.models.catalog.MovementMilestone.Kind",
        "RequestKindEnum": "nominations.vocabulary.RequestKind",
    },
    "PREPROCESSING_HOOKS": ["web.api.schema.drop_slash_duplicates"],
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "web.api.schema.document_errors",
    ],
}
# API tokens expire (hours) and die with a password change; DELETE /api/auth/token/ revokes.
API_TOKEN_TTL_HOURS = env.int("API_TOKEN_TTL_HOURS", default=12)

# Inline handlers and Swagger UI's bootstrap need 'unsafe-inline' scripts; nothing loads from elsewhere.
CONTENT_SECURITY_POLICY = env(
    "CONTENT_SECURITY_POLICY",
    default="default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
    "script-src 'self' 'unsafe-inline'; object-src 'none'; base-uri 'self'; form-action 'self'; "
    "frame-ancestors 'none'",
)

# Decisions: PAdES signatures of people (their token or remote-signing service, configured per
# person as SigningMethod rows) and of the issuing organisation (README "Signatures").
# SIGNING_TRUST_DIR: a folder of root certificates (PEM/DER) = the trust list; SIGNING_CRL_DIR:
# cached CRLs used offline. File keys under the demo's own CA only where SIGNING_ALLOW_DEMO_KEYS
# (off in production); without a trust folder the demo CA is then the only root.
SIGNING_TRUST_DIR = env("SIGNING_TRUST_DIR", default="")
SIGNING_CRL_DIR = env("SIGNING_CRL_DIR", default="")
SIGNING_ALLOW_DEMO_KEYS = env.bool("SIGNING_ALLOW_DEMO_KEYS", default=True)
SIGNING_REMOTE_TIMEOUT = env.int("SIGNING_REMOTE_TIMEOUT", default=60)
# The time-stamping authority (RFC 3161) for signature time-stamps; the demo uses its own.
SIGNING_TSA_URL = env("SIGNING_TSA_URL", default="")
# Issuance by the văn thư where no provincial Unit row says (tests without a province).
DECISION_OFFICE_ISSUANCE = env.bool("DECISION_OFFICE_ISSUANCE", default=False)
DECISION_SIGNING_DEMO_DIR = env("DECISION_SIGNING_DEMO_DIR", default=str(BASE_DIR / "var" / "signing"))
DECISION_ISSUER_PLACE = env("DECISION_ISSUER_PLACE", default="Hưng Yên")
DECISION_ISSUER_NAME = env("DECISION_ISSUER_NAME", default="ỦY BAN NHÂN DÂN TỈNH HƯNG YÊN")

# The SLA table and the calendar adjustments, cached per process: an edit made elsewhere is seen
# within this many seconds (at once in the process that made it through the admin).
REFERENCE_CACHE_SECONDS = env.int("REFERENCE_CACHE_SECONDS", default=60)
