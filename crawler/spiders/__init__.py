"""One spider per kind of source (``ads``, ``forum``, ``pages``), each driven by a source file."""
