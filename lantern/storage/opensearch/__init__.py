"""The OpenSearch backend (``LANTERN_OPENSEARCH_URL``): opensearch-py under the shared search-engine store."""
