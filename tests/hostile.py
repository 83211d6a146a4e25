"""The hostile-text fixture: strings an attacker or a careless contributor could put in the data.

``tests/fixtures/hostile/payloads.csv`` lists each string, the cell it goes into (a file, the
row's key, a field) and where the built book must show it literally: a page's text, the text a
page's maps show (tooltips, details panels, controls), or an SVG figure.
"""

import csv
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

FIXTURE = Path(__file__).parent / "fixtures" / "hostile" / "payloads.csv"
# What a copy of the repository leaves behind: the build, the environment, the history.
NOT_COPIED = shutil.ignore_patterns(".git", ".venv", "_build", "__pycache__", ".pytest_cache", ".ruff_cache")


@dataclass(frozen=True)
class Payload:
    file: str
    key: str  # the row's first column, or its number as a spreadsheet counts (header = 1)
    field: str
    text: str
    shown_on: tuple[str, ...]  # "chapters/x.html" (page text), "map:chapters/x.html" (its maps), "svg"
    vector: str


def payloads() -> list[Payload]:
    """Every payload of the fixture, in its order."""
    with FIXTURE.open(encoding="utf-8", newline="") as handle:
        return [
            Payload(
                row["file"], row["key"], row["field"], row["payload"], tuple(row["shown_on"].split()), row["vector"]
            )
            for row in csv.DictReader(handle)
        ]


def plant(data_dir: Path, chosen: list[Payload]) -> None:
    """Write each payload into its cell of the data package at ``data_dir``."""
    for payload in chosen:
        path = data_dir / payload.file
        if path.suffix == ".bib":
            plant_in_bibliography(path, payload)
        else:
            plant_in_table(path, payload)


def plant_in_table(path: Path, payload: Payload) -> None:
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    header = rows[0]
    if payload.key.isdigit():
        row = rows[int(payload.key) - 1]
    else:
        row = next(r for r in rows[1:] if r[0] == payload.key)
    row[header.index(payload.field)] = payload.text
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerows(rows)


def plant_in_bibliography(path: Path, payload: Payload) -> None:
    text = path.read_text(encoding="utf-8")
    entry = re.compile(rf"(@\w+\{{{re.escape(payload.key)},.*?\n\s*{payload.field} = \{{)[^\n]*(\}},\n)", re.DOTALL)
    planted, count = entry.subn(lambda m: m.group(1) + payload.text + m.group(2), text, count=1)
    assert count == 1, f"no {payload.field} in entry {payload.key} of {path}"
    path.write_text(planted, encoding="utf-8")


def hostile_copy(repo: Path, built: Path, destination: Path) -> Path:
    """A copy of the repository's working tree, with the build folder ``built`` made from it, and then every
    payload planted in its data: the next build is a warm rebuild after a data edit. Returns the copy's root."""
    shutil.copytree(repo, destination, ignore=NOT_COPIED)
    shutil.copytree(built, destination / "_build", symlinks=True)
    plant(destination / "data", payloads())
    return destination
