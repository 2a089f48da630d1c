"""All SAMOS settings, read from the environment through samos.env.env_setting.

Development, demo (`make run`), tests and production share this one file; they differ
only in environment variables. Production mode refuses to start without its secrets.
"""

from datetime import timedelta
from pathlib import Path

from celery.schedules import crontab
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from samos.env import cache_config, database_config, email_config, env_setting

BASE_DIR = Path(__file__).resolve().parent.parent

# --- mode ---------------------------------------------------------------------------
ENVIRONMENT = env_setting(
    "SAMOS_ENVIRONMENT",
    default="development",
    help="`development` (default) or `production`. Production refuses to start without "
    "SECRET_KEY, ALLOWED_HOSTS and a PostgreSQL DATABASE_URL.",
)
if ENVIRONMENT not in {"development", "production"}:
    raise ImproperlyConfigured("SAMOS_ENVIRONMENT must be 'development' or 'production'.")
PRODUCTION = ENVIRONMENT == "production"

DEMO_MODE = env_setting(
    "SAMOS_DEMO_MODE",
    default=False,
    cast=bool,
    help="Demo mode of `make run`: two-factor authentication is waived for everybody. "
    "Refused in production.",
)
VAR_DIR = Path(
    env_setting(
        "SAMOS_VAR_DIR",
        default=str(BASE_DIR / "var"),
        help="Folder for the embedded default: SQLite database, private files, "
        "Celery folders, mail files.",
    )
)

SECRET_KEY = env_setting(
    "SECRET_KEY", default="", help="Django's secret key. Required in production."
)
DEBUG = env_setting(
    "DEBUG", default=False, cast=bool, help="Django debug pages. Never in production."
)
ALLOWED_HOSTS = env_setting(
    "ALLOWED_HOSTS",
    default=[] if PRODUCTION else ["127.0.0.1", "localhost", "testserver"],
    cast=list,
    help="Comma-separated host names the site answers to. Required in production.",
)
CSRF_TRUSTED_ORIGINS = env_setting(
    "CSRF_TRUSTED_ORIGINS",
    default=[],
    cast=list,
    help="Comma-separated origins (https://samos.example.nl) trusted for POSTs.",
)
DATABASE_URL = env_setting(
    "DATABASE_URL",
    default="",
    help="postgres://user:password@host:5432/name. Empty: SQLite under SAMOS_VAR_DIR "
    "(embedded default only).",
)

if PRODUCTION:
    _missing = [
        name
        for name, value in (
            ("SECRET_KEY", SECRET_KEY),
            ("ALLOWED_HOSTS", ALLOWED_HOSTS),
            ("DATABASE_URL", DATABASE_URL),
        )
        if not value
    ]
    if _missing:
        raise ImproperlyConfigured(
            "Production settings need these environment variables: " + ", ".join(_missing)
        )
    if not DATABASE_URL.startswith(("postgres://", "postgresql://")):
        raise ImproperlyConfigured("Production needs PostgreSQL: DATABASE_URL=postgres://…")
    if DEMO_MODE or DEBUG:
        raise ImproperlyConfigured("SAMOS_DEMO_MODE and DEBUG are refused in production.")
    if len(SECRET_KEY) < 50:
        raise ImproperlyConfigured("SECRET_KEY must be at least 50 characters long.")
elif not SECRET_KEY:
    # Only for development, demo and tests; production refuses to start without one.
    SECRET_KEY = "development-only-key-never-used-in-production-" + "x" * 20  # noqa: S105

# --- applications -------------------------------------------------------------------
INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_otp",
    "django_otp.plugins.otp_static",
    "django_otp.plugins.otp_totp",
    "two_factor",
    "axes",
    "csp",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_filters",
    # cross-cutting parts of SAMOS
    "samos.audit",
    "samos.accounts",
    "samos.core",
    "samos.documents",
    "samos.reminders",
    "samos.retention",
    "samos.privacy",
    # the domain apps, in dependency order: signals ← kernteam ← bob ← communicatie, crisis
    "signals",
    "kernteam",
    "bob",
    "communicatie",
    "crisis",
]

# Nobody reads an authenticator's secret in the admin, superusers included (a beheerder
# resets a lost device; the user enrols a new one).
OTP_ADMIN_HIDE_SENSITIVE_DATA = True

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "samos.core.middleware.DutchFirstLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    # A NUL character in a query or form is refused before any view reads it.
    "samos.core.middleware.RejectNulCharactersMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # The request's user is the actor of every tracked change (samos.audit.tracking).
    "samos.audit.tracking.AuditActorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "samos.accounts.middleware.SessionLifetimeMiddleware",
    # Deny by default: every view needs a login unless marked login_not_required.
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "samos.accounts.middleware.MFARequiredMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "samos.core.middleware.NoStoreMiddleware",
    # Axes turns a lockout into its response; it must come last.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "samos.urls"
WSGI_APPLICATION = "samos.wsgi.application"
ASGI_APPLICATION = "samos.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "samos.core.context_processors.samos",
            ],
        },
    },
]

# --- database -------------------------------------------------------------------------
if DATABASE_URL:
    DATABASES = {"default": database_config(DATABASE_URL)}
    if DATABASES["default"]["ENGINE"].endswith("postgresql"):
        DATABASES["default"]["CONN_MAX_AGE"] = 60
        DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
else:
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": VAR_DIR / "samos.sqlite3",
            # The web process and the worker share the file: wait for locks instead of
            # failing, and take the write lock at the start of each transaction.
            "OPTIONS": {
                "timeout": 20,
                "transaction_mode": "IMMEDIATE",
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            },
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- authentication ---------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "two_factor:login"
LOGIN_REDIRECT_URL = "core:dashboard"
LOGOUT_REDIRECT_URL = "two_factor:login"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

MFA_WAIVED_ROLES = env_setting(
    "SAMOS_MFA_WAIVED_ROLES",
    default=[],
    cast=list,
    help="Comma-separated role codes (e.g. `signaleerder`) whose members need no second "
    "factor. Empty by default: everybody needs one.",
)
MFA_TRUSTED_BACKENDS = env_setting(
    "SAMOS_MFA_TRUSTED_BACKENDS",
    default=[],
    cast=list,
    help="Dotted paths of authentication backends (a municipal SSO) whose logins already "
    "did multi-factor authentication; see docs/authentication.md.",
)
TWO_FACTOR_PATCH_ADMIN = False

# django-axes: lock the username+IP combination after five failed attempts, and an IP
# address as a whole after many failures over any usernames (password spraying).
SAMOS_LOCKOUT_FAILURES = 5
SAMOS_LOCKOUT_IP_FAILURES = env_setting(
    "SAMOS_LOCKOUT_IP_FAILURES",
    default=30,
    cast=int,
    help="Failed logins from one IP address, over any usernames, that lock that address "
    "out for SAMOS_LOCKOUT_MINUTES (against password spraying).",
)
AXES_FAILURE_LIMIT = "samos.accounts.lockout.failure_limit"
AXES_COOLOFF_TIME = timedelta(
    minutes=env_setting(
        "SAMOS_LOCKOUT_MINUTES",
        default=15,
        cast=int,
        help="Minutes a username+IP stays locked out after 5 failed logins.",
    )
)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"], "ip_address"]
AXES_LOCKOUT_TEMPLATE = "accounts/lockout.html"
AXES_RESET_ON_SUCCESS = True
AXES_USERNAME_CALLABLE = "samos.accounts.lockout.username_for_lockout"
AXES_CLIENT_IP_CALLABLE = "samos.audit.services.client_ip"
SAMOS_PROXY_COUNT = env_setting(
    "SAMOS_PROXY_COUNT",
    default=0,
    cast=int,
    help="Number of reverse proxies in front of the app (for the client IP in lockouts "
    "and the audit log).",
)

# Sessions: idle timeout and absolute lifetime instead of Django's two weeks.
SESSION_IDLE_TIMEOUT = (
    env_setting("SAMOS_SESSION_IDLE_MINUTES", default=30, cast=int, help="Idle timeout in minutes.")
    * 60
)
SESSION_ABSOLUTE_LIFETIME = (
    env_setting(
        "SAMOS_SESSION_MAX_HOURS",
        default=10,
        cast=int,
        help="Absolute session lifetime in hours, however active the user is.",
    )
    * 3600
)
SESSION_COOKIE_AGE = SESSION_ABSOLUTE_LIFETIME
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_NAME = "samos_session"
CSRF_COOKIE_HTTPONLY = True

# --- security headers -------------------------------------------------------------------
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SECURE_HSTS_SECONDS = 31_536_000 if PRODUCTION else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
# "preload" in the header only allows submission to the browsers' list; that stays a choice.
SECURE_HSTS_PRELOAD = PRODUCTION
_SSL_REDIRECT = env_setting(
    "SAMOS_SSL_REDIRECT",
    default=True,
    cast=bool,
    help="Redirect plain HTTP to HTTPS in production (switch off only when the proxy does it).",
)
SECURE_SSL_REDIRECT = PRODUCTION and _SSL_REDIRECT
SESSION_COOKIE_SECURE = PRODUCTION
CSRF_COOKIE_SECURE = PRODUCTION
if PRODUCTION:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

# --- i18n -------------------------------------------------------------------------------
LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Nederlands")), ("en", _("Engels"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True
DATE_FORMAT = "d-m-Y"
DATETIME_FORMAT = "d-m-Y H:i"
SHORT_DATE_FORMAT = "d-m-Y"
SHORT_DATETIME_FORMAT = "d-m-Y H:i"

# --- static and private files --------------------------------------------------------------
STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(
    env_setting(
        "SAMOS_STATIC_ROOT",
        default=str(BASE_DIR / "var" / "static"),
        help="Where `collectstatic` puts files for whitenoise (production image).",
    )
)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
WHITENOISE_USE_FINDERS = not PRODUCTION
if not PRODUCTION:
    STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # whitenoise warns about a missing root
# Uploads live outside the web root and are served only through authorised views;
# no URL maps /media/ to files.
MEDIA_ROOT = Path(
    env_setting(
        "SAMOS_PRIVATE_ROOT",
        default=str(VAR_DIR / "private"),
        help="Private files (attachments, stored PDFs), outside the web root.",
    )
)
MEDIA_URL = "/media/"

# --- lists ----------------------------------------------------------------------------
SAMOS_LIST_COUNT_CAP = env_setting(
    "SAMOS_LIST_COUNT_CAP",
    default=1000,
    cast=int,
    help="Up to how many matching rows a list (signals, inbox, start page) counts exactly; "
    "beyond it shows 'meer dan' this number, so a page never counts the whole table.",
)

# --- uploads ------------------------------------------------------------------------------
SAMOS_SIGNAL_CORRECTION_HOURS = env_setting(
    "SAMOS_SIGNAL_CORRECTION_HOURS",
    default=24,
    cast=int,
    help="How long after logging a signaller may correct or withdraw their own signal; "
    "after that only the coördinator changes it.",
)
SAMOS_UPLOAD_MAX_BYTES = env_setting(
    "SAMOS_UPLOAD_MAX_BYTES",
    default=10 * 1024 * 1024,
    cast=int,
    help="Largest attachment in bytes; set the same body-size limit on the reverse proxy.",
)
# Our size check runs first, while the body streams in; then Django's own handlers.
FILE_UPLOAD_HANDLERS = [
    "signals.uploads.limits.SizeLimitUploadHandler",
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]
SAMOS_UPLOAD_MAX_PIXELS = env_setting(
    "SAMOS_UPLOAD_MAX_PIXELS",
    default=40_000_000,
    cast=int,
    help="Largest image in pixels (width × height); larger ones are refused as possible "
    "decompression bombs.",
)
SAMOS_UPLOAD_MAX_IMAGE_SIDE = env_setting(
    "SAMOS_UPLOAD_MAX_IMAGE_SIDE",
    default=4000,
    cast=int,
    help="Images with a longer side are downscaled to this many pixels when stored; 0 keeps "
    "the size.",
)
SAMOS_CLAMAV_ADDRESS = env_setting(
    "SAMOS_CLAMAV_ADDRESS",
    default="",
    help="clamd address for virus scanning, `host:port` or `unix:/path/clamd.sock`; empty: no "
    "scan. When set, uploads are refused while clamd is unreachable (fails closed).",
)
SAMOS_CLAMAV_TIMEOUT = env_setting(
    "SAMOS_CLAMAV_TIMEOUT",
    default=10.0,
    cast=float,
    help="Seconds to wait for clamd before refusing the upload.",
)

# --- e-mail -------------------------------------------------------------------------------
EMAIL_URL = env_setting(
    "EMAIL_URL",
    default="",
    help="smtp+tls://user:password@host:587 for real mail. Empty: mail is written to files "
    "under SAMOS_VAR_DIR/mail and shown on the outbox page for beheerders.",
)
if EMAIL_URL:
    _email = email_config(EMAIL_URL)
    EMAIL_BACKEND = _email["EMAIL_BACKEND"]
    EMAIL_HOST = _email.get("EMAIL_HOST", "")
    EMAIL_PORT = _email.get("EMAIL_PORT") or 25
    EMAIL_HOST_USER = _email.get("EMAIL_HOST_USER", "")
    EMAIL_HOST_PASSWORD = _email.get("EMAIL_HOST_PASSWORD", "")
    EMAIL_USE_TLS = _email.get("EMAIL_USE_TLS", False)
    EMAIL_USE_SSL = _email.get("EMAIL_USE_SSL", False)
else:
    EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    EMAIL_FILE_PATH = VAR_DIR / "mail"
SAMOS_BASE_URL = env_setting(
    "SAMOS_BASE_URL",
    default="http://127.0.0.1:8000",
    help="Public address of SAMOS (https://samos.gemeente.nl), for links in e-mail.",
)
SAMOS_ADOPTION_NOTICE_ROLES = env_setting(
    "SAMOS_ADOPTION_NOTICE_ROLES",
    default=["burgemeester"],
    cast=list,
    help="Comma-separated role codes who get an e-mail (a link, no content) when a "
    "besluitenlijst is adopted.",
)
SAMOS_SESSION_REMINDER_HOUR = env_setting(
    "SAMOS_SESSION_REMINDER_HOUR",
    default=8,
    cast=int,
    help="Hour (0-23, Europe/Amsterdam) of the reminder on the day of a session.",
)
SAMOS_ADOPTION_NOTICE_ATTACH_PDF = env_setting(
    "SAMOS_ADOPTION_NOTICE_ATTACH_PDF",
    default=False,
    cast=bool,
    help="Attach the adopted besluitenlijst (PDF) to that e-mail. Off: the mail holds a "
    "link only, so nothing confidential travels by mail.",
)
SAMOS_CRISIS_PLAN_URL = env_setting(
    "SAMOS_CRISIS_PLAN_URL",
    default="",
    help="Address (https://…) of the regional crisis plan, linked from every case page. "
    "Empty: the case page says it is not configured yet.",
)
SAMOS_GGD_PROTOCOL_URL = env_setting(
    "SAMOS_GGD_PROTOCOL_URL",
    default="",
    help="Address (https://…) of the GGD's psychosocial protocol (PSH), linked from every "
    "case page. Empty: the case page says it is not configured yet.",
)
DEFAULT_FROM_EMAIL = env_setting(
    "DEFAULT_FROM_EMAIL",
    default="SAMOS <samos@voorbeeldrade.example>",
    help="Sender address of SAMOS mail.",
)

# --- retention (AVG) -----------------------------------------------------------------------
# Periods per data category, enforced every night by samos.retention (docs/privacy.md has
# the register). A period of 0 would remove everything at once, so each must be >= 1.
SAMOS_RETENTION_PERSONAL_DATA_MONTHS = env_setting(
    "SAMOS_RETENTION_PERSONAL_DATA_MONTHS",
    default=3,
    cast=int,
    help="Months after its last use (own changes, links to cases, their closing, decisions "
    "and action updates citing it) that a signal with personal data is anonymised.",
)
SAMOS_RETENTION_UNLINKED_SIGNAL_MONTHS = env_setting(
    "SAMOS_RETENTION_UNLINKED_SIGNAL_MONTHS",
    default=12,
    cast=int,
    help="Months after its last use that a signal linked to no case is deleted, with its "
    "confirmations and attachment files.",
)
SAMOS_RETENTION_CLOSED_CASE_YEARS = env_setting(
    "SAMOS_RETENTION_CLOSED_CASE_YEARS",
    default=7,
    cast=int,
    help="Years after its closing dossier was made that a closed case is deleted with its "
    "sessions, decisions, actions and stored PDFs (set it to the municipality's archive rules).",
)
SAMOS_RETENTION_SENT_REMINDER_MONTHS = env_setting(
    "SAMOS_RETENTION_SENT_REMINDER_MONTHS",
    default=6,
    cast=int,
    help="Months after their deadline and sending that sent-reminder rows are deleted.",
)
SAMOS_RETENTION_OUTBOX_MONTHS = env_setting(
    "SAMOS_RETENTION_OUTBOX_MONTHS",
    default=6,
    cast=int,
    help="Months that mail files of the file outbox (no EMAIL_URL) are kept.",
)
SAMOS_RETENTION_AUDIT_YEARS = env_setting(
    "SAMOS_RETENTION_AUDIT_YEARS",
    default=10,
    cast=int,
    help="Years that audit events are kept; at least as long as every other period.",
)
SAMOS_RETENTION_BATCH_SIZE = env_setting(
    "SAMOS_RETENTION_BATCH_SIZE",
    default=500,
    cast=int,
    help="Records the nightly retention job handles per transaction.",
)
SAMOS_RETENTION_HOUR = env_setting(
    "SAMOS_RETENTION_HOUR",
    default=3,
    cast=int,
    help="Hour (0-23, Europe/Amsterdam) at which the nightly retention job runs.",
)
_retention_months = {
    "SAMOS_RETENTION_PERSONAL_DATA_MONTHS": SAMOS_RETENTION_PERSONAL_DATA_MONTHS,
    "SAMOS_RETENTION_UNLINKED_SIGNAL_MONTHS": SAMOS_RETENTION_UNLINKED_SIGNAL_MONTHS,
    "SAMOS_RETENTION_CLOSED_CASE_YEARS": SAMOS_RETENTION_CLOSED_CASE_YEARS * 12,
    "SAMOS_RETENTION_SENT_REMINDER_MONTHS": SAMOS_RETENTION_SENT_REMINDER_MONTHS,
    "SAMOS_RETENTION_OUTBOX_MONTHS": SAMOS_RETENTION_OUTBOX_MONTHS,
}
if min(_retention_months.values()) < 1 or SAMOS_RETENTION_BATCH_SIZE < 1:
    raise ImproperlyConfigured("Retention periods and SAMOS_RETENTION_BATCH_SIZE must be >= 1.")
# The audit trail must outlive what it describes: who removed a case is still known.
if SAMOS_RETENTION_AUDIT_YEARS * 12 < max(_retention_months.values()):
    raise ImproperlyConfigured(
        "SAMOS_RETENTION_AUDIT_YEARS must be at least as long as every other retention period."
    )
if not 0 <= SAMOS_RETENTION_HOUR <= 23:
    raise ImproperlyConfigured("SAMOS_RETENTION_HOUR must be 0..23.")

# --- Celery -------------------------------------------------------------------------------
CELERY_BROKER_URL = env_setting(
    "CELERY_BROKER_URL",
    default="filesystem://",
    help="redis://host:6379/0 in production. `filesystem://` (default) keeps the queue in "
    "folders under SAMOS_VAR_DIR/celery for the embedded default.",
)
CELERY_RESULT_BACKEND = env_setting(
    "CELERY_RESULT_BACKEND",
    default="",
    help="Where task results go; empty: Redis when the broker is Redis, else files under "
    "SAMOS_VAR_DIR/celery/results.",
)
_CELERY_DIR = VAR_DIR / "celery"
if CELERY_BROKER_URL.startswith("filesystem"):
    for _folder in ("queue", "processed", "results", "control"):
        (_CELERY_DIR / _folder).mkdir(parents=True, exist_ok=True)
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(_CELERY_DIR / "queue"),
        "data_folder_out": str(_CELERY_DIR / "queue"),
        "processed_folder": str(_CELERY_DIR / "processed"),
        "control_folder": str(_CELERY_DIR / "control"),
        "store_processed": False,
    }
    CELERY_RESULT_BACKEND = CELERY_RESULT_BACKEND or f"file://{_CELERY_DIR / 'results'}"
else:
    # Redis redelivers unacknowledged tasks after the visibility timeout: keep it well
    # above the hard time limit so a long task is never run twice.
    CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 3600}
    CELERY_RESULT_BACKEND = CELERY_RESULT_BACKEND or CELERY_BROKER_URL
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SOFT_TIME_LIMIT = 120
CELERY_TASK_TIME_LIMIT = 180
CELERY_RESULT_EXPIRES = 3600
CELERY_TASK_ALWAYS_EAGER = env_setting(
    "SAMOS_TASKS_EAGER",
    default=False,
    cast=bool,
    help="Run tasks inside the web process (for debugging only).",
)
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULE_FILENAME = str(
    Path(
        env_setting(
            "SAMOS_BEAT_SCHEDULE_FILE",
            default=str(_CELERY_DIR / "beat-schedule"),
            help="Celery beat's own state file (one beat process only).",
        )
    )
)
CELERY_BEAT_SCHEDULE = {
    "heartbeat": {"task": "samos.core.tasks.record_heartbeat", "schedule": 60.0},
    "reminders-scan": {"task": "samos.reminders.tasks.scan_due_reminders", "schedule": 60.0},
    "dashboard-figures": {"task": "signals.tasks.refresh_dashboard_figures", "schedule": 60.0},
    # Invitations the queue never got (Redis was down when the session was convened).
    "invitations-sweep": {"task": "kernteam.tasks.sweep_unsent_invitations", "schedule": 300.0},
    "held-uploads-sweep": {"task": "signals.tasks.sweep_held_uploads", "schedule": 3600.0},
    # Retention (AVG): once a night, in Europe/Amsterdam (CELERY_TIMEZONE).
    "retention-nightly": {
        "task": "samos.retention.tasks.enforce_retention",
        "schedule": crontab(hour=SAMOS_RETENTION_HOUR, minute=30),
    },
}

# --- forms, caches, logging ----------------------------------------------------------------
CACHE_URL = env_setting(
    "CACHE_URL",
    default=f"filecache://{VAR_DIR / 'cache'}",
    help="Shared cache of web and worker (start-page figures): redis://host:6379/1 in "
    "production; default a folder under SAMOS_VAR_DIR.",
)
CACHES = {"default": cache_config(CACHE_URL)}
CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

MESSAGE_STORAGE = "django.contrib.messages.storage.session.SessionStorage"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "filters": {
        "refusal_without_traceback": {"()": "samos.core.log_filters.RefusalWithoutTraceback"}
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": "INFO"},
    "loggers": {
        "django.request": {"filters": ["refusal_without_traceback"]},
        "django.db.backends": {"level": "WARNING"},
        "axes": {"level": "WARNING"},
        "weasyprint.progress": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}
