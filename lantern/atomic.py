"""Output files written whole or not at all, and never over an input.

Every file Lantern writes for a person (analysis records, exports, plots, dashboards, store backups) is written
to a temporary name beside the target, flushed to disk, then renamed over the target, so a crash or an error
leaves the old file (or none), never half a file. A target that is one of the command's inputs (the same file,
also through a link) is refused before anything is opened for writing.

Example::

    with atomic_output(Path("out.jsonl"), inputs=[Path("in.jsonl")]) as temporary:
        temporary.write_text("...")
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

from lantern.errors import InputError


def same_file(a: Path, b: Path) -> bool:
    """True when both paths name one file (the same path, a link to it, or a hard link)."""
    try:
        return a.exists() and b.exists() and os.path.samefile(a, b)
    except OSError:
        return False


def refuse_inputs(output: Path, inputs: Iterable[Path], what: str = "an input of this command") -> None:
    """:class:`InputError` when ``output`` is one of ``inputs`` (writing it would destroy the input)."""
    for source in inputs:
        if same_file(output, source) or output.resolve() == source.resolve():
            raise InputError(f"the output {output} is {what}", hint="write to another file; the input is left as it is")


def check_target(path: Path) -> None:
    """:class:`InputError` when ``path`` cannot be an output file (a folder, or in a folder that is missing)."""
    if path.is_dir():
        raise InputError(f"{path} is a folder", hint="give a file name for the output")
    if not path.parent.is_dir():
        raise InputError(f"the folder of {path} does not exist", hint="create it first or choose another output")


@contextmanager
def atomic_output(path: Path, *, inputs: Iterable[Path] = ()) -> Iterator[Path]:
    """A temporary path beside ``path`` that replaces ``path`` when the block succeeds (removed when it fails)."""
    path = Path(path)
    refuse_inputs(path, inputs)
    check_target(path)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.part")
    try:
        yield temporary
        _fsync(temporary)
        os.replace(temporary, path)
    except OSError as exc:
        raise InputError(f"cannot write {path}: {exc.strerror or exc}") from None
    finally:
        temporary.unlink(missing_ok=True)


def _fsync(path: Path) -> None:
    if not path.exists():
        return
    with open(path, "rb") as handle:
        os.fsync(handle.fileno())
