"""``python -m lantern`` runs the ``lantern`` command."""

from lantern.cli.main import cli

cli()
