"""The age grammar of ``lantern_ages``: stated ages (``grammar``), ranges and doubled numbers (``ranges``) and
upper bounds (``bounds``), all read from the normalised text with the word lists of ``nlp/rules/ages.yml``."""
