"""Undo common obfuscation while keeping a map back to the original characters."""

from nlp.normalize.normalizer import Normalizer
from nlp.normalize.offsets import Edit, Layer, OffsetMap

__all__ = ["Edit", "Layer", "Normalizer", "OffsetMap"]
