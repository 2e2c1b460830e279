"""Pseudonymising items for analyst exports: selectors and authors become keyed hashes (HMAC-SHA256).

The hash of a selector is :func:`lantern.selectors.hash_selector` with ``LANTERN_PSEUDONYM_KEY``, so the
same phone number gives the same hash in every export and in Elasticsearch's hashed twins, and nobody without
the key can recompute it. In the contact lists the full hash is kept (``phone:<64 hex>``); in the title, text and
thread title every selector found is replaced by a short tag (``[phone:<12 hex>]``).
"""

from __future__ import annotations

import copy
import re
from typing import Any

import phonenumbers

from lantern.errors import ConfigError
from lantern.selectors import hash_selector
from lantern.settings import Settings

TAG_CHARS = 12
KEY_HINT = (
    "set LANTERN_PSEUDONYM_KEY to a long random secret, e.g. "
    "export LANTERN_PSEUDONYM_KEY=$(python -c 'import secrets; print(secrets.token_hex(32))'), "
    "and keep it: the same key gives the same hashes in every export"
)

_EMAIL = re.compile(
    r"[A-Za-z0-9][A-Za-z0-9._%+\-]{0,63}"
    r"(?:@|\s*[\[({]\s*(?:at|@)\s*[\])}]\s*)"
    r"[A-Za-z0-9\-]+(?:(?:\.|\s*[\[({]\s*(?:dot|\.)\s*[\])}]\s*)[A-Za-z0-9\-]+)+",
    re.IGNORECASE,
)
_HANDLE = re.compile(r"(?<![\w@])@[A-Za-z0-9_][A-Za-z0-9_.]{1,31}")
_DIGITS = re.compile(r"(?<![\w+])(?:\+\s?|00)?\(?\d[\d\s().\-/]{5,30}\d(?!\w)")
_MIN_DIGITS = 7


def pseudonym_key(settings: Settings) -> bytes:
    """The key for pseudonymised exports; a clear :class:`ConfigError` when it is not set."""
    if not settings.pseudonym_key:
        raise ConfigError("--pseudonymise needs a key, and LANTERN_PSEUDONYM_KEY is not set", hint=KEY_HINT)
    return settings.pseudonym_key.encode("utf-8")


class Pseudonymiser:
    """Replaces phones, e-mails, handles and authors of stored items by keyed hashes."""

    def __init__(self, key: bytes, region: str = "NL") -> None:
        self.key = key
        self.region = region

    def hash(self, kind: str, value: str) -> str:
        """``kind:<full hash>`` of one selector."""
        return f"{kind}:{hash_selector(self.key, kind, value)}"

    def tag(self, kind: str, value: str) -> str:
        """The short tag put in place of a selector inside text."""
        return f"[{kind}:{hash_selector(self.key, kind, value)[:TAG_CHARS]}]"

    def item(self, item: dict[str, Any]) -> dict[str, Any]:
        """A pseudonymised copy of a stored item (the item itself is not changed)."""
        out = copy.deepcopy(item)
        if out.get("author"):
            out["author"] = self.hash("author", str(out["author"]))
        contacts = (out.get("analysis") or {}).get("contacts") or {}
        for field, kind in (("phones", "phone"), ("emails", "email"), ("handles", "handle")):
            contacts[field] = [self.hash(kind, value) for value in contacts.get(field) or []]
        for field in ("title", "text"):
            if out.get(field):
                out[field] = self.text(out[field])
        thread = out.get("thread")
        if isinstance(thread, dict) and thread.get("title"):
            thread["title"] = self.text(thread["title"])
        return out

    def text(self, text: str) -> str:
        """Text with every e-mail address, @handle and phone-like number replaced by a tag."""
        text = _EMAIL.sub(lambda m: self.tag("email", _plain_email(m.group(0))), text)
        text = _HANDLE.sub(lambda m: self.tag("handle", m.group(0).lower()), text)
        return _DIGITS.sub(self._phone_tag, text)

    def _phone_tag(self, match: re.Match[str]) -> str:
        """A phone tag for a valid number; other runs of 7+ digits become ``[number]``; short ones stay."""
        raw = match.group(0)
        try:
            number = phonenumbers.parse(raw, self.region)
            if phonenumbers.is_possible_number(number):
                return self.tag("phone", phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164))
        except phonenumbers.NumberParseException:
            pass
        return "[number]" if sum(ch.isdigit() for ch in raw) >= _MIN_DIGITS else raw


def _plain_email(found: str) -> str:
    """``name [at] example [dot] org`` → ``name@example.org`` (lower case), so both spellings hash alike."""
    plain = re.sub(r"\s*[\[({]\s*(?:at|@)\s*[\])}]\s*", "@", found, flags=re.IGNORECASE)
    plain = re.sub(r"\s*[\[({]\s*(?:dot|\.)\s*[\])}]\s*", ".", plain, flags=re.IGNORECASE)
    return plain.lower()
