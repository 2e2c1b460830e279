"""Lantern: a text-only web-monitoring crawler for child-protection intelligence work.

This package holds the application: configuration (:mod:`lantern.settings`), the command line
(:mod:`lantern.cli`), storage backends, scheduling and exports. The crawler (``crawler``), the item pipelines
(``pipelines``) and the analyzer (``nlp``) are packages of their own beside it.
"""

__version__ = "0.1.0"
