"""The Scrapy project: settings, source configuration, downloader middlewares and one spider per kind of source."""
