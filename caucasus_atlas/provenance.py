"""Each file's provenance in ``datapackage.json``: its checksum and size, and the day it last changed.

``hash`` and ``bytes`` are Frictionless's own resource properties; ``lastUpdated`` is ours.
``python -m caucasus_atlas stamp`` brings them up to date after an edit (only once the package
validates: it never records a broken file), and a test fails while they are stale, so the
published metadata always describes the published files.
"""

import hashlib
import json
from datetime import date
from pathlib import Path

from caucasus_atlas.paths import DATA_DIR
from caucasus_atlas.problems import DataError
from caucasus_atlas.validation import validate_package

INTEGRITY = ("hash", "bytes")


def file_integrity(path: Path) -> dict:
    """A file's checksum and size, as Frictionless writes them."""
    content = path.read_bytes()
    return {"hash": f"sha256:{hashlib.sha256(content).hexdigest()}", "bytes": len(content)}


def stale_resources(data_dir: Path = DATA_DIR) -> list[str]:
    """Names of the resources whose recorded checksum or size no longer matches their file."""
    descriptor = json.loads((data_dir / "datapackage.json").read_text(encoding="utf-8"))
    return [
        resource["name"]
        for resource in descriptor["resources"]
        if {k: resource.get(k) for k in INTEGRITY} != file_integrity(data_dir / resource["path"])
    ]


def stamp(data_dir: Path = DATA_DIR, today: date | None = None) -> list[str]:
    """Record the checksum, size and ``lastUpdated`` of every changed file; return the names of those resources.

    Raise DataError, writing nothing, if the package does not validate.
    """
    problems = validate_package(data_dir)
    if problems:
        raise DataError(problems)
    path = data_dir / "datapackage.json"
    descriptor = json.loads(path.read_text(encoding="utf-8"))
    changed = []
    for resource in descriptor["resources"]:
        facts = file_integrity(data_dir / resource["path"])
        if {k: resource.get(k) for k in INTEGRITY} != facts:
            resource.update(facts, lastUpdated=(today or date.today()).isoformat())
            changed.append(resource["name"])
    if changed:
        path.write_text(json.dumps(descriptor, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return changed
