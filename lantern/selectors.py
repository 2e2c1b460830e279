"""Keyed-hash twins of selectors (phone numbers, e-mail addresses), for linking items without revealing them.

The key is ``LANTERN_PSEUDONYM_KEY``. When it is not set, a random key is generated once and kept in
``data_dir/keys/selector.key`` (mode 0600): keep that file (and back it up) as long as hashes must stay
comparable, since a new key gives every selector a new hash.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from lantern.settings import Settings

KEY_FILE = Path("keys") / "selector.key"


def selector_key(settings: Settings) -> bytes:
    """The pseudonym key: ``settings.pseudonym_key``, else the generated key in ``data_dir/keys``."""
    if settings.pseudonym_key:
        return settings.pseudonym_key.encode("utf-8")
    return load_or_create_key(Path(settings.data_dir) / KEY_FILE)


def load_or_create_key(path: Path) -> bytes:
    """Read the key file, creating it with a random 32-byte key (hex) and mode 0600 when absent."""
    if path.exists():
        return path.read_text(encoding="ascii").strip().encode("ascii")
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    key = secrets.token_hex(32)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:  # another process created it first: use theirs
        return path.read_text(encoding="ascii").strip().encode("ascii")
    with os.fdopen(fd, "w", encoding="ascii") as handle:
        handle.write(key + "\n")
        handle.flush()
        os.fsync(handle.fileno())
    return key.encode("ascii")


def hash_selector(key: bytes, kind: str, value: str) -> str:
    """The keyed hash (HMAC-SHA256, hex) of one normalised selector; ``kind`` keeps phone and e-mail apart."""
    normalised = value.strip().lower() if kind == "email" else value.strip()
    return hmac.new(key, f"{kind}:{normalised}".encode(), hashlib.sha256).hexdigest()


def hash_all(key: bytes, kind: str, values: Iterable[str]) -> list[str]:
    """Distinct hashes of several selectors, in first-seen order."""
    return list(dict.fromkeys(hash_selector(key, kind, v) for v in values if v))
