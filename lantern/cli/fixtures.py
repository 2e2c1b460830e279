"""``lantern fixtures serve|generate``: the synthetic local test sites (classifieds and forum)."""

from __future__ import annotations

import threading
from pathlib import Path

import click

from lantern.errors import InputError

SEED = click.option("--seed", type=int, default=7, show_default=True, help="Seed: same seed, same pages and truth.")
SIZE = click.option(
    "--size",
    default="small",
    show_default=True,
    help="tiny, small (60 ads, 40 posts), medium, large, or a number of ads.",
)


@click.group("fixtures")
def fixtures_group() -> None:
    """Synthetic local sites for demos and tests (127.0.0.1 only, texts are fictional).

    Example: lantern fixtures serve --seed 7 --size small
    """


@fixtures_group.command("serve")
@click.option(
    "--port",
    type=click.IntRange(0, 65534),
    default=8471,
    show_default=True,
    help="Port of the classifieds site; the forum gets the next one (8471/8472 match the demo sources). 0: free ports.",
)
@SEED
@SIZE
@click.option(
    "--huge-mb",
    type=click.FloatRange(0.1, 1024),
    default=6.0,
    show_default=True,
    help="Size of the hostile huge page /x/huge.html in megabytes.",
)
@click.option(
    "--slow-seconds",
    type=click.FloatRange(0, 30),
    default=0.0,
    show_default=True,
    help="How long /x/slow.html sleeps without a ?sleep= flag.",
)
def serve_command(port: int, seed: int, size: str, huge_mb: float, slow_seconds: float) -> None:
    """Serve both sites until Ctrl-C and print their base URLs.

    Example: lantern fixtures serve --port 0 --size tiny   (0: any free ports)
    """
    from lantern.fixtures import FixtureSites

    ports = (port, port + 1) if port else (0, 0)
    sites = FixtureSites(seed, size, huge_bytes=int(huge_mb * 1024 * 1024), slow_seconds=slow_seconds, ports=ports)
    try:
        sites.start()
    except OSError as exc:
        raise InputError(f"cannot listen on port {port}: {exc.strerror}", hint="pick another --port, or 0") from None
    click.echo(f"classifieds: {sites.classifieds_url}/")
    click.echo(f"forum:       {sites.forum_url}/")
    click.echo(f"{len(sites.truth)} items in the ground truth. Press Ctrl-C to stop.")
    try:
        threading.Event().wait()
    except KeyboardInterrupt:
        click.echo("stopping")
    finally:
        sites.stop()


@fixtures_group.command("generate")
@click.option(
    "--out",
    "out",
    type=click.Path(file_okay=False, path_type=Path),
    required=True,
    help="Folder to write the pages and truth.jsonl into (created if missing).",
)
@SEED
@SIZE
def generate_command(out: Path, seed: int, size: str) -> None:
    """Write every page of both sites under OUT/classifieds and OUT/forum, and the ground truth as OUT/truth.jsonl.

    Example: lantern fixtures generate --out /tmp/fixtures --seed 7
    """
    from lantern.fixtures import FixtureContent

    content = FixtureContent(seed, size)
    try:
        out.mkdir(parents=True, exist_ok=True)
        count = content.write(out)
    except OSError as exc:
        raise InputError(f"cannot write to {out}: {exc.strerror}", hint="choose a writable folder") from None
    click.echo(f"wrote {count} files to {out} ({len(content.truth())} truth items)")


COMMANDS = [fixtures_group]
