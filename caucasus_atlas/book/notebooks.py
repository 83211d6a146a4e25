"""Re-run notebooks in place so that their committed outputs match a fresh run exactly.

A notebook run here is also stored in the build's execution cache, so the next ``make book``
reuses its outputs instead of running it again: a contributor's edit, execute and build
runs each notebook once.
"""

from pathlib import Path

import nbformat
from jupyter_cache import get_cache
from nbclient import NotebookClient

from caucasus_atlas.assets import book_environment
from caucasus_atlas.book.build import CACHE_DIR, refresh_execution_cache
from caucasus_atlas.paths import REPO_ROOT


def execute_in_place(path: Path, timeout: int = 600) -> None:
    """Run every cell in a fresh kernel, from the notebook's folder, and save the outputs.

    Timing metadata is not recorded, so a re-run leaves the file byte-identical, and maps
    are made for the book (``ATLAS_MAPS=book``).
    """
    notebook = nbformat.read(path, as_version=4)
    client = NotebookClient(
        notebook,
        timeout=timeout,
        kernel_name="python3",
        record_timing=False,
        resources={"metadata": {"path": str(path.parent)}},
    )
    client.execute(env=book_environment())
    nbformat.write(notebook, path)
    refresh_execution_cache()  # drop outputs made from other data or code before adding this one
    get_cache(str(CACHE_DIR)).cache_notebook_file(str(path), check_validity=False, overwrite=True)


def chapter_notebooks() -> list[Path]:
    """Every notebook of the book: the introduction, then the chapters."""
    return [REPO_ROOT / "intro.ipynb", *sorted((REPO_ROOT / "chapters").glob("*.ipynb"))]
