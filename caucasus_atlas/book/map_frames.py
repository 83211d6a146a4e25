"""Each map's document in a file of its own beside its page, not inside the page.

folium hands a map to the notebook as an iframe whose whole document, data included, sits in the page's HTML
(``srcdoc``): the two maps of the footprint page are two thirds of its bytes, and a phone reads and parses them
before it shows any text. At build time each such document is written beside its page, named by its content
(``footprint.map-<digest>.html``), and the frame loads it from there (``src``), lazily, as every map frame does.
In the same folder as the page, the document's relative addresses (``../_static/…``) lead where they led, and
sandboxed as before, it has an origin of its own. The notebooks keep ``srcdoc``, which Jupyter needs.
"""

import hashlib
import html
import re
from pathlib import Path

from sphinx.application import Sphinx

FRAME_DOCUMENT = re.compile(r'(<iframe [^>]*?)srcdoc="([^"]*)"')  # an attribute value holds no raw quote


def frame_file_name(page_stem: str, document: str) -> str:
    """The file a page's map document is written to: named by the page and the document's content."""
    return f"{page_stem}.map-{hashlib.sha256(document.encode()).hexdigest()[:12]}.html"


def move_map_documents(app: Sphinx, pagename: str, templatename, context: dict, doctree) -> None:
    """Write each ``srcdoc`` document of the page's body beside the page, and point its frame there."""
    if "body" not in context:
        return
    page = Path(app.outdir) / pagename

    def moved(match: re.Match) -> str:
        document = html.unescape(match.group(2))
        name = frame_file_name(page.name, document)
        page.parent.mkdir(parents=True, exist_ok=True)
        (page.parent / name).write_text(document, encoding="utf-8")
        return f'{match.group(1)}src="{name}"'

    context["body"] = FRAME_DOCUMENT.sub(moved, context["body"])
