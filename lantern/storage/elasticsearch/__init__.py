"""The Elasticsearch backend (``LANTERN_ES_URL``): elasticsearch-py under the shared search-engine store.

Install the client matching the server's major version: ``lantern-monitor[es8]`` or ``lantern-monitor[es9]``.
"""
