"""``lantern evidence list|export``: the kept pages behind medium and high items (see lantern.evidence)."""

from __future__ import annotations

from pathlib import Path

import click

from lantern.settings import Settings


@click.group("evidence")
def evidence_group() -> None:
    """List and export the kept HTTP responses of items rated medium or high (WARC files).

    Example: lantern evidence export 3f2a… -o case.warc.gz
    """


@evidence_group.command("list")
@click.option("--limit", type=click.IntRange(1, 1_000_000), default=50, show_default=True, help="rows shown")
@click.pass_obj
def list_command(settings: Settings, limit: int) -> None:
    """Show the items that keep evidence, newest last: item id, level, capture time, URL, SHA-256.

    Example: lantern evidence list --limit 20
    """
    from rich.console import Console
    from rich.table import Table

    from lantern.evidence.locker import EvidenceLocker

    directory = Path(settings.data_dir) / "evidence"
    if not (directory / "index.sqlite").is_file():
        click.echo(f"no evidence kept yet in {directory}")
        return
    locker = EvidenceLocker(directory)
    try:
        kept = locker.kept()
    finally:
        locker.close()
    table = Table("item", "level", "captured (UTC)", "URL", "SHA-256", title=f"{len(kept)} item(s) with evidence")
    for capture in kept[-limit:]:
        table.add_row(capture.item_id[:16], capture.level, capture.captured_at, capture.url, capture.sha256[:16])
    Console(soft_wrap=True).print(table)


@evidence_group.command("export")
@click.argument("item_ids", nargs=-1, required=True)
@click.option(
    "-o", "--output", type=click.Path(dir_okay=False, path_type=Path), required=True, help="the .warc.gz to write"
)
@click.pass_obj
def export_command(settings: Settings, item_ids: tuple[str, ...], output: Path) -> None:
    """Write the evidence of the given items to one WARC file, with a manifest beside it and inside it.

    The manifest lists item id, URL, capture time and SHA-256 of each page; `warcio check` verifies the file.

    Example: lantern evidence export 3f2a9c… 77b0e1… -o case.warc.gz
    """
    from lantern.evidence.export import EvidenceError, export_evidence
    from lantern.evidence.locker import EvidenceLocker

    directory = Path(settings.data_dir) / "evidence"
    if not (directory / "index.sqlite").is_file():
        raise EvidenceError(f"no evidence kept in {directory}", hint="only crawled items rated medium or high keep it")
    if not output.parent.is_dir():
        raise EvidenceError(f"cannot write {output}: the folder {output.parent} does not exist")
    locker = EvidenceLocker(directory)
    try:
        result = export_evidence(locker, item_ids, output)
    finally:
        locker.close()
    pages = len({entry["warc_record_id"] for entry in result.entries})
    click.echo(f"wrote {len(item_ids)} item(s), {pages} page(s) to {result.path}; manifest {result.manifest_path}")


COMMANDS = [evidence_group]
