"""Clean verdicts on the book's data, remembered: the package is checked again only when its inputs change.

A verdict is a file named by the inputs' fingerprint (the data's bytes, the package source and the lock; see
``fingerprint``) in ``_build/.validated/`` of the repository this code runs from, so a build, Sphinx and every
notebook kernel check the data once between them. Only a clean verdict is kept: problems are found afresh
every time, and shown.
"""

import os
from collections.abc import Callable
from contextlib import suppress
from pathlib import Path

from caucasus_atlas.fingerprint import input_fingerprint
from caucasus_atlas.paths import DATA_DIR, REPO_ROOT
from caucasus_atlas.problems import Problem

VERDICTS = REPO_ROOT / "_build" / ".validated"
CLEAN = "valid\n"  # a verdict file says exactly this; anything else is ignored


def verdict_folder(data_dir: Path) -> Path | None:
    """Where verdicts on ``data_dir`` are kept: ``VERDICTS`` for the book's own data, nowhere for other packages."""
    return VERDICTS if data_dir.resolve() == DATA_DIR.resolve() else None


def remembered(check: Callable[[Path], list[Problem]], data_dir: Path, folder: Path) -> list[Problem]:
    """``check(data_dir)``, or no problems at once if ``folder`` holds a clean verdict on the same inputs."""
    digest = input_fingerprint(data_dir)
    if is_clean(folder / digest):
        return []
    problems = check(data_dir)
    if not problems and input_fingerprint(data_dir) == digest:  # not edited while it was checked
        record_clean(folder, digest)
    return problems


def is_clean(verdict: Path) -> bool:
    try:
        return verdict.read_text(encoding="utf-8") == CLEAN
    except (OSError, UnicodeDecodeError):
        return False


def record_clean(folder: Path, digest: str) -> None:
    """Write the clean verdict on ``digest`` whole (other processes may read it), replacing older verdicts.

    A verdict that cannot be written (a read-only checkout) is not kept; the check stands.
    """
    with suppress(OSError):
        folder.mkdir(parents=True, exist_ok=True)
        for old in folder.glob("[!.]*"):  # not another process's verdict being written
            if old.name != digest:
                old.unlink(missing_ok=True)
        written = folder / f".{digest}.{os.getpid()}"
        written.write_text(CLEAN, encoding="utf-8")
        os.replace(written, folder / digest)
