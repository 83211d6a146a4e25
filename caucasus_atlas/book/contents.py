"""The book's notebooks and how they run, as its configuration (``_config.yml``) and contents (``_toc.yml``) say."""

from pathlib import Path

import yaml

from caucasus_atlas.paths import REPO_ROOT


def execution_settings(root: Path = REPO_ROOT) -> dict:
    """The ``execute`` section of the book's ``_config.yml``."""
    return yaml.safe_load((root / "_config.yml").read_text(encoding="utf-8")).get("execute", {})


def book_notebooks(root: Path = REPO_ROOT) -> list[Path]:
    """The notebooks of the table of contents, in its order."""
    toc = yaml.safe_load((root / "_toc.yml").read_text(encoding="utf-8"))
    files = [toc["root"], *(chapter["file"] for part in toc.get("parts", []) for chapter in part["chapters"])]
    return [path for name in files if (path := (root / name).with_suffix(".ipynb")).is_file()]
