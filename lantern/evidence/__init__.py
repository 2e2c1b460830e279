"""Evidence capture: the HTTP response behind every item rated medium or high, kept as a WARC record.

``capture`` turns a Scrapy response into a :class:`~lantern.evidence.capture.Capture` (HTML only, never media);
``locker`` appends captures to WARC files under ``data_dir/evidence`` with an SQLite index (item id → record,
URL, capture time, SHA-256 of the body); ``export`` writes the records of chosen items to one WARC file with a
manifest that standard WARC tools can check. See docs/EVIDENCE.md.
"""
