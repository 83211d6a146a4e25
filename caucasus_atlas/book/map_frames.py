"""Each map's document in a file of its own beside its page, not inside the page.

folium hands a map to the notebook as an iframe whose whole document, data included, sits in the page's HTML
(``srcdoc``): the two maps of the footprint page are two thirds of its bytes, and a phone reads and parses them
before it shows any text. At build time each such document is written beside its page, named by its content
(``footprint.map-<digest>.html``), and the frame loads it from there (``src``), lazily, as every map frame does.
In the same folder as the page, the document's relative addresses (``../_static/…``) lead where they led, and
sandboxed as before, it has an origin of its own. The notebooks keep ``srcdoc``, which Jupyter needs.

The browser keeps no cache for a frame with an origin of its own, so each map would download Leaflet and the map
script again, on every page. So the document does not load them itself: in their place it gets
``caucasus_atlas/static/frame-loader.js``, which asks the page for their text (the page's downloads are cached for
the whole book), and its own scripts are held back (``type="text/x-atlas-map"``) until the loader has run them.
The loader, and the page's side of the frames (``frame-host.js``, which each map's output carries), are minified
as the book's other scripts are (``minify``).
"""

import hashlib
import html
import json
import re
from pathlib import Path

from sphinx.application import Sphinx

from caucasus_atlas.book.minify import minified

FRAME_DOCUMENT = re.compile(r'(<iframe [^>]*?)srcdoc="([^"]*)"')  # an attribute value holds no raw quote
FILE_TAG = re.compile(r'[ \t]*(?:<script src="([^"]+)"></script>|<link rel="stylesheet" href="([^"]+)"/>)\n?')
INLINE_SCRIPT = "<script>"
HELD_SCRIPT = '<script type="text/x-atlas-map">'
STATIC = Path(__file__).parent.parent / "static"
LOADER = minified((STATIC / "frame-loader.js").read_text(encoding="utf-8"), ".js")
FRAME_HOST = (STATIC / "frame-host.js").read_text(encoding="utf-8")  # as caucasus_atlas.maps puts it in the outputs


def shared_files(document: str) -> str:
    """``document`` loading its scripts and stylesheets through the page (``frame-loader.js``), its own scripts held
    back until then; unchanged if it loads none (a map made outside the book carries them inside it)."""
    files = [script or sheet for script, sheet in FILE_TAG.findall(document)]
    first = FILE_TAG.search(document)
    if not files or any(url.startswith("data:") for url in files):
        return document
    held = FILE_TAG.sub("", document).replace(INLINE_SCRIPT, HELD_SCRIPT)
    loader = f'<script data-atlas-files="{html.escape(json.dumps(files))}">\n{LOADER}</script>\n'
    return held[: first.start()] + loader + held[first.start() :]


def frame_file_name(page_stem: str, document: str) -> str:
    """The file a page's map document is written to: named by the page and the document's content."""
    return f"{page_stem}.map-{hashlib.sha256(document.encode()).hexdigest()[:12]}.html"


def move_map_documents(app: Sphinx, pagename: str, templatename, context: dict, doctree) -> None:
    """Write each ``srcdoc`` document of the page's body beside the page, point its frame there, and remove the
    page's map documents of earlier builds; minify the page's side of the frames."""
    if "body" not in context:
        return
    page = Path(app.outdir) / pagename
    written = set()

    def moved(match: re.Match) -> str:
        document = shared_files(html.unescape(match.group(2)))
        name = frame_file_name(page.name, document)
        page.parent.mkdir(parents=True, exist_ok=True)
        (page.parent / name).write_text(document, encoding="utf-8")
        written.add(name)
        return f'{match.group(1)}src="{name}"'

    context["body"] = FRAME_DOCUMENT.sub(moved, context["body"]).replace(FRAME_HOST, minified(FRAME_HOST, ".js"))
    for earlier in page.parent.glob(f"{page.name}.map-*.html"):
        if earlier.name not in written:
            earlier.unlink()
