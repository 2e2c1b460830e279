"""Scrapy settings of the Lantern project (``scrapy.cfg`` points here).

Values that operators may change come from Lantern's own settings (:mod:`lantern.settings`, environment
variables ``LANTERN_*``); :func:`scrapy_settings` maps them. Per-source politeness (delay, concurrency,
robots.txt) is applied by the spider from the source file (:meth:`crawler.spiders.base.SourceSpider.from_crawler`).
"""

from __future__ import annotations

from typing import Any

from lantern import __version__
from lantern.settings import Settings, get_settings

MIDDLEWARES = "crawler.middlewares"


def scrapy_settings(settings: Settings) -> dict[str, Any]:
    """Scrapy settings for a crawl with these Lantern settings."""
    return {
        "BOT_NAME": "lantern",
        "SPIDER_MODULES": ["crawler.spiders"],
        "NEWSPIDER_MODULE": "crawler.spiders",
        "USER_AGENT": f"Lantern/{__version__} (+{settings.contact_url})",
        "ROBOTSTXT_OBEY": True,
        "COOKIES_ENABLED": False,
        "TELNETCONSOLE_ENABLED": False,
        "REMOTE_CONTROL_ENABLED": False,
        "DOWNLOAD_TIMEOUT": settings.crawl_timeout,
        "DOWNLOAD_MAXSIZE": settings.crawl_max_response_bytes,
        "DOWNLOAD_WARNSIZE": 0,
        "REDIRECT_MAX_TIMES": 5,
        "RETRY_ENABLED": True,
        "RETRY_TIMES": 3,
        "RETRY_HTTP_CODES": [429, 500, 502, 503, 504, 522, 524, 408],
        "AUTOTHROTTLE_ENABLED": True,
        "AUTOTHROTTLE_START_DELAY": 1.0,
        "AUTOTHROTTLE_TARGET_CONCURRENCY": 1.0,
        "CONCURRENT_REQUESTS": 16,
        "CONCURRENT_REQUESTS_PER_DOMAIN": 2,
        "CONCURRENT_ITEMS": 64,
        "DEPTH_LIMIT": 0,
        "HTTPCACHE_ENABLED": False,
        "MEDIA_ALLOW_REDIRECTS": False,
        "DOWNLOADER_MIDDLEWARES": {
            "scrapy.downloadermiddlewares.robotstxt.RobotsTxtMiddleware": None,
            f"{MIDDLEWARES}.robots.SourceRobotsTxtMiddleware": 100,
            f"{MIDDLEWARES}.url_budget.UrlBudgetMiddleware": 45,
            f"{MIDDLEWARES}.private_network.PrivateNetworkMiddleware": 50,
            f"{MIDDLEWARES}.media.MediaBlockMiddleware": 60,
            f"{MIDDLEWARES}.render.RenderMiddleware": 40,
            # Responses pass these from the highest number down, after decompression (590): charset, then nesting.
            f"{MIDDLEWARES}.nesting.DeepNestingMiddleware": 70,
            f"{MIDDLEWARES}.charset.CharsetMiddleware": 80,
            "scrapy.downloadermiddlewares.retry.RetryMiddleware": None,
            f"{MIDDLEWARES}.retry_after.RetryAfterMiddleware": 550,
            f"{MIDDLEWARES}.redirect_loop.RedirectLoopMiddleware": 650,
        },
        "SPIDER_MIDDLEWARES": {f"{MIDDLEWARES}.evidence.EvidenceMiddleware": 900},
        "ITEM_PIPELINES": {
            "pipelines.clean.CleanPipeline": 100,
            "pipelines.coverage.CoveragePipeline": 150,
            "pipelines.validate.ValidatePipeline": 200,
            "pipelines.deduplicate.DeduplicatePipeline": 300,
            "pipelines.analyze.AnalyzePipeline": 400,
            "pipelines.evidence.EvidencePipeline": 450,
            "pipelines.store.StorePipeline": 500,
        },
        # No listener of any kind: Scrapy's telnet console and its remote control (Scrapy 2.19+: an HTTP server on a
        # random local port that runs the Python code it is sent) stay off; tests/crawler/test_hostile.py checks
        # that a crawl holds no listening socket.
        "EXTENSIONS": {
            "crawler.extensions.runlog.RunLogExtension": 500,
            "scrapy.extensions.telnet.TelnetConsole": None,
            "scrapy.extensions.remote_control.RemoteControl": None,
        },
        "LOG_LEVEL": "INFO",
        "LOG_FORMATTER": "crawler.logformatter.QuietDropLogFormatter",
        "REQUEST_FINGERPRINTER_IMPLEMENTATION": "2.7",
        "FEED_EXPORT_ENCODING": "utf-8",
    }


globals().update(scrapy_settings(get_settings()))
