"""Phone numbers as the stores keep them: E.164 (``+12025550143``)."""

from __future__ import annotations

import phonenumbers

from lantern.errors import InputError

HINT = "use E.164 with the country code, e.g. +12025550143"


def normalise_phone(value: str, region: str = "NL") -> str:
    """A phone number in E.164 (numbers without a country code read in ``region``); InputError otherwise."""
    try:
        number = phonenumbers.parse(value, region)
    except phonenumbers.NumberParseException as exc:
        raise InputError(f"not a phone number: {value!r} ({exc})", hint=HINT) from None
    if not phonenumbers.is_possible_number(number):
        raise InputError(f"not a possible phone number: {value!r}", hint=HINT)
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
