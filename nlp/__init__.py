"""Lantern's analyzer: spaCy pipelines of rules, lexicons and gazetteers (no statistical model needed).

Use :class:`nlp.analyzer.Analyzer`::

    from nlp.analyzer import Analyzer
    record = Analyzer().analyze({"id": "1", "text": "..."})
"""
