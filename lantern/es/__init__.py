"""Elasticsearch support: index templates and setup, migrations, query DSL, bulk writes and selector twins.

The storage backend itself is :mod:`lantern.storage.elasticsearch`; the CLI is :mod:`lantern.cli.es`.
"""
