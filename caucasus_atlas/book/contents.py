"""The book's notebooks and how they run, as its configuration (``_config.yml``) and contents (``_toc.yml``) say."""

from collections.abc import Iterator
from pathlib import Path

import yaml

from caucasus_atlas.paths import REPO_ROOT


def execution_settings(root: Path = REPO_ROOT) -> dict:
    """The ``execute`` section of the book's ``_config.yml``."""
    return yaml.safe_load((root / "_config.yml").read_text(encoding="utf-8")).get("execute", {})


def toc_files(root: Path = REPO_ROOT) -> list[str]:
    """Every file of the table of contents (``_toc.yml``), without its suffix, in reading order: the root, then
    each chapter followed by its sections."""
    toc = yaml.safe_load((root / "_toc.yml").read_text(encoding="utf-8"))

    def with_sections(entries: list[dict]) -> Iterator[str]:
        for entry in entries:
            yield entry["file"]
            yield from with_sections(entry.get("sections", []))

    return [toc["root"], *(name for part in toc.get("parts", []) for name in with_sections(part.get("chapters", [])))]


def book_notebooks(root: Path = REPO_ROOT) -> list[Path]:
    """The notebooks of the table of contents, in its order."""
    return [path for name in toc_files(root) if (path := (root / name).with_suffix(".ipynb")).is_file()]
