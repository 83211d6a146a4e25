"""Files the maps load, served from the book itself: Leaflet, topojson-client, the book's map script and the boundaries.

Nothing comes from a third-party host. Leaflet is taken from the pinned
xstatic-leaflet package, topojson-client from ``vendor/``, and the boundary topology
is made from ``data/boundaries/`` (see ``topology``). A notebook's maps point into the book's
``_static/`` from the notebook's own folder, where it runs, so they work at any depth of the book.

The book's maps are made where ``ATLAS_MAPS=book``: the build, ``make execute`` and nbval set it
(``book_environment``). Anywhere else, in Jupyter (on Binder, say), which does not serve the book's
``_static/``, each map carries the same files inside it as ``data:`` URLs and draws with nothing to
set, even from a saved HTML file; ``caucasus_atlas.jupyter`` turns such maps back into the book's
when a notebook is saved.
"""

import base64
import os
import re
import shutil
from functools import cache
from pathlib import Path

from xstatic.pkg import leaflet

from caucasus_atlas.paths import REPO_ROOT

LEAFLET_DIR = Path(leaflet.BASE_DIR)
LEAFLET_FILES = ("leaflet.js", "leaflet.css", "images")
TOPOJSON_CLIENT = Path(__file__).parent / "vendor" / "topojson-client" / "topojson-client.min.js"
ATLAS_MAPS_JS = Path(__file__).parent / "static" / "atlas-maps.js"
ATLAS_MAPS_CSS = Path(__file__).parent / "static" / "atlas-maps.css"
LEAFLET_IMAGE = re.compile(r"""url\((['"]?)(?:\./)?images/([\w-]+\.png)\1\)""")  # in leaflet.css


def map_assets() -> tuple[list[tuple[str, str]], list[tuple[str, str]], str]:
    """Leaflet's scripts, its stylesheet and the boundaries' address, as this run's maps should load them."""
    return book_assets() if os.environ.get("ATLAS_MAPS") == "book" else standalone_assets()


def book_assets(folder: Path | None = None) -> tuple[list[tuple[str, str]], list[tuple[str, str]], str]:
    """The map files in the book's ``_static/``, seen from a notebook in ``folder`` (default: where this runs)."""
    static = static_url(folder)
    scripts = [
        ("leaflet", f"{static}/leaflet/leaflet.js"),
        ("topojson", f"{static}/topojson-client.min.js"),
        ("atlas", f"{static}/atlas-maps.js"),
    ]
    stylesheets = [("leaflet_css", f"{static}/leaflet/leaflet.css"), ("atlas_css", f"{static}/atlas-maps.css")]
    return scripts, stylesheets, f"{static}/boundaries.topojson"


def static_url(folder: Path | None = None) -> str:
    """The book's ``_static/`` seen from the page a notebook in ``folder`` becomes (default: where this runs).

    The built book mirrors the source tree, so the path from a notebook's folder to the repository's root
    is the path from its page to the book's root.
    """
    return Path(os.path.relpath(REPO_ROOT / "_static", folder or Path.cwd())).as_posix()


@cache
def standalone_assets() -> tuple[list[tuple[str, str]], list[tuple[str, str]], str]:
    """The map files as ``data:`` URLs, made once per process (half a megabyte, and a second's work)."""
    from caucasus_atlas import topology  # here, not above: the book's maps and the build need no geopandas

    stylesheet = LEAFLET_IMAGE.sub(
        lambda m: f"url({data_url((LEAFLET_DIR / 'images' / m.group(2)).read_bytes(), 'image/png')})",
        (LEAFLET_DIR / "leaflet.css").read_text(encoding="utf-8"),
    )
    scripts = [
        ("leaflet", data_url((LEAFLET_DIR / "leaflet.js").read_bytes(), "text/javascript")),
        ("topojson", data_url(TOPOJSON_CLIENT.read_bytes(), "text/javascript")),
        ("atlas", data_url(ATLAS_MAPS_JS.read_bytes(), "text/javascript")),
    ]
    return (
        scripts,
        [
            ("leaflet_css", data_url(stylesheet.encode(), "text/css")),
            ("atlas_css", data_url(ATLAS_MAPS_CSS.read_bytes(), "text/css")),
        ],
        data_url(topology.web_topology().encode(), "application/json"),
    )


def book_environment() -> dict[str, str]:
    """This process's environment with ``ATLAS_MAPS=book``: for runs whose maps go into the book."""
    return {**os.environ, "ATLAS_MAPS": "book"}


def data_url(content: bytes, media_type: str) -> str:
    """``content`` as a URL that carries it (base64)."""
    return f"data:{media_type};base64,{base64.b64encode(content).decode('ascii')}"


def copy_map_assets(static_dir: Path) -> None:
    """Write Leaflet, topojson-client and the book's map script and stylesheet into the built book's ``_static``
    (the boundary topology is written by ``caucasus_atlas.book.page_assets.write_boundaries``)."""
    (static_dir / "leaflet").mkdir(parents=True, exist_ok=True)
    for name in LEAFLET_FILES:
        source, destination = LEAFLET_DIR / name, static_dir / "leaflet" / name
        if source.is_dir():
            shutil.copytree(source, destination, dirs_exist_ok=True)
        else:
            shutil.copyfile(source, destination)
    shutil.copyfile(TOPOJSON_CLIENT, static_dir / TOPOJSON_CLIENT.name)
    for own in (ATLAS_MAPS_JS, ATLAS_MAPS_CSS):
        shutil.copyfile(own, static_dir / own.name)
