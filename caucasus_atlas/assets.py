"""Files the maps load, served from the book itself: Leaflet, topojson-client and the boundaries.

Nothing comes from a third-party host. Leaflet is taken from the pinned
xstatic-leaflet package, topojson-client from ``vendor/``, and the boundary topology
is made from ``data/boundaries/`` (see ``topology``). Notebook maps, which live in
``chapters/``, point into ``_static/``. A notebook opened in Jupyter itself has no
``_static/``; preview maps in the built book.
"""

import shutil
from pathlib import Path

from xstatic.pkg import leaflet

from caucasus_atlas import topology
from caucasus_atlas.paths import BOUNDARIES_DIR

LEAFLET_DIR = Path(leaflet.BASE_DIR)
LEAFLET_FILES = ("leaflet.js", "leaflet.css", "images")
TOPOJSON_CLIENT = Path(__file__).parent / "vendor" / "topojson-client" / "topojson-client.min.js"
STATIC_URL = "../_static"  # relative to a page in chapters/
BOUNDARIES_URL = f"{STATIC_URL}/boundaries.topojson"
MAP_JS = [
    ("leaflet", f"{STATIC_URL}/leaflet/leaflet.js"),
    ("topojson", f"{STATIC_URL}/topojson-client.min.js"),
]
MAP_CSS = [("leaflet_css", f"{STATIC_URL}/leaflet/leaflet.css")]


def copy_map_assets(static_dir: Path) -> None:
    """Write Leaflet, topojson-client and the boundary topology into the built book's ``_static``."""
    (static_dir / "leaflet").mkdir(parents=True, exist_ok=True)
    for name in LEAFLET_FILES:
        source, destination = LEAFLET_DIR / name, static_dir / "leaflet" / name
        if source.is_dir():
            shutil.copytree(source, destination, dirs_exist_ok=True)
        else:
            shutil.copyfile(source, destination)
    shutil.copyfile(TOPOJSON_CLIENT, static_dir / TOPOJSON_CLIENT.name)
    write_topology(static_dir / "boundaries.topojson")


def write_topology(target: Path) -> None:
    """Write the boundary topology, unless the one there is newer than the boundaries and the code making it."""
    inputs = [*BOUNDARIES_DIR.glob("*.geojson"), Path(topology.__file__)]
    if not target.exists() or target.stat().st_mtime < max(path.stat().st_mtime for path in inputs):
        target.write_text(topology.web_topology(), encoding="utf-8")
