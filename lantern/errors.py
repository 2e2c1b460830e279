"""Errors a person can act on. The CLI prints them without a traceback."""

from __future__ import annotations


class LanternError(Exception):
    """Base for errors caused by input or configuration, shown to the user as a message and a hint."""

    exit_code = 1

    def __init__(self, message: str, *, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return self.message if not self.hint else f"{self.message}\n  hint: {self.hint}"


class ConfigError(LanternError):
    """A setting, source file or schedule is invalid."""

    exit_code = 2


class InputError(LanternError):
    """An input file or line cannot be used."""

    exit_code = 2
