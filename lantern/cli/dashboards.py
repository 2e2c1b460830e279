"""``lantern dashboards import|export``: Lantern's saved objects for Kibana (``dashboards/*.ndjson``) and
OpenSearch Dashboards (``dashboards/opensearch/*.ndjson``, the 7.10 format)."""

from __future__ import annotations

from pathlib import Path

import click

from lantern.errors import ConfigError
from lantern.settings import Settings

KIBANA_URL = click.option("--kibana-url", help="Kibana URL (default LANTERN_KIBANA_URL), e.g. http://127.0.0.1:5601.")


def _url(settings: Settings, given: str | None) -> str:
    from lantern.setting_checks import http_url

    url = given or settings.kibana_url
    if not url:
        raise ConfigError("no Kibana URL", hint="pass --kibana-url http://127.0.0.1:5601 or set LANTERN_KIBANA_URL")
    problem = http_url(url)
    if problem:
        raise ConfigError(f"--kibana-url {url!r} {problem}", hint="e.g. --kibana-url http://127.0.0.1:5601")
    return url.rstrip("/")


@click.group("dashboards")
def dashboards_group() -> None:
    """Import Lantern's Kibana (or OpenSearch Dashboards) dashboards, or export them after changing them.

    Example: lantern dashboards import --kibana-url http://127.0.0.1:5601
    """


@dashboards_group.command("import")
@KIBANA_URL
@click.option("--folder", type=click.Path(path_type=Path, file_okay=False), help="NDJSON folder (default: built in).")
@click.option(
    "--opensearch-dashboards",
    "opensearch",
    is_flag=True,
    help="Import the OpenSearch Dashboards objects (default when LANTERN_OPENSEARCH_URL is set).",
)
@click.pass_obj
def import_command(settings: Settings, kibana_url: str | None, folder: Path | None, opensearch: bool) -> None:
    """Import the data views, saved searches, visualisations, map and dashboards (overwriting Lantern's own).

    Credentials: those of the engine (LANTERN_ES_API_KEY, LANTERN_ES_USERNAME/PASSWORD, or
    LANTERN_OPENSEARCH_USERNAME/PASSWORD). Example: lantern dashboards import --kibana-url http://127.0.0.1:5601
    """
    from lantern.dashboards.kibana import OPENSEARCH_FOLDER, Kibana, bundle

    if folder is None and (opensearch or settings.opensearch_url):
        folder = OPENSEARCH_FOLDER
    answer = Kibana.from_settings(settings, _url(settings, kibana_url)).import_objects(bundle(folder))
    click.echo(f"imported {answer.get('successCount', 0)} saved object(s) into {_url(settings, kibana_url)}")


@dashboards_group.command("export")
@KIBANA_URL
@click.option("-o", "--output", type=click.Path(path_type=Path), default=Path("dashboards/exported.ndjson"))
@click.pass_obj
def export_command(settings: Settings, kibana_url: str | None, output: Path) -> None:
    """Export Lantern's dashboards with everything they reference, as NDJSON.

    Example: lantern dashboards export --kibana-url http://127.0.0.1:5601 -o my-dashboards.ndjson
    """
    from lantern.atomic import atomic_output
    from lantern.dashboards.kibana import DASHBOARD_IDS, Kibana

    body = Kibana.from_settings(settings, _url(settings, kibana_url)).export_objects(DASHBOARD_IDS)
    output.parent.mkdir(parents=True, exist_ok=True)
    with atomic_output(output) as temporary:
        temporary.write_bytes(body)
    lines = body.count(b"\n")
    click.echo(f"exported {lines} line(s) to {output}")


COMMANDS = [dashboards_group]
