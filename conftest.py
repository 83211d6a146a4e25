"""Settings for every pytest run from this folder, the notebooks' alone included (`pytest chapters/x.ipynb`)."""

import os


def pytest_configure(config):
    """Notebooks under nbval draw the book's maps, as their committed outputs do (see caucasus_atlas.assets)."""
    os.environ["ATLAS_MAPS"] = "book"
