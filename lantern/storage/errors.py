"""Errors of the storage interface, so callers can tell a backend failure from a bug in Lantern.

Every backend raises :class:`StorageUnavailable` when it cannot take or serve a request for now (unreachable,
overloaded, a red cluster, a locked or full disk) and :class:`StorageRejected` when it refused the request
itself (credentials, a document its mappings cannot take). The store stage spools items on either; any other
exception is a bug and is not retried. Both are :class:`~lantern.errors.LanternError`, so the CLI prints them
as one line (exit 2).
"""

from __future__ import annotations

from lantern.errors import LanternError


class StorageError(LanternError):
    """The backend failed; the request may succeed later or after a change of configuration."""

    exit_code = 2


class StorageUnavailable(StorageError):  # noqa: N818 (the name the interface documents)
    """The backend cannot be reached or cannot take the request for now; retrying later may succeed."""


class StorageRejected(StorageError):  # noqa: N818
    """The backend refused the request (credentials, mappings, limits); it fails again until something changes."""
