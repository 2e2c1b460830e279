"""Keyed-hash twins of selectors and the generated key file."""

from __future__ import annotations

import stat

from lantern.selectors import hash_selector, selector_key


def test_generated_key_is_private_and_stable(settings):
    key = selector_key(settings)
    path = settings.data_dir / "keys" / "selector.key"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert selector_key(settings) == key


def test_hash_is_keyed_and_hides_the_value():
    digest = hash_selector(b"k1", "phone", "+12025550143")
    assert "2025550143" not in digest and len(digest) == 64
    assert digest != hash_selector(b"k2", "phone", "+12025550143")
    assert hash_selector(b"k1", "email", "A@Example.org") == hash_selector(b"k1", "email", "a@example.org")
