"""What the book's notebooks are made from, as one digest: the data package, this package's source and the lock file.

The build-time code (``caucasus_atlas/book/``) is left out: no notebook imports it, and an edit to it need not
run every notebook again."""

import hashlib
from pathlib import Path

from caucasus_atlas.paths import DATA_DIR, REPO_ROOT


def input_fingerprint(data_dir: Path = DATA_DIR, root: Path = REPO_ROOT) -> str:
    """SHA-256 over the files of ``data_dir`` (named as if in ``data/``), ``root``'s package source (but its build
    code) and lock file."""
    named = [(Path("data") / path.relative_to(data_dir), path) for path in data_dir.rglob("*")]
    package = root / "caucasus_atlas"
    code = [*(p for p in package.rglob("*.py") if p.parent != package / "book"), root / "requirements.txt"]
    code += [*(package / "static").rglob("*")]  # the maps' scripts, which map outputs carry (maps.FRAME_HOST)
    named += [(path.relative_to(root), path) for path in code]
    digest = hashlib.sha256()
    for name, path in sorted(named):
        if path.is_file():
            digest.update(str(name).encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def build_code_fingerprint(root: Path = REPO_ROOT) -> str:
    """SHA-256 over the build-time code (``caucasus_atlas/book/``), which shapes every page but no notebook."""
    digest = hashlib.sha256()
    for path in sorted((root / "caucasus_atlas" / "book").rglob("*.py")):
        digest.update(str(path.relative_to(root)).encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()
