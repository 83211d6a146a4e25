"""Build the book: validate the data, keep the execution cache honest, run Jupyter Book.

jupyter-cache keys a notebook on its code cells only, so a change to the data or
to this package would reuse stale outputs. The cache is therefore tied to a
fingerprint of everything notebooks read, and dropped when that changes.
"""

import hashlib
import shutil
import subprocess
import sys
from pathlib import Path

from caucasus_atlas.assets import book_environment
from caucasus_atlas.paths import DATA_DIR, REPO_ROOT
from caucasus_atlas.problems import DataError
from caucasus_atlas.validation import validate_package

BUILD_DIR = REPO_ROOT / "_build"
CACHE_DIR = BUILD_DIR / ".jupyter_cache"
CACHE_KEY = BUILD_DIR / ".jupyter_cache.inputs"
STRICT_FLAGS = ["-W", "-n", "--keep-going"]


def input_fingerprint(root: Path = REPO_ROOT) -> str:
    """SHA-256 over the data, the package source and the lock file."""
    files = sorted([*DATA_DIR.rglob("*"), *(root / "caucasus_atlas").rglob("*.py"), root / "requirements.txt"])
    digest = hashlib.sha256()
    for path in files:
        if path.is_file():
            digest.update(str(path.relative_to(root)).encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def refresh_execution_cache() -> bool:
    """Drop the execution cache if its inputs changed; return whether it was dropped."""
    fingerprint = input_fingerprint()
    stale = not CACHE_KEY.exists() or CACHE_KEY.read_text() != fingerprint
    if stale:
        shutil.rmtree(CACHE_DIR, ignore_errors=True)
        BUILD_DIR.mkdir(exist_ok=True)
        CACHE_KEY.write_text(fingerprint)
    return stale


def build_book(quiet: bool = False) -> Path:
    """Build the HTML book with warnings as errors; return the folder of the HTML.

    ``quiet`` keeps Jupyter Book's log to itself unless the build fails.
    """
    problems = validate_package()
    if problems:
        raise DataError(problems)
    refresh_execution_cache()
    jupyter_book = Path(sys.executable).with_name("jupyter-book")
    result = subprocess.run(
        [str(jupyter_book), "build", str(REPO_ROOT), *STRICT_FLAGS],
        cwd=REPO_ROOT,
        capture_output=quiet,
        text=True,
        env=book_environment(),
    )
    if result.returncode:
        if quiet:
            print(result.stdout, result.stderr, sep="\n", file=sys.stderr)
        raise subprocess.CalledProcessError(result.returncode, result.args)
    return BUILD_DIR / "html"
