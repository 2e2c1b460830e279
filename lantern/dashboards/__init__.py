"""Kibana and OpenSearch Dashboards: importing and exporting Lantern's saved objects (``dashboards/``)."""
