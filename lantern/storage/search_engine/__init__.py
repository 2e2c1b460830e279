"""What the Elasticsearch and OpenSearch backends share: templates and mappings, documents, query DSL, bulk
writes with retry, setup and migrations, trend aggregations, and the store itself (:class:`SearchEngineStore`).

Everything here talks to a cluster through an :class:`~lantern.storage.search_engine.engine.Engine`: REST calls
with JSON bodies. Each backend folder (``lantern/storage/elasticsearch/``, ``lantern/storage/opensearch/``)
provides one engine on its own client library and a store class named after it.
"""
