"""Settings for Nhà Rông, read from the environment in one place.

Embedded defaults need nothing installed (SQLite file, local media, Wagtail's
database search backend, local-memory cache); setting DATABASE_URL, REDIS_URL,
ELASTICSEARCH_URL or AWS_STORAGE_BUCKET_NAME moves the same code onto
production services. See README.md for every variable.
"""

import sys
from pathlib import Path

import environ
from django.conf import locale as django_locale
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
# A .env file beside manage.py is read if present (never committed).
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env.bool("DJANGO_DEBUG", default=True)

_DEV_SECRET_KEY = "dev-only-insecure-key-do-not-use-in-production"
SECRET_KEY = env.str("DJANGO_SECRET_KEY", default="")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY is not set and DJANGO_DEBUG is off: refusing to start "
            "insecurely. Set DJANGO_SECRET_KEY to a long random value "
            "(python -c 'import secrets; print(secrets.token_urlsafe(50))')."
        )
    SECRET_KEY = _DEV_SECRET_KEY

ALLOWED_HOSTS = env.list(
    "DJANGO_ALLOWED_HOSTS",
    default=["127.0.0.1", "localhost", "[::1]", "testserver"] if DEBUG else [],
)
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])

# ---------------------------------------------------------------------------
# Applications
# ---------------------------------------------------------------------------
INSTALLED_APPS = [
    # project apps first so that their templates override Wagtail's
    "content",
    "heritage",
    "lessons",
    "search",
    "community",
    "stats",
    "sharing",
    "cms.apps.CmsConfig",
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.settings",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail.api.v2",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "rest_framework",
    "ninja",  # serves /api/v1/docs from local static files, not a CDN
    "corsheaders",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "axes",
    "django_tasks",  # resets task backends when tests override TASKS
    "django_tasks_db",  # the database queue and `manage.py db_worker`
    "simple_history",  # stats: the history of approved data values
    "oauth2_provider",  # agency clients: OAuth2 client credentials (sharing/)
]

MIDDLEWARE = [
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "corsheaders.middleware.CorsMiddleware",
    # The page cache keeps responses with every header the middleware below adds, so
    # that cms.wsgi's KeptResponses can answer a hit without Django's request cycle.
    "cms.middleware.pagecache.PageCacheMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "cms.middleware.security.SecurityHeadersMiddleware",
    "cms.middleware.database.DatabaseUnavailableMiddleware",
    "cms.middleware.compression.GZipTextMiddleware",
    "cms.middleware.compression.BrotliMiddleware",
    "cms.middleware.site.CachedSiteMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "cms.urls"
WSGI_APPLICATION = "cms.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "cms.context_processors.site_context",
            ],
        },
    },
]

# ---------------------------------------------------------------------------
# Database: SQLite file by default, DATABASE_URL otherwise
# ---------------------------------------------------------------------------
DATABASES = {"default": env.db_url("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers and one writer work at once; the timeout rides out short locks.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "timeout": 20,
            "transaction_mode": "IMMEDIATE",
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
    )
# Persistent connections: opening one (and, for SQLite, its PRAGMAs) per request
# cost more than a whole kept-fragment page view.
DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("DJANGO_CONN_MAX_AGE", default=60))
DATABASES["default"].setdefault("CONN_HEALTH_CHECKS", True)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# ---------------------------------------------------------------------------
# Cache: local memory by default, Redis when REDIS_URL is set
# ---------------------------------------------------------------------------
REDIS_URL = env.str("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env.str("CACHE_KEY_PREFIX", default="nharong"),
            "OPTIONS": {"IGNORE_EXCEPTIONS": True},
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "nharong",
        }
    }

# Rate limits and lockouts (content/clients.py) must be seen by every worker: Redis
# when configured, else the database's cache table (created by cms's migration).
CACHES["limits"] = (
    {**CACHES["default"], "KEY_PREFIX": CACHES["default"]["KEY_PREFIX"] + ":limits"}
    if REDIS_URL
    else {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "nharong_limits"}
)

# ---------------------------------------------------------------------------
# Search: Wagtail's database backend by default, Elasticsearch when configured
# ---------------------------------------------------------------------------
ELASTICSEARCH_URL = env.str("ELASTICSEARCH_URL", default="")
if ELASTICSEARCH_URL:
    WAGTAILSEARCH_BACKENDS = {
        "default": {
            "BACKEND": "search.backends.elasticsearch",  # ES 8 + folding analyser
            "URLS": [ELASTICSEARCH_URL],
            "INDEX": env.str("ELASTICSEARCH_INDEX", default="nharong"),
            "TIMEOUT": 10,
            "OPTIONS": {},
            "INDEX_SETTINGS": {},
        }
    }
else:
    # search.backends.database folds Vietnamese (diacritics, đ, H'rê) on SQLite and PostgreSQL
    WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "search.backends.database"}}

# ---------------------------------------------------------------------------
# Background work (django-tasks): search index and reference index updates,
# image renditions, course bundles and certificate PDFs are queued, not done in
# the request. TASKS_BACKEND=database (default) queues them in the database and
# `manage.py db_worker` runs them (`make run` starts one beside runserver);
# "immediate" runs each task in-process at once. Under pytest the default is
# "immediate" whatever the environment says (deterministic tests; a test that
# needs the queue overrides TASKS itself).
# ---------------------------------------------------------------------------
TASK_BACKENDS = {
    "database": "django_tasks_db.DatabaseBackend",
    "immediate": "django_tasks.backends.immediate.ImmediateBackend",
}
TASKS_BACKEND = "immediate" if "pytest" in sys.modules else env.str("TASKS_BACKEND", default="database")
if TASKS_BACKEND not in TASK_BACKENDS:
    raise ImproperlyConfigured(f"TASKS_BACKEND={TASKS_BACKEND!r}: use one of {', '.join(sorted(TASK_BACKENDS))}.")
TASKS = {"default": {"BACKEND": TASK_BACKENDS[TASKS_BACKEND]}}

# Generated narration (content.speech): the synthesiser class by dotted path, so a
# province can plug in a hosted service; "" turns it off. The default is espeak-ng's
# Vietnamese central-dialect voice from the espeakng-loader wheel. Off under pytest
# (every test publishes pages); the speech tests turn it on themselves.
SPEECH_BACKEND = (
    "" if "pytest" in sys.modules else env.str("SPEECH_BACKEND", default="content.speech.espeak.EspeakSynthesizer")
)

# ---------------------------------------------------------------------------
# Files: local folder by default, S3-compatible storage when a bucket is set
# ---------------------------------------------------------------------------
MEDIA_ROOT = env.path("DJANGO_MEDIA_ROOT", default=BASE_DIR / "media")
MEDIA_URL = "/media/"
SERVE_MEDIA = env.bool("DJANGO_SERVE_MEDIA", default=False)
STATIC_ROOT = env.path("DJANGO_STATIC_ROOT", default=BASE_DIR / "staticfiles")
STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]

AWS_STORAGE_BUCKET_NAME = env.str("AWS_STORAGE_BUCKET_NAME", default="")
if AWS_STORAGE_BUCKET_NAME:
    AWS_S3_ENDPOINT_URL = env.str("AWS_S3_ENDPOINT_URL", default=None)
    AWS_ACCESS_KEY_ID = env.str("AWS_ACCESS_KEY_ID", default=None)
    AWS_SECRET_ACCESS_KEY = env.str("AWS_SECRET_ACCESS_KEY", default=None)
    AWS_S3_REGION_NAME = env.str("AWS_S3_REGION_NAME", default=None)
    AWS_S3_CUSTOM_DOMAIN = env.str("AWS_S3_CUSTOM_DOMAIN", default=None)
    AWS_DEFAULT_ACL = None
    AWS_QUERYSTRING_AUTH = env.bool("AWS_QUERYSTRING_AUTH", default=False)
    AWS_S3_FILE_OVERWRITE = False
    _default_storage = {"BACKEND": "storages.backends.s3.S3Storage"}
else:
    # Files appear only once completely written (content/files.py).
    _default_storage = {"BACKEND": "content.files.AtomicFileSystemStorage"}

STORAGES = {
    "default": _default_storage,
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "cms.storage.StaticFilesStorage"  # whitenoise compressed manifest
        )
    },
}
WHITENOISE_MAX_AGE = 31536000 if not DEBUG else 0

# ---------------------------------------------------------------------------
# Languages. Django does not know Bahnar, Hre or Haroi: register them.
# ---------------------------------------------------------------------------
EXTRA_LANG_INFO = {
    "bdq": {"bidi": False, "code": "bdq", "name": "Bahnar", "name_local": "Bahnar"},
    "hre": {"bidi": False, "code": "hre", "name": "Hre", "name_local": "Hrê"},
    "hro": {"bidi": False, "code": "hro", "name": "Haroi", "name_local": "Haroi"},
}
django_locale.LANG_INFO.update(EXTRA_LANG_INFO)

LANGUAGE_CODE = "vi"
LANGUAGES = [
    ("vi", "Tiếng Việt"),
    ("en", "English"),
    ("bdq", "Bahnar"),
    ("hre", "Hrê"),
    ("hro", "Haroi"),
]
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAILADMIN_PERMITTED_LANGUAGES = [("vi", "Tiếng Việt"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
LANGUAGE_COOKIE_NAME = "django_language"
USE_I18N = True
USE_TZ = True
TIME_ZONE = "Asia/Ho_Chi_Minh"
# Dates are typed and shown day first (dd/mm/yyyy) in every language: Django's defaults (and its
# English formats) read "03/12/2026" as 12 March. cms/formats/<lang>/formats.py put the same
# input formats before Django's per-language ones; other formats stay Django's.
FORMAT_MODULE_PATH = ["cms.formats"]
DATE_INPUT_FORMATS = ["%d/%m/%Y", "%Y-%m-%d", "%d-%m-%Y", "%d/%m/%y"]
DATETIME_INPUT_FORMATS = [
    "%d/%m/%Y %H:%M",
    "%d/%m/%Y %H:%M:%S",
    "%d/%m/%Y",
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %H:%M",
    "%Y-%m-%d",
]

# ---------------------------------------------------------------------------
# Wagtail
# ---------------------------------------------------------------------------
WAGTAIL_SITE_NAME = "Nhà Rông"
# The admin's date pickers (one of DATE_INPUT_FORMATS, so what they write is read back)
WAGTAIL_DATE_FORMAT = "%d/%m/%Y"
WAGTAIL_DATETIME_FORMAT = "%d/%m/%Y %H:%M"
WAGTAIL_TIME_FORMAT = "%H:%M"
# The public base URL: every absolute URL the site hands out (content.baseurl). Production
# must set it (start-up check nharong.E002); `make setup` copies it into the Site record.
WAGTAILADMIN_BASE_URL = env.str("WAGTAILADMIN_BASE_URL", default="http://127.0.0.1:8000")
PUBLIC_BASE_URL_FROM_ENV = bool(env.str("WAGTAILADMIN_BASE_URL", default=""))
WAGTAILIMAGES_IMAGE_MODEL = "content.HeritageImage"
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp"]  # no SVG uploads
WAGTAILIMAGES_MAX_UPLOAD_SIZE = env.int("WAGTAILIMAGES_MAX_UPLOAD_SIZE", default=10 * 1024 * 1024)
# About 40 megapixels: a bigger picture is refused at upload (its renditions would take
# gigabytes of memory in a worker). The form turns undecodable files and a full disk
# into form errors too (content.image_forms).
WAGTAILIMAGES_MAX_IMAGE_PIXELS = env.int("WAGTAILIMAGES_MAX_IMAGE_PIXELS", default=40_000_000)
WAGTAILIMAGES_IMAGE_FORM_BASE = "content.image_forms.ImageForm"
# A missing rendition of a bigger original is made by the worker, not in a visitor's
# request (content.renditions: 503 + Retry-After meanwhile).
RENDITION_SYNC_MAX_PIXELS = env.int("RENDITION_SYNC_MAX_PIXELS", default=12_000_000)
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "odt", "txt", "csv", "xlsx", "mp3", "ogg", "m4a"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = env.int("WAGTAILDOCS_MAX_UPLOAD_SIZE", default=20 * 1024 * 1024)
WAGTAIL_MODERATION_ENABLED = True
WAGTAIL_WORKFLOW_ENABLED = True
WAGTAILLOCALIZE_ENABLE_MACHINE_TRANSLATION = False
# A page made with "Translate" counts as translated (readers get it instead of the
# fallback with the "not yet translated" mark) once this share of its text segments is
# translated (content.translations).
TRANSLATION_DONE_SHARE = env.float("TRANSLATION_DONE_SHARE", default=0.9)
WAGTAILAPI_BASE_URL = WAGTAILADMIN_BASE_URL
WAGTAILAPI_LIMIT_MAX = 100
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# ---------------------------------------------------------------------------
# Auth
# ---------------------------------------------------------------------------
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 8}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "/admin/login/"

# Lock a username or an IP out after repeated failed logins (django-axes).
AUTHENTICATION_BACKENDS = [
    "cms.security.LockoutBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = env.float("AXES_COOLOFF_HOURS", default=1.0)
# Per account (a wrong admin password never locks other people out of the same
# address); a client address is limited by cms.security (ADDRESS_ATTEMPTS per window).
AXES_LOCKOUT_PARAMETERS = ["username"]
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "content.clients.ip_or_none"
# Reverse proxies whose X-Forwarded-For is believed (addresses or networks, comma-separated).
TRUSTED_PROXIES = env.list("DJANGO_TRUSTED_PROXIES", default=[])
LOGIN_ADDRESS_ATTEMPTS = env.int("LOGIN_ADDRESS_ATTEMPTS", default=30)  # per client address per window
LOGIN_WINDOW_SECONDS = 15 * 60
# Wrong page passwords (view restrictions) per client address and page per window (cms.security).
PAGE_PASSWORD_ATTEMPTS = env.int("PAGE_PASSWORD_ATTEMPTS", default=10)

# Anonymous page/API cache (cms/middleware/pagecache.py, invalidated by content/cache.py).
PAGE_CACHE_ENABLED = env.bool("PAGE_CACHE_ENABLED", default=True)
PAGE_CACHE_SECONDS = env.int("PAGE_CACHE_SECONDS", default=600)
# Each worker keeps copies of the kept responses it served (content.localcopy).
PAGE_CACHE_LOCAL_BYTES = env.int("PAGE_CACHE_LOCAL_BYTES", default=64 * 1024 * 1024)
PAGE_CACHE_LOCAL_ENTRIES = env.int("PAGE_CACHE_LOCAL_ENTRIES", default=4096)
# With Redis, each worker holds the site and WRITES generations while Redis's key tracking
# says they are unchanged, so a hit sends nothing to Redis (content.tagwatch).
PAGE_CACHE_TRACKING = env.bool("PAGE_CACHE_TRACKING", default=True)
# Derived data and template fragments (routes, menus, related pages, page
# bodies), keyed by the same content generation; "nocache" serves previews.
FRAGMENT_CACHE_ENABLED = env.bool("FRAGMENT_CACHE_ENABLED", default=True)
CACHES["nocache"] = {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}

# ---------------------------------------------------------------------------
# Security (production values switch on when DEBUG is off)
# ---------------------------------------------------------------------------
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "SAMEORIGIN"
# Wagtail's live preview frames the page being edited (same origin only), so
# DENY would break it; CSP frame-ancestors 'self' says the same.
# axes.W006: the per-address limit is cms.security's own (LOGIN_ADDRESS_ATTEMPTS), not axes'.
SILENCED_SYSTEM_CHECKS = ["security.W019", "axes.W006"]
SESSION_COOKIE_HTTPONLY = True
if not DEBUG:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env.bool("DJANGO_SECURE_SSL_REDIRECT", default=True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = env.int("DJANGO_HSTS_SECONDS", default=31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True

CORS_ALLOWED_ORIGINS = env.list("CORS_ALLOWED_ORIGINS", default=[])

# Map tiles for the heritage map ({s}/{z}/{x}/{y} template); empty = no tiles, markers on a plain background.
MAP_TILE_URL = env.str("MAP_TILE_URL", default="")
MAP_TILE_ATTRIBUTION = env.str("MAP_TILE_ATTRIBUTION", default="")
CORS_URLS_REGEX = r"^/api/.*$"

# ---------------------------------------------------------------------------
# Data sharing (sharing/): agency OAuth2 clients, access log, webhooks, dumps
# ---------------------------------------------------------------------------
OAUTH2_PROVIDER_APPLICATION_MODEL = "oauth2_provider.Application"
OAUTH2_PROVIDER = {
    # RFC 9700 (OAuth 2.0 Security BCP): only client credentials are used; adopt the compliant
    # behaviour for every grant and transport the library can still enable.
    "COMPLIANT_BCP_RFC9700_IMPLICIT_GRANT": True,
    "COMPLIANT_BCP_RFC9700_PASSWORD_GRANT": True,
    "COMPLIANT_BCP_RFC9700_PKCE_METHOD": True,
    "COMPLIANT_BCP_RFC9700_ACCESS_TOKEN_TRANSPORT": True,
    "COMPLIANT_BCP_RFC9700_AUTHZ_RESPONSE_ISS": True,
    "COMPLIANT_BCP_RFC9700_TOKEN_STORAGE": True,
    "COMPLIANT_BCP_RFC9700_REFRESH_TOKEN": True,
    "COMPLIANT_BCP_RFC9700_REDIRECT_URI_SCHEME": True,
    "COMPLIANT_BCP_RFC9700_REDIRECT_URI_MATCHING": True,
    "COMPLIANT_BCP_RFC9700_PKCE_REQUIRED": True,
    "REFRESH_TOKEN_REUSE_PROTECTION": True,
    "ALLOWED_REDIRECT_URI_SCHEMES": ["https"],
    "ALLOW_URI_WILDCARDS": False,
    "SCOPES": {
        "content:read": "Public content and datasets",
        "stats:read": "Approved statistics",
        "stats:restricted": "Statistics disaggregations too fine to publish",
        "learning:aggregate": "Course enrolments and completions (suppressed aggregates)",
        "consultation:aggregate": "Consultation request counts (suppressed aggregates)",
        "webhooks": "Own webhook subscriptions",
    },
    "OAUTH2_VALIDATOR_CLASS": "sharing.oauth.ClientScopeValidator",
    "ACCESS_TOKEN_EXPIRE_SECONDS": env.int("API_TOKEN_SECONDS", default=3600),
    "ALLOWED_GRANT_TYPES": ["client_credentials"],
}
# Keep each agency request in the access log this many days (manage.py prune_access_log, nightly task).
ACCESS_LOG_RETENTION_DAYS = env.int("ACCESS_LOG_RETENTION_DAYS", default=365)
# Webhook receivers on private, loopback or link-local addresses are refused unless this is on.
WEBHOOK_ALLOW_PRIVATE_NETWORKS = env.bool("WEBHOOK_ALLOW_PRIVATE_NETWORKS", default=False)
WEBHOOK_TIMEOUT_SECONDS = env.float("WEBHOOK_TIMEOUT_SECONDS", default=10)
SHARING_DUMP_DIR = env.str("SHARING_DUMP_DIR", default="")
# Who issues course certificates, printed on them and signed into their QR code; the
# province sets its agency's name. The signatory's name goes under the signature line.
CERTIFICATE_ISSUER = env.str("CERTIFICATE_ISSUER", default="Nhà Rông – Cổng di sản và học tập cộng đồng")
CERTIFICATE_SIGNATORY = env.str("CERTIFICATE_SIGNATORY", default="")
SHARING_PUBLISHER = env.str("SHARING_PUBLISHER", default="Nhà Rông")
SHARING_CONTACT_EMAIL = env.str("SHARING_CONTACT_EMAIL", default="dulieu@nharong.vn")

# Mail: Moderators are told when a recording waits (content.recording_review). SMTP on
# EMAIL_HOST; without one, messages are printed on the console while debugging and handed
# to the local mail server (localhost:25) in production.
EMAIL_HOST = env.str("EMAIL_HOST", default="")
EMAIL_BACKEND = (
    "django.core.mail.backends.smtp.EmailBackend"
    if EMAIL_HOST or not DEBUG
    else "django.core.mail.backends.console.EmailBackend"
)
EMAIL_HOST = EMAIL_HOST or "localhost"
EMAIL_PORT = env.int("EMAIL_PORT", default=25)
EMAIL_HOST_USER = env.str("EMAIL_HOST_USER", default="")
EMAIL_HOST_PASSWORD = env.str("EMAIL_HOST_PASSWORD", default="")
EMAIL_USE_TLS = env.bool("EMAIL_USE_TLS", default=False)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="Nhà Rông <no-reply@localhost>")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("DJANGO_LOG_LEVEL", default="WARNING")},
}
