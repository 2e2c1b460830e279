"""What the Django projects of the engine tests share: the first settings of every project and its ``manage.py``.

Each engine's module (``machina_project``, ``classified_project``) adds its apps, middleware and templates;
:func:`write_project` writes the files into a fresh folder. Run by the engine installation's Python only.
"""

from __future__ import annotations

from pathlib import Path

HEAD = """\
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
SECRET_KEY = "lantern-test-only"
DEBUG = True
ALLOWED_HOSTS = ["127.0.0.1"]
TIME_ZONE = {timezone!r}
USE_TZ = True
USE_I18N = True
LANGUAGE_CODE = {language!r}
ROOT_URLCONF = "{package}.urls"
DEFAULT_AUTO_FIELD = "django.db.models.AutoField"
STATIC_URL = "/static/"
"""

MANAGE = """\
import os
import sys

if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "{package}.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)
"""


def write_project(project: Path, package: str, settings: str, urls: str, **values: str) -> dict[str, str]:
    """``manage.py`` and ``PACKAGE/{settings,urls}.py`` (the head, then ``settings``, formatted with ``values``).

    Returns the environment variables that select the project.
    """
    (project / package).mkdir(parents=True)
    (project / package / "__init__.py").write_text("")
    (project / package / "settings.py").write_text((HEAD + settings).format(package=package, **values))
    (project / package / "urls.py").write_text(urls)
    (project / "manage.py").write_text(MANAGE.format(package=package))
    return {"DJANGO_SETTINGS_MODULE": f"{package}.settings", "PYTHONPATH": str(project)}
