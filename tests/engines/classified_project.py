"""The files of a minimal Django project serving django-classified, as its README's "Installation" sets it up.

Written after :data:`tests.engines.django_project.HEAD` into a fresh folder by
:func:`tests.engines.engine_sites.start_classified`; run by the django-classified
installation's Python only. ``DCF_LOGIN_TO_CONTACT = False`` shows each ad's contact phone to visitors, as an
operator may choose.
"""

SETTINGS = """\
SITE_ID = 1
INSTALLED_APPS = [
    "django.contrib.admin", "django.contrib.auth", "django.contrib.contenttypes", "django.contrib.messages",
    "django.contrib.sessions", "django.contrib.staticfiles",
    "django.contrib.sites", "django.contrib.humanize", "django.contrib.sitemaps",
    "sorl.thumbnail",
    "django_classified",
]
MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware", "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware", "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware", "django.contrib.messages.middleware.MessageMiddleware",
]
TEMPLATES = [{{
    "BACKEND": "django.template.backends.django.DjangoTemplates",
    "APP_DIRS": True,
    "OPTIONS": {{"context_processors": [
        "django.template.context_processors.debug", "django.template.context_processors.request",
        "django.contrib.auth.context_processors.auth", "django.contrib.messages.context_processors.messages",
        "django_classified.context_processors.common_values",
    ]}},
}}]
DATABASES = {{"default": {{"ENGINE": "django.db.backends.sqlite3", "NAME": BASE_DIR / "db.sqlite3"}}}}
MEDIA_URL = "/media/"
MEDIA_ROOT = BASE_DIR / "media"
DCF_SITE_NAME = "Lantern test classifieds"
DCF_CURRENCY = "EUR"
DCF_LOGIN_TO_CONTACT = False
DCF_ITEM_PER_PAGE = 10
DCF_ITEM_PER_USER_LIMIT = 1000
"""

URLS = """\
from django.urls import include, path

urlpatterns = [path("", include("django_classified.urls", namespace="django_classified"))]
"""
