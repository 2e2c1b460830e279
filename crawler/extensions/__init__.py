"""Scrapy extensions: the crawl-runs log."""
