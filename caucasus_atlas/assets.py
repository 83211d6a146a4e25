"""Files the maps load, served from the book itself: Leaflet and the boundaries.

Nothing comes from a third-party host. Leaflet is taken from the pinned
xstatic-leaflet package; the boundaries from ``data/boundaries/``. The build copies
both into ``_static/``, and notebook maps, which live in ``chapters/``, point there.
A notebook opened in Jupyter itself has no ``_static/``; preview maps in the built book.
"""

import shutil
from pathlib import Path

from xstatic.pkg import leaflet

from caucasus_atlas.paths import BOUNDARIES_DIR

LEAFLET_DIR = Path(leaflet.BASE_DIR)
LEAFLET_FILES = ("leaflet.js", "leaflet.css", "images")
BOUNDARY_FILES = ("countries.geojson", "disputed.geojson")
STATIC_URL = "../_static"  # relative to a page in chapters/
MAP_JS = [("leaflet", f"{STATIC_URL}/leaflet/leaflet.js")]
MAP_CSS = [("leaflet_css", f"{STATIC_URL}/leaflet/leaflet.css")]


def boundary_url(layer: str) -> str:
    return f"{STATIC_URL}/boundaries/{layer}.geojson"


def copy_map_assets(static_dir: Path) -> None:
    """Copy Leaflet and the boundary files into the built book's ``_static``."""
    for source_dir, names, target in (
        (LEAFLET_DIR, LEAFLET_FILES, "leaflet"),
        (BOUNDARIES_DIR, BOUNDARY_FILES, "boundaries"),
    ):
        (static_dir / target).mkdir(parents=True, exist_ok=True)
        for name in names:
            source, destination = source_dir / name, static_dir / target / name
            if source.is_dir():
                shutil.copytree(source, destination, dirs_exist_ok=True)
            else:
                shutil.copyfile(source, destination)
