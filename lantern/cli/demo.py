"""``lantern demo`` (what ``make demo`` runs)."""

from __future__ import annotations

import sys

import click

from lantern.settings import Settings


@click.command("demo")
@click.option("--seed", default=7, show_default=True, help="Seed of the synthetic fixture sites.")
@click.option("--size", default="small", show_default=True, help="Size of the fixture sites (small, medium, large).")
@click.pass_obj
def demo_command(settings: Settings, seed: int, size: str) -> None:
    """Serve the synthetic fixture sites, crawl them into the embedded store and print what was flagged.

    Example: lantern demo
    """
    from lantern.demo import run_demo

    sys.exit(run_demo(settings, seed=seed, size=size))


COMMANDS = [demo_command]
