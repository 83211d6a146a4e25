"""Settings for every pytest run from this folder, the notebooks' alone included (`pytest chapters/x.ipynb`)."""

import os


def pytest_configure(config):
    """Notebooks under nbval draw the book's maps, as their committed outputs do (see caucasus_atlas.assets)."""
    os.environ["ATLAS_MAPS"] = "book"


# The two longest test files (a book rebuilt from hostile data; Chromium over every page of the book), started first,
# so that neither is left running alone at the end of a run. pytest-xdist would otherwise start the files with the
# most tests first (``--no-loadscope-reorder`` in pyproject.toml keeps this order), and the hostile book's 14 tests
# came fourteenth.
LONGEST = ("tests/test_hostile.py", "tests/test_browser.py")


def pytest_collection_modifyitems(items):
    """Put the tests of the ``LONGEST`` files first, in that order; the others keep theirs."""
    rank = {path: number for number, path in enumerate(LONGEST)}
    items.sort(key=lambda item: rank.get(item.nodeid.split("::")[0], len(LONGEST)))
