"""Refuse to build a book whose data does not validate or whose contents leave out a chapter file."""

from pathlib import Path

from sphinx.application import Sphinx
from sphinx.errors import ConfigError

from caucasus_atlas.book.contents import toc_files
from caucasus_atlas.validation import validate_package


def unlisted_chapters(root: Path) -> list[str]:
    """Chapter files under ``chapters/`` that ``_toc.yml`` does not list (``only_build_toc_files`` would skip them)."""
    listed = set(toc_files(root))
    found = (path.relative_to(root) for pattern in ("*.ipynb", "*.md") for path in (root / "chapters").rglob(pattern))
    chapters = [path for path in found if not any(part.startswith(".") for part in path.parts)]  # not checkpoints
    return sorted(str(path) for path in chapters if str(path.with_suffix("")) not in listed)


def check_table_of_contents(app: Sphinx, config) -> None:
    unlisted = unlisted_chapters(Path(app.confdir))
    if unlisted:
        raise ConfigError(f"chapter files missing from _toc.yml (add them, or remove them): {', '.join(unlisted)}")


def check_data(app: Sphinx, config) -> None:
    problems = validate_package()
    if problems:
        raise ConfigError("the data does not validate:\n" + "\n".join(map(str, problems)))
