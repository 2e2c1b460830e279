"""Downloader middlewares: safety (media, private networks) and politeness (Retry-After)."""
