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
from functools import cache
from pathlib import Path
from unittest.mock import patch

from jupyter_cache import entry_points, get_cache
from jupyter_cache.cache.main import JupyterCacheBase
from jupyter_cache.executors import load_executor

from caucasus_atlas.book.contents import book_notebooks, execution_settings
from caucasus_atlas.paths import REPO_ROOT

# jupyter-cache finds its notebook reader among the entry points of every installed package each time it reads a
# notebook: twice a notebook when the build asks which the cache lacks (0.4 s a build). The packages installed do
# not change while the build runs, so they are read once (``tests/test_overrides.py`` checks the name).
entry_points.eps = cache(entry_points.eps)


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
    with untrimmed_while_parallel():
        result = executor.run_and_cache(
            filter_uris=uris, timeout=settings.get("timeout", 30), allow_errors=settings.get("allow_errors", False)
        )
    cache.truncate_caches()
    return result.excepted + result.errored


def untrimmed_while_parallel():
    """A context in which caching a notebook does not trim the cache to its size limit.

    Each of jupyter-cache's workers trims the cache after caching a notebook, and the trim is not atomic: it lists
    the records to keep, then all records, and deletes those not kept, so a record another worker adds in between
    is deleted as it is written, and that notebook's caching fails (``KeyError: Notebook file does not exist for
    cache record``; no upstream issue found). The workers are forked from this process, so they inherit the
    untrimmed method; the caller trims once, after them. ``tests/test_overrides.py`` checks the method's name.
    """
    return patch.object(JupyterCacheBase, "truncate_caches", lambda self: None)


def main(argv: list[str]) -> int:
    cache_dir, *notebooks = argv
    failed = execute(Path(cache_dir), [Path(notebook) for notebook in notebooks])
    for uri in failed:
        print(f"{uri}: the notebook failed (see above)", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
