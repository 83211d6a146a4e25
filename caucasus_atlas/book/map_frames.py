"""Each map's document in a file of its own beside its page, not inside the page.

folium hands a map to the notebook as an iframe whose whole document, data included, sits in the page's HTML
(``srcdoc``): the two maps of the footprint page are two thirds of its bytes, and a phone reads and parses them
before it shows any text. At build time each such document is written beside its page, named by its content
(``footprint.map-<digest>.html``), and the frame loads it from there (``src``).
In the same folder as the page, the document's relative addresses (``../_static/…``) lead where they led, and
sandboxed as before, it has an origin of its own. Its templates' indentation is left out. The notebooks keep
``srcdoc``, which Jupyter needs.

The browser keeps no cache for a frame with an origin of its own, so each map would download Leaflet and the map
script again, on every page. So the document does not load them itself: in their place it gets
``caucasus_atlas/static/frame-loader.js``, which asks the page for their text (the page's downloads are cached for
the whole book), and its own scripts are held back (``type="text/x-atlas-map"``) until the loader has run them.
The loader, and the page's side of the frames (``frame-host.js``, which each map's output carries), are minified
as the book's other scripts are (``minify``).

What a click on a site or a corridor shows (each map's ``#atlas-details`` block: facts and sources, two thirds of
a site map's bytes) goes into one file beside the page, shared by its maps (``footprint.details-<digest>.json``);
the block keeps only its address, and a map asks the page for it the first time a reader reaches for the map.

Every frame loads lazily, except a page's first map when only a short opening text comes before it: the browser
would load it as soon as it had laid the page out, and waiting for that layout cost the footprint page's first map
about 0.1 s on a desktop (issue 19).
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
BOUNDARIES = re.compile(r'atlasMaps\.boundaryLayer\([^{]*\{"url": "((?:[^"\\]|\\.)+)"')  # a map's topology, as JSON
DETAILS_BLOCK = re.compile(r'<script type="application/json" id="atlas-details">(.*?)</script>', re.DOTALL)
OPENING = 4000  # characters of text before a page's first map, about three screens of a phone: it loads at once
EMBEDDED = re.compile(r"<(img|svg|table|object|video)[\s>]")
NOT_TEXT = re.compile(r"<(script|style)[\s>].*?</\1>|<[^>]*>", re.DOTALL)  # what a reader does not read
STATIC = Path(__file__).parent.parent / "static"
LOADER = minified((STATIC / "frame-loader.js").read_text(encoding="utf-8"), ".js")
FRAME_HOST = (STATIC / "frame-host.js").read_text(encoding="utf-8")  # as caucasus_atlas.maps puts it in the outputs


def shared_files(document: str) -> str:
    """``document`` loading its scripts and stylesheets through the page (``frame-loader.js``), its own scripts held
    back until then, and asking for the boundaries its scripts will draw at the same time as for the scripts;
    unchanged if it loads none (a map made outside the book carries them inside it)."""
    files = [script or sheet for script, sheet in FILE_TAG.findall(document)]
    first = FILE_TAG.search(document)
    if not files or any(url.startswith("data:") for url in files):
        return document
    held = FILE_TAG.sub("", document).replace(INLINE_SCRIPT, HELD_SCRIPT)
    data = sorted({json.loads(f'"{url}"') for url in BOUNDARIES.findall(document)})  # as the script reads it
    files_json, data_json = (html.escape(json.dumps(urls)) for urls in (files, data))
    loader = f'<script data-atlas-files="{files_json}" data-atlas-data="{data_json}">\n{LOADER}</script>\n'
    return held[: first.start()] + loader + held[first.start() :]


def without_indentation(document: str) -> str:
    """``document`` without the indentation and the blank lines of folium's templates: a map's data is JSON on
    one line, so no string in it loses a space."""
    return "\n".join(line.strip() for line in document.splitlines() if line.strip())


def page_details(documents: list[str], page_stem: str) -> tuple[list[str], str, str]:
    """The page's map ``documents`` with their details blocks pointing to one file, the file's name and its text
    (every block's entries, by key); the documents unchanged, and no file, if none has details."""
    entries: dict[str, str] = {}
    for document in documents:
        for block in DETAILS_BLOCK.findall(document):
            for key, markup in json.loads(block).items():
                if entries.setdefault(key, markup) != markup:
                    raise ValueError(f"{page_stem}: two maps give different details for {key!r}")
    if not entries:
        return documents, "", ""
    text = json.dumps(entries, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    name = f"{page_stem}.details-{digest(text)}.json"
    pointer = f'<script type="application/json" id="atlas-details" data-src="{name}"></script>'
    return [DETAILS_BLOCK.sub(lambda _: pointer, document) for document in documents], name, text  # taken as text


def opening_map_at_once(body: str) -> str:
    """``body`` with its first map loaded at once (``loading="eager"``) if only a short opening text comes before
    it (``OPENING``): the browser would load that frame as soon as it had laid the page out, and a lazy frame
    waits for that layout. A map below a figure, a table or a longer text stays lazy."""
    start = body.find("<iframe ")
    if start < 0:  # most pages: no map
        return body
    before = body[:start]
    if EMBEDDED.search(before) or len(" ".join(html.unescape(NOT_TEXT.sub(" ", before)).split())) > OPENING:
        return body
    return before + body[start:].replace(' loading="lazy" ', ' loading="eager" ', 1)


def digest(text: str) -> str:
    """The part of a file's name that changes with its content."""
    return hashlib.sha256(text.encode()).hexdigest()[:12]


def move_map_documents(app: Sphinx, pagename: str, templatename, context: dict, doctree) -> None:
    """Write each ``srcdoc`` document of the page's body beside the page, its maps' details in a file they share,
    point each frame to its document, load an opening map at once, and remove the page's files of earlier builds;
    minify the page's side of the frames."""
    if "body" not in context:
        return
    page = Path(app.outdir) / pagename
    body = context["body"]
    frames = list(FRAME_DOCUMENT.finditer(body))
    documents, details_name, details_text = page_details([html.unescape(m.group(2)) for m in frames], page.name)
    files = {details_name: details_text} if details_name else {}
    pieces, start = [], 0
    for frame, document in zip(frames, documents, strict=True):
        document = without_indentation(shared_files(document))
        name = f"{page.name}.map-{digest(document)}.html"
        files[name] = document
        pieces += [body[start : frame.start()], f'{frame.group(1)}src="{name}"']
        start = frame.end()
    body = opening_map_at_once("".join([*pieces, body[start:]]))
    context["body"] = body.replace(FRAME_HOST, minified(FRAME_HOST, ".js"))
    if files:
        page.parent.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (page.parent / name).write_text(text, encoding="utf-8")
    for earlier in [*page.parent.glob(f"{page.name}.map-*.html"), *page.parent.glob(f"{page.name}.details-*.json")]:
        if earlier.name not in files:
            earlier.unlink()
