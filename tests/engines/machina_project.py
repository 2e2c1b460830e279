"""The files of a minimal Django project serving django-machina, as its documentation's "Getting started" sets it up.

Written into a fresh folder by :func:`tests.engines.engine_sites.start_machina`; run by the machina installation's
Python only.
"""

SETTINGS = """\
from pathlib import Path

from machina import MACHINA_MAIN_STATIC_DIR, MACHINA_MAIN_TEMPLATE_DIR

BASE_DIR = Path(__file__).resolve().parent.parent
SECRET_KEY = "lantern-test-only"
DEBUG = True
ALLOWED_HOSTS = ["127.0.0.1"]
TIME_ZONE = {timezone!r}
USE_TZ = True
USE_I18N = True
LANGUAGE_CODE = {language!r}
ROOT_URLCONF = "forumsite.urls"
DEFAULT_AUTO_FIELD = "django.db.models.AutoField"
INSTALLED_APPS = [
    "django.contrib.admin", "django.contrib.auth", "django.contrib.contenttypes", "django.contrib.sessions",
    "django.contrib.messages", "django.contrib.staticfiles",
    "mptt", "haystack", "widget_tweaks",
    "machina", "machina.apps.forum", "machina.apps.forum_conversation",
    "machina.apps.forum_conversation.forum_attachments", "machina.apps.forum_conversation.forum_polls",
    "machina.apps.forum_feeds", "machina.apps.forum_moderation", "machina.apps.forum_search",
    "machina.apps.forum_tracking", "machina.apps.forum_member", "machina.apps.forum_permission",
]
MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware", "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware", "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware", "django.contrib.messages.middleware.MessageMiddleware",
    "machina.apps.forum_permission.middleware.ForumPermissionMiddleware",
]
TEMPLATES = [{{
    "BACKEND": "django.template.backends.django.DjangoTemplates",
    "DIRS": [MACHINA_MAIN_TEMPLATE_DIR],
    "APP_DIRS": True,
    "OPTIONS": {{"context_processors": [
        "django.template.context_processors.debug", "django.template.context_processors.request",
        "django.contrib.auth.context_processors.auth", "django.contrib.messages.context_processors.messages",
        "machina.core.context_processors.metadata",
    ]}},
}}]
DATABASES = {{"default": {{"ENGINE": "django.db.backends.sqlite3", "NAME": BASE_DIR / "db.sqlite3"}}}}
CACHES = {{
    "default": {{"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}},
    "machina_attachments": {{"BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
                             "LOCATION": str(BASE_DIR / "attachments-cache")}},
}}
HAYSTACK_CONNECTIONS = {{"default": {{"ENGINE": "haystack.backends.simple_backend.SimpleEngine"}}}}
STATIC_URL = "/static/"
STATICFILES_DIRS = [MACHINA_MAIN_STATIC_DIR]
"""

URLS = """\
from django.urls import include, path

urlpatterns = [path("forum/", include("machina.urls"))]
"""

MANAGE = """\
import os
import sys

if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "forumsite.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)
"""
