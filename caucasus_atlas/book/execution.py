"""Run the book's notebooks that the execution cache lacks, in parallel, before Jupyter Book runs.

myst-nb runs notebooks one at a time. jupyter-cache's own parallel executor (a process per core) runs
them as myst-nb would (from the notebook's folder, with the book's timeout and ``allow_errors``; see
``_config.yml``) and stores them in the build's execution cache, so myst-nb then finds every notebook
cached and runs none. A book that does not run notebooks through the cache from their folders is left
to myst-nb. ``python -m caucasus_atlas.book.execution CACHE
NOTEBOOK...`` runs in the build's environment (``ATLAS_MAPS=book``); if a notebook fails it exits 1,
naming it, after the executor has shown the error.
"""

import logging
import sys
from pathlib import Path

import yaml
from jupyter_cache import get_cache
from jupyter_cache.executors import load_executor

from caucasus_atlas.paths import REPO_ROOT


def execution_settings(root: Path = REPO_ROOT) -> dict:
    """The ``execute`` section of the book's ``_config.yml``."""
    return yaml.safe_load((root / "_config.yml").read_text(encoding="utf-8")).get("execute", {})


def book_notebooks(root: Path = REPO_ROOT) -> list[Path]:
    """The notebooks of the table of contents, in its order."""
    toc = yaml.safe_load((root / "_toc.yml").read_text(encoding="utf-8"))
    files = [toc["root"], *(chapter["file"] for part in toc.get("parts", []) for chapter in part["chapters"])]
    return [path for name in files if (path := (root / name).with_suffix(".ipynb")).is_file()]


def outdated_notebooks(cache_dir: Path, root: Path = REPO_ROOT) -> list[Path]:
    """The book's notebooks whose code has no outputs in the cache, if myst-nb would run them through it."""
    settings = execution_settings(root)
    if settings.get("execute_notebooks") != "cache" or settings.get("run_in_temp"):
        return []
    cache = get_cache(cache_dir)
    uris = [cache.add_nb_to_project(str(path)).uri for path in book_notebooks(root)]
    outdated: dict[str, Path] = {}
    for record in cache.list_unexecuted(filter_uris=uris):
        hashkey = cache.create_hashed_notebook(cache.get_project_notebook(record.pk).nb)[1]
        outdated.setdefault(hashkey, Path(record.uri))  # notebooks with the same code are cached once, as myst-nb does
    return list(outdated.values())


def execute(cache_dir: Path, notebooks: list[Path], root: Path = REPO_ROOT) -> list[str]:
    """Run ``notebooks`` in parallel and cache each that succeeds; return those that did not."""
    settings = execution_settings(root)
    cache = get_cache(cache_dir)
    uris = [cache.add_nb_to_project(str(path)).uri for path in notebooks]
    logger = logging.getLogger(__name__)
    logger.setLevel(logging.INFO)  # the pool's workers then report each notebook, and every error
    logger.addHandler(logging.StreamHandler())
    executor = load_executor("local-parallel", cache, logger)
    result = executor.run_and_cache(
        filter_uris=uris, timeout=settings.get("timeout", 30), allow_errors=settings.get("allow_errors", False)
    )
    return result.excepted + result.errored


def main(argv: list[str]) -> int:
    cache_dir, *notebooks = argv
    failed = execute(Path(cache_dir), [Path(notebook) for notebook in notebooks])
    for uri in failed:
        print(f"{uri}: the notebook failed (see above)", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
