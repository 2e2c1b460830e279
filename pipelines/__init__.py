"""Item pipelines, one stage per module, in order: clean → validate → deduplicate → analyze → store."""
