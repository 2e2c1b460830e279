"""``lantern_contacts``: contact selectors (phones in E.164, e-mail addresses, messaging handles).

Phones are found on the normalised text, so digits written as words or look-alikes count too, and are
validated with ``phonenumbers``; a number without a country code is read in the country of the first place
the text mentions (``state(doc).locations``), else in ``default_region``. E-mails and handles are read from the
source text as written (normalising would change letters inside names), including ``name [at] example
[dot] org`` and ``name at example dot org``. Every list is unique and in order of appearance.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import phonenumbers
from spacy.language import Language
from spacy.tokens import Doc

from nlp.extensions import state
from nlp.normalize.offsets import OffsetMap
from nlp.normalize.prefilter import WordTest, has_digit
from nlp.types import Contacts, Location

# Cheap prefilter: a run of digits and the separators people put between them, with an optional + or 00.
_PHONE_CANDIDATE = re.compile(r"(?<![\w+])(?:\+\s?|00)?\(?\d[\d\s().\-/]{5,30}\d(?!\w)")
_DIGIT_GROUP = re.compile(r"\+?\d+")
# Adversarial input (pages of digits) must stay linear: at most this many candidates are parsed per text.
MAX_PHONE_CANDIDATES = 200

_AT = r"(?:@|\s*[\[({<]\s*(?:at|@|apenstaartje)\s*[\])}>]\s*|\s+(?:at|apenstaartje)\s+)"
_DOT = r"(?:\.|\s*[\[({<]\s*(?:dot|punt|\.)\s*[\])}>]\s*|\s+(?:dot|punt)\s+)"
_LABEL = r"[A-Za-z0-9](?:[A-Za-z0-9\-]{0,61}[A-Za-z0-9])?"
_EMAIL = re.compile(
    rf"(?<![\w.%+\-])(?P<local>[A-Za-z0-9][A-Za-z0-9._%+\-]{{0,63}})(?P<at>{_AT})"
    rf"(?P<domain>{_LABEL}(?:{_DOT}{_LABEL}){{1,4}})"
    r"(?![A-Za-z0-9\-]|@)",
    re.IGNORECASE,
)
# Every address has one of these; most texts have none, and then the address pattern is not run at all.
_EMAIL_HINT = re.compile(r"@|[\[({<]\s*(?:at|dot|punt)\s*[\])}>]|\b(?:dot|punt|apenstaartje)\b", re.IGNORECASE)
# Cheaper still, and implied by every hint: "@", an opening bracket, or one of these words.
_EMAIL_WORDS = WordTest(["dot", "punt", "apenstaartje"])
_DOT_SPLIT = re.compile(_DOT, re.IGNORECASE)
_VALID_LOCAL = re.compile(r"[a-z0-9](?:[a-z0-9._%+\-]*[a-z0-9_])?", re.IGNORECASE)
_VALID_LABEL = re.compile(r"[a-z0-9](?:[a-z0-9\-]*[a-z0-9])?", re.IGNORECASE)
_VALID_TLD = re.compile(r"[a-z]{2,12}", re.IGNORECASE)

_NAME = r"(?P<name>[A-Za-z0-9_](?:[A-Za-z0-9_.\-]{0,30}[A-Za-z0-9_])?)"
_NUMBER = r"(?P<number>(?:\+\s?|00)?\d[\d\s().\-]{5,20}\d)"
_SERVICES = {
    "telegram": "telegram",
    "tg": "telegram",
    "snapchat": "snapchat",
    "snap": "snapchat",
    "kik": "kik",
    "instagram": "instagram",
    "insta": "instagram",
    "ig": "instagram",
    "line": "line",
}
_NAMED_HANDLE = re.compile(
    rf"\b(?P<service>{'|'.join(sorted(_SERVICES, key=len, reverse=True))})(?:\s*id)?\s*(?:[:=]\s*@?|@)\s*{_NAME}",
    re.IGNORECASE,
)
_NUMBER_HANDLE = re.compile(rf"\b(?P<service>signal|whatsapp|wa)\s*[:=]\s*{_NUMBER}", re.IGNORECASE)
_HANDLE_HINT = re.compile(r"[:=@]|me/", re.IGNORECASE)
_LINK_HANDLE = re.compile(
    rf"(?<![\w.])(?:https?://)?(?:www\.)?(?:(?P<tme>t\.me|telegram\.me)/{_NAME}|wa\.me/(?P<wa>\d{{6,15}}))",
    re.IGNORECASE,
)


class ContactExtractor:
    """Fills ``doc._.contacts`` with the phones, e-mails and handles of a document."""

    def __init__(self, nlp: Language, default_region: str) -> None:
        self.default_region = default_region.upper()

    def __call__(self, doc: Doc) -> Doc:
        current = state(doc)
        region = self.region(current.locations)
        source = current.source_text
        phones: list[tuple[int, int, str]] = list(self._phones(current.offsets, region))
        handles: list[tuple[int, int, str]] = []
        for start, end, handle, phone in _handles(source, region):
            handles.append((start, end, handle))
            if phone:
                phones.append((start, end, phone))
        emails = list(_emails(source))
        contacts: Contacts = {
            "phones": _ordered_unique(phones),
            "emails": _ordered_unique(emails),
            "handles": _ordered_unique(handles),
        }
        current.contacts = contacts
        current.contact_spans = sorted((start, end) for start, end, _ in (*phones, *emails, *handles))
        return doc

    def region(self, locations: list[Location] | None) -> str:
        """The country of the first place in ``locations`` that phonenumbers knows, else the default region."""
        for location in sorted(locations or [], key=lambda loc: loc["start"]):
            if location.get("country") in phonenumbers.SUPPORTED_REGIONS:
                return location["country"]
        return self.default_region

    def _phones(self, offsets: OffsetMap, region: str) -> Iterator[tuple[int, int, str]]:
        """``(source start, source end, E.164)`` of every valid number in the normalised text."""
        seen: dict[str, list[str]] = {}
        text = offsets.text  # doc.text would rebuild the string from the tokens
        if not has_digit(text):  # every phone candidate has one
            return
        for match in _PHONE_CANDIDATE.finditer(text):
            candidate = match.group()
            if candidate not in seen:
                if len(seen) >= MAX_PHONE_CANDIDATES:
                    return
                seen[candidate] = list(phone_numbers(candidate, region))
            source_start, source_end = offsets.to_original(match.start(), match.end())
            for number in seen[candidate]:
                yield source_start, source_end, number


def phone_numbers(candidate: str, region: str) -> Iterator[str]:
    """The valid numbers in a run of digits and separators, read left to right, in E.164."""
    groups = list(_DIGIT_GROUP.finditer(candidate))
    index = 0
    while index < len(groups):
        for stop in range(len(groups), index, -1):
            text = candidate[groups[index].start() : groups[stop - 1].end()]
            if number := to_e164(text, region):
                yield number
                index = stop
                break
        else:
            index += 1


def to_e164(text: str, region: str) -> str | None:
    """``text`` as an E.164 number when it is a valid phone number in ``region`` (``00`` reads as ``+``)."""
    digits = "".join(c for c in text if c.isdigit() or c == "+")
    if len(digits.lstrip("+")) < 6:
        return None
    if digits.startswith("00"):
        digits = "+" + digits[2:]
    try:
        number = phonenumbers.parse(digits, region)
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_valid_number(number):
        return None
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def _emails(text: str) -> Iterator[tuple[int, int, str]]:
    """``(start, end, address)`` of every address, plain or written out with at/dot, that looks valid."""
    if not _may_have_email(text) or not _EMAIL_HINT.search(text):
        return
    for match in _EMAIL.finditer(text):
        spelled_out = "@" not in match.group("at")
        labels = _DOT_SPLIT.split(match.group("domain"))
        if spelled_out and not re.search(r"[\[({<]|\bdot\b|\bpunt\b", match.group(), re.IGNORECASE):
            continue
        if address := _valid_address(match.group("local"), labels):
            yield match.start(), match.end(), address


def _may_have_email(text: str) -> bool:
    return "@" in text or "[" in text or "(" in text or "{" in text or "<" in text or _EMAIL_WORDS.may_occur(text)


def _valid_address(local: str, labels: list[str]) -> str | None:
    if not _VALID_LOCAL.fullmatch(local) or ".." in local:
        return None
    if not all(_VALID_LABEL.fullmatch(label) for label in labels) or not _VALID_TLD.fullmatch(labels[-1]):
        return None
    return f"{local}@{'.'.join(labels).lower()}"


def _handles(text: str, region: str) -> Iterator[tuple[int, int, str, str | None]]:
    """``(start, end, handle, phone or None)`` for messaging handles and links."""
    if not (":" in text or "=" in text or "@" in text or "/" in text) or not _HANDLE_HINT.search(text):
        return
    for match in _NAMED_HANDLE.finditer(text):
        service = _SERVICES[match.group("service").lower()]
        yield match.start(), match.end(), f"{service}:@{match.group('name').lower()}", None
    for match in _NUMBER_HANDLE.finditer(text):
        if phone := to_e164(match.group("number"), region):
            service = "signal" if match.group("service").lower() == "signal" else "whatsapp"
            yield match.start(), match.end(), f"{service}:{phone}", phone
    for match in _LINK_HANDLE.finditer(text):
        if match.group("tme"):
            yield match.start(), match.end(), f"telegram:@{match.group('name').lower()}", None
        elif phone := to_e164("+" + match.group("wa"), region):
            yield match.start(), match.end(), f"whatsapp:{phone}", phone


def _ordered_unique(found: list[tuple[int, int, str]]) -> list[str]:
    return list(dict.fromkeys(value for _, _, value in sorted(found, key=lambda triple: triple[0])))


@Language.factory(
    "lantern_contacts",
    requires=["doc._.source_text", "doc._.locations"],
    assigns=["doc._.contacts"],
    default_config={"default_region": "NL"},
)
def make_contact_extractor(nlp: Language, name: str, default_region: str) -> ContactExtractor:
    """Registered factory; ``default_region`` is ``LANTERN_PHONE_REGION`` (an ISO 3166-1 alpha-2 code)."""
    return ContactExtractor(nlp, default_region)
