"""What each page ships: only the extension assets it uses, the book's own static files, the map assets,
icon fonts cut to the icons the pages use, stylesheets cut to the rules they use, and the data files its tables
link to."""

import re
import shutil
from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx

from caucasus_atlas.assets import copy_map_assets
from caucasus_atlas.book.icons import shrink_icons
from caucasus_atlas.book.minify import minify_own_files
from caucasus_atlas.book.stylesheets import cut_stylesheets
from caucasus_atlas.fingerprint import input_fingerprint
from caucasus_atlas.paths import DATA_DIR


def has_class(*prefixes: str):
    """A test for a doctree holding an element whose class starts with one of ``prefixes``."""
    return lambda doctree: any(
        c.startswith(prefixes) for node in doctree.findall(nodes.Element) for c in node.get("classes", [])
    )


def has_image(doctree: nodes.document) -> bool:
    return any(True for _ in doctree.findall(nodes.image))


def has_code(doctree: nodes.document) -> bool:
    return any(True for _ in doctree.findall(nodes.literal_block))


def has_table(doctree: nodes.document) -> bool:
    """Whether a page shows one of the book's tables (an output of caucasus_atlas.tables)."""
    return any("atlas-table" in node.astext() for node in doctree.findall(nodes.raw))


has_design = has_class("sd-")
has_toggle = has_class("toggle", "dropdown")
# Assets Jupyter Book's extensions put on every page, and what a page must hold to use them.
PAGE_ASSETS = {
    "sphinx-design.min.css": has_design,
    "design-tabs.js": has_design,
    "copybutton.js": has_code,
    "clipboard.min.js": has_code,
    "togglebutton.css": has_toggle,
    "togglebutton.js": has_toggle,
    "sphinx-thebe.css": lambda doctree: False,  # thebe is unhooked (see disable_thebe)
    "atlas-tables.js": has_table,  # the book's own: sorts and filters its tables
    "atlas-figures.js": has_image,  # the book's own: a figure opens larger on click
}
TOGGLE_SETTINGS = re.compile(r"\b(?:toggleHintShow|toggleHintHide|toggleOpenOnPrint|togglebuttonSelector)\b")
# Files _static/atlas-on-demand.js loads once a reader needs them (code shows; the address asks to highlight the
# words searched for). The search page, whose own scripts call them at once, keeps them.
ON_DEMAND = {
    *("pygments.css", "copybutton.css", "clipboard.min.js", "copybutton.js"),  # once code shows
    *("doctools.js", "sphinx_highlight.js"),  # when the address asks to highlight words
}


def finish_html(app: Sphinx, exception) -> None:
    """Ship the book's static files, map assets and data files, its own scripts and stylesheets minified; cut the
    icon rules and fonts down to the icons the pages use, and the stylesheets to the rules they use."""
    if exception is None and app.builder.format == "html":
        refresh_static_files(app)
        copy_map_assets(Path(app.outdir) / "_static")
        minify_own_files(Path(app.outdir) / "_static")
        write_boundaries(Path(app.outdir) / "_static", Path(app.outdir).parent / ".topology")
        shrink_icons(Path(app.outdir), Path(app.outdir).parent / ".icons")
        cut_stylesheets(Path(app.outdir), Path(app.outdir).parent / ".stylesheets")
        publish_data(Path(app.outdir))


def write_boundaries(static_dir: Path, made_dir: Path) -> None:
    """Write the boundary topology into ``_static``. It is made once for each version of what it is made from
    (the data, the package and the lock: ``input_fingerprint``) and kept in ``made_dir``, since making it takes
    half a second, every build (nor is its module, which needs geopandas, imported)."""
    made = made_dir / f"{input_fingerprint()}.topojson"
    if not made.is_file():
        from caucasus_atlas import topology

        made_dir.mkdir(parents=True, exist_ok=True)
        for old in made_dir.glob("*.topojson"):
            old.unlink()
        made.write_text(topology.web_topology(), encoding="utf-8")
    shutil.copyfile(made, static_dir / "boundaries.topojson")


def publish_data(outdir: Path, data_dir: Path = DATA_DIR) -> None:
    """Copy the data tables (``data/*.csv``) to ``data/`` in the built book, where the tables' captions link
    (``caucasus_atlas.tables.csv_link``): ``chapters/x.html`` reaches them as ``../data/<name>.csv``, as a
    notebook in ``chapters/`` does in the repository."""
    target = outdir / "data"
    target.mkdir(exist_ok=True)
    for table in data_dir.glob("*.csv"):
        shutil.copyfile(table, target / table.name)


def refresh_static_files(app: Sphinx) -> None:
    """Copy the book's own static files (``_static/``) that changed.

    Sphinx copies them only when some page is rewritten, so an edit to a stylesheet alone
    would otherwise not reach the built book.
    """
    for folder in app.config.html_static_path:
        source_dir = Path(app.confdir) / folder
        for source in (path for path in source_dir.rglob("*") if path.is_file()):
            target = Path(app.outdir) / "_static" / source.relative_to(source_dir)
            if not target.exists() or target.read_bytes() != source.read_bytes():
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(source, target)


def ship_only_used_assets(app: Sphinx, pagename, templatename, context, doctree) -> None:
    """Drop from a page the extension assets it has nothing for (design components, code, toggles), and the
    scripts it loads on demand."""
    holds = {test: doctree is not None and test(doctree) for test in set(PAGE_ASSETS.values())}  # each test once
    needs = {name: holds[test] for name, test in PAGE_ASSETS.items()}
    if pagename != "search":
        needs |= dict.fromkeys(ON_DEMAND, False)
    for key in ("css_files", "script_files"):
        if key in context:
            context[key] = [f for f in context[key] if needs.get(asset_name(f), True)]


def asset_name(asset) -> str:
    """The name of the file a page's asset loads; for a script written into the page, of the file it sets up
    (sphinx-togglebutton's settings go with togglebutton.js)."""
    if not asset.filename and TOGGLE_SETTINGS.search(asset.attributes.get("body", "")):
        return "togglebutton.js"
    return Path(asset.filename or "").name


def defer_scripts(app: Sphinx, pagename, templatename, context, doctree) -> None:
    """Load every script file of the page after its text (``defer``), in the order the page lists them.

    Sphinx and the extensions put their scripts in the page's head without ``defer``, so the browser stops
    reading the page until each has downloaded and run: on a slow phone, a second or more of blank page. None
    of them needs to run before the text is read (each waits for the document, or only defines functions), and
    the page's inline scripts only set variables the files read later. A script's entry is rebuilt with its
    own class, Sphinx's internal ``_JavaScript`` (``tests/test_overrides.py`` checks its shape). The search page
    is left as it is: its template adds scripts of its own, without ``defer``, that need these at once.
    """
    if "script_files" in context and pagename != "search":
        context["script_files"] = [
            type(js)(js.filename, priority=js.priority, **{**js.attributes, "defer": "defer"})
            if js.filename and "async" not in js.attributes
            else js
            for js in context["script_files"]
        ]


# What a map frame of the book asks its page for, in the order it needs them (caucasus_atlas/book/map_frames.py).
MAP_FILES = (
    "_static/leaflet/leaflet.js",
    "_static/topojson-client.min.js",
    "_static/atlas-maps.js",
    "_static/leaflet/leaflet.css",
    "_static/atlas-maps.css",
    "_static/boundaries.topojson",
)


def preload_map_files(app: Sphinx, pagename, templatename, context, doctree) -> None:
    """On a page with a map, start downloading the maps' files with the page, at low priority, rather than once a
    map frame has loaded and asked for them (``caucasus_atlas/static/frame-host.js`` fetches them for the frames,
    and the browser hands it these downloads)."""
    if 'class="atlas-frame"' in context.get("body", ""):
        links = (
            f'<link rel="preload" href="{context["pathto"](name, 1)}" as="fetch" crossorigin="anonymous" '
            'fetchpriority="low">\n'
            for name in MAP_FILES
        )
        context["metatags"] = context.get("metatags", "") + "".join(links)


def load_images_lazily(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Let the browser fetch each figure only as the reader nears it (``loading="lazy"``), and never the print-only
    figures that stand in for the maps on paper (Chromium fetches them when it prints)."""
    for image in doctree.findall(nodes.image):
        image["loading"] = "lazy"


def disable_thebe(app: Sphinx) -> None:
    """Unhook sphinx-thebe, which Jupyter Book 1 always loads.

    The book has no live-code cells, and thebe's hooks add an inline script naming a
    third-party CDN, twice over on some builds (a duplicate ``const`` that throws in
    the browser console). Jupyter Book has no setting to leave the extension out
    (https://github.com/jupyter-book/jupyter-book/issues/1603); this walks Sphinx's internal
    table of listeners, ``app.events.listeners``, and ``tests/test_overrides.py`` fails if its
    shape or thebe's events change.
    """
    for event in ("env-before-read-docs", "doctree-resolved"):
        for listener in list(app.events.listeners.get(event, [])):
            if listener.handler.__module__ == "sphinx_thebe":
                app.disconnect(listener.id)
