"""Settings of the portal, read from the environment (each variable is listed in the README)."""

import os
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DJANGO_DEBUG", False)

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY must be set when DJANGO_DEBUG is off "
            "(generate one with: python -c 'import secrets; print(secrets.token_urlsafe(50))')."
        )
    SECRET_KEY = "insecure-development-key-only-for-DJANGO_DEBUG"

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

# Addresses (or CIDR ranges) of the reverse proxies in front of gunicorn. Only a request that
# arrives from one of them may tell us the client's address (X-Forwarded-For) or the scheme.
TRUSTED_PROXIES = env_list("DJANGO_TRUSTED_PROXIES")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "django.contrib.humanize",
    "axes",
    "django_filters",
    "pgtrigger",
    "pghistory",
    "pghistory.admin",
    "portal",
    "personnel",
    "reports",
    "feedback",
    "selection",
    "training",
    "forums",
]

MIDDLEWARE = [
    "portal.middleware.TrustedProxyMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # An ETag from each page's bytes: a reader who has the page already (If-None-Match) gets
    # "304 Not Modified" and no body, which a slow mobile connection notices. Above every
    # middleware that may still change the response (session, language, CSRF), below
    # whitenoise (static files have their own ETags).
    "django.middleware.http.ConditionalGetMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "pghistory.middleware.HistoryMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "portal.urls"
WSGI_APPLICATION = "portal.wsgi.application"

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
            ],
        },
    },
]

# Database: DATABASE_URL, or the checkout's embedded PostgreSQL (portal/embedded_db.py).
EMBEDDED_POSTGRES_DIR = BASE_DIR / ".data"
if os.environ.get("DATABASE_URL"):
    DATABASES = {
        "default": dj_database_url.parse(
            os.environ["DATABASE_URL"],
            conn_max_age=int(os.environ.get("DJANGO_DB_CONN_MAX_AGE", "60")),
            conn_health_checks=True,
        )
    }
    if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
        # Django's engine with a health check that needs no round trip (portal/db/postgresql).
        DATABASES["default"]["ENGINE"] = "portal.db.postgresql"
else:
    DATABASES = {
        "default": {
            "ENGINE": "portal.db.embedded",
            "NAME": "portal",
            "CONN_MAX_AGE": 60,
            "CONN_HEALTH_CHECKS": True,
        }
    }
# pgtrigger's triggers look up this setting on every row and raise (and catch) an error when
# it is unset, which costs a subtransaction per row; defining it empty makes bulk writes fast.
# The pages' queries are short and many run at once: a parallel plan's workers take 2-5 ms to
# start (more than a search for a rare word takes in all) and then compete with the other
# requests for the same cores. DJANGO_DB_PARALLEL_WORKERS sets the workers a query may use.
DATABASES["default"].setdefault("OPTIONS", {})["options"] = (
    "-c pgtrigger.ignore={} -c max_parallel_workers_per_gather="
    f"{int(os.environ.get('DJANGO_DB_PARALLEL_WORKERS', '0'))}"
)
# Behind pgbouncer in transaction pooling, the open-data exports' server-side cursors break.
DATABASES["default"]["DISABLE_SERVER_SIDE_CURSORS"] = os.environ.get(
    "DJANGO_DB_DISABLE_SERVER_SIDE_CURSORS", "0"
) in ("1", "true", "yes")
# The few lookups by key of the public pages (portal/prepared.py) are prepared statements, which
# psycopg allows only when the threshold is a number. Django's own cursors bind on the client and
# are never prepared, so no other query is. DJANGO_DB_PREPARE=0 turns it off (pgbouncer before
# 1.21, or without max_prepared_statements): the same single queries, planned every time.
if os.environ.get("DJANGO_DB_PREPARE", "1") in ("1", "true", "yes"):
    DATABASES["default"]["OPTIONS"]["prepare_threshold"] = 1_000_000
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

# Brute-force protection for the staff login: lock a username from one address after 5 misses.
AXES_FAILURE_LIMIT = int(os.environ.get("DJANGO_LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = 1  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_CLIENT_IP_CALLABLE = "portal.net.axes_client_ip"
AXES_RESET_ON_SUCCESS = True

LANGUAGE_CODE = "id"
LANGUAGES = [("id", _("Bahasa Indonesia")), ("en", _("Bahasa Inggris"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Jakarta"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = Path(os.environ.get("DJANGO_STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# Security. DJANGO_HTTPS=0 only for a local, plain-HTTP run (make run); production keeps HTTPS.
HTTPS = env_bool("DJANGO_HTTPS", not DEBUG)
SECURE_SSL_REDIRECT = HTTPS
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_HSTS_SECONDS", "31536000")) if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("DJANGO_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("DJANGO_HSTS_PRELOAD", True)
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = 8 * 60 * 60  # one working day for staff sessions
# The only cookie a reader gets, and only by choosing a language in the footer.
LANGUAGE_COOKIE_SECURE = HTTPS
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"
if TRUSTED_PROXIES:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# No third-party origin anywhere: every script, style, font and image is served by the portal.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [SELF],
        "object-src": [NONE],
    }
}

# E-mail: SMTP when DJANGO_EMAIL_HOST is set, the console otherwise.
EMAIL_HOST = os.environ.get("DJANGO_EMAIL_HOST", "")
EMAIL_BACKEND = os.environ.get(
    "DJANGO_EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend"
    if EMAIL_HOST
    else "django.core.mail.backends.console.EmailBackend",
)
EMAIL_PORT = int(os.environ.get("DJANGO_EMAIL_PORT", "587"))
EMAIL_HOST_USER = os.environ.get("DJANGO_EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("DJANGO_EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("DJANGO_EMAIL_USE_TLS", True)
DEFAULT_FROM_EMAIL = os.environ.get("DJANGO_DEFAULT_FROM_EMAIL", "portal@localhost")
SERVER_EMAIL = os.environ.get("DJANGO_SERVER_EMAIL", DEFAULT_FROM_EMAIL)
ADMINS = [("Admin", address) for address in env_list("DJANGO_ADMINS")]

LOGIN_URL = "admin:login"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "INFO")},
    "loggers": {
        "embedded_postgres": {"level": "WARNING"},
        "axes": {"level": "WARNING"},
    },
}

# Caches. The public pages are cached per process (portal/cache.py) under a key that includes
# a generation number kept in PostgreSQL, so several workers or hosts never serve a stale page;
# DJANGO_CACHE_URL=redis://host:6379/0 shares one cache between them instead (needs the `redis`
# package). DJANGO_PAGE_CACHE=0 turns the page cache off.
CACHE_URL = os.environ.get("DJANGO_CACHE_URL", "")
if CACHE_URL.startswith(("redis://", "rediss://", "unix://")):
    CACHES = {
        alias: {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": CACHE_URL,
            "KEY_PREFIX": alias,
        }
        for alias in ("default", "pages")
    }
elif CACHE_URL:
    raise ImproperlyConfigured("DJANGO_CACHE_URL must be a redis:// (or rediss://) address.")
else:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
        "pages": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "pages",
            "OPTIONS": {"MAX_ENTRIES": int(os.environ.get("DJANGO_PAGE_CACHE_ENTRIES", "1000"))},
        },
    }
PAGE_CACHE = env_bool("DJANGO_PAGE_CACHE", True)
PAGE_CACHE_SECONDS = int(os.environ.get("DJANGO_PAGE_CACHE_SECONDS", "600"))
# /bench/ping/: a page that touches no database, for the load benchmark (bench/load.py) only.
BENCH_PING = env_bool("DJANGO_BENCH_PING", False)

# The portal's own figures.
SUPPRESSION_THRESHOLD = 5  # aggregates over fewer people show a suppressed cell


# Feedback (masukan warga): abuse protection and retention. A rate is "count/seconds".
def env_rate(name: str, default: str) -> tuple[int, int]:
    value = os.environ.get(name, "").strip() or default
    try:
        count, seconds = (int(part) for part in value.split("/"))
    except ValueError:
        raise ImproperlyConfigured(f"{name} must look like 10/3600 (count/seconds).") from None
    if count < 1 or seconds < 1:
        raise ImproperlyConfigured(f"{name} needs a count and a window of at least 1.")
    return count, seconds


FEEDBACK_RATE_SUBMIT_IP = env_rate("DJANGO_FEEDBACK_RATE_SUBMIT_IP", "10/3600")
FEEDBACK_RATE_SUBMIT_EMAIL = env_rate("DJANGO_FEEDBACK_RATE_SUBMIT_EMAIL", "5/86400")
FEEDBACK_RATE_LOOKUP_IP = env_rate("DJANGO_FEEDBACK_RATE_LOOKUP_IP", "30/600")
FEEDBACK_FORM_MIN_SECONDS = int(os.environ.get("DJANGO_FEEDBACK_FORM_MIN_SECONDS", "3"))
FEEDBACK_FORM_MAX_SECONDS = int(os.environ.get("DJANGO_FEEDBACK_FORM_MAX_SECONDS", "86400"))
FEEDBACK_MAX_BODY = int(os.environ.get("DJANGO_FEEDBACK_MAX_BODY", "5000"))
FEEDBACK_MAX_LINKS = int(os.environ.get("DJANGO_FEEDBACK_MAX_LINKS", "2"))
FEEDBACK_DUPLICATE_SECONDS = int(os.environ.get("DJANGO_FEEDBACK_DUPLICATE_SECONDS", "86400"))
FEEDBACK_CONTACT_RETENTION_DAYS = int(
    os.environ.get("DJANGO_FEEDBACK_CONTACT_RETENTION_DAYS", "180")
)
FEEDBACK_SITE_URL = os.environ.get("DJANGO_FEEDBACK_SITE_URL", "http://localhost:8000").rstrip("/")
