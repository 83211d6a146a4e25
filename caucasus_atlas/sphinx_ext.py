"""Sphinx hooks: refuse to build on invalid data, cite sources the book's way, ship the map assets,
and give figures their alternative text."""

import re
from html import unescape
from pathlib import Path

from docutils import nodes
from pybtex.plugin import register_plugin
from pybtex.style.formatting import toplevel
from pybtex.style.formatting.unsrt import Style as UnsrtStyle
from pybtex.style.template import field, href, join, optional, sentence
from sphinx.application import Sphinx
from sphinx.errors import ConfigError

from caucasus_atlas.assets import copy_map_assets
from caucasus_atlas.icons import shrink_icon_fonts
from caucasus_atlas.validation import validate_package

SVG_TITLE = re.compile(r"<title>(.*?)</title>", re.DOTALL)


class AtlasStyle(UnsrtStyle):
    """Web sources: linked title, publisher, publication date, and when we read it."""

    def get_misc_template(self, e):
        return toplevel[
            sentence[href(url=field("url", raw=True))[field("title")]],
            sentence[field("publisher"), optional[field("date")]],
            sentence[join(" ")["Accessed", field("urldate")]],
        ]


def check_data(app: Sphinx, config) -> None:
    problems = validate_package()
    if problems:
        raise ConfigError("the data does not validate:\n" + "\n".join(map(str, problems)))


def finish_html(app: Sphinx, exception) -> None:
    """Ship the map assets, and cut the icon fonts down to the glyphs the pages use."""
    if exception is None and app.builder.format == "html":
        copy_map_assets(Path(app.outdir) / "_static")
        shrink_icon_fonts(Path(app.outdir))


def disable_thebe(app: Sphinx) -> None:
    """Unhook sphinx-thebe, which Jupyter Book 1 always loads.

    The book has no live-code cells, and thebe's hooks add an inline script naming a
    third-party CDN, twice over on some builds (a duplicate ``const`` that throws in
    the browser console).
    """
    for event in ("env-before-read-docs", "doctree-resolved"):
        for listener in list(app.events.listeners.get(event, [])):
            if listener.handler.__module__ == "sphinx_thebe":
                app.disconnect(listener.id)


def fix_bibliography_roles(app: Sphinx, pagename, templatename, context, doctree) -> None:
    """docutils marks bibliography entries with role="doc-biblioentry", deprecated in ARIA 1.3
    and not allowed inside the role="list" that contains them: screen readers get a list with
    no items. Mark them as list items instead."""
    if "body" in context:
        context["body"] = context["body"].replace('role="doc-biblioentry"', 'role="listitem"')


def alt_from_svg_titles(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Give each SVG figure the alternative text stored as its ``<title>``, not its file name."""
    for image in doctree.findall(nodes.image):
        source = Path(app.srcdir) / image.get("candidates", {}).get("*", "")
        if source.suffix == ".svg" and source.is_file():
            title = SVG_TITLE.search(source.read_text(encoding="utf-8"))
            if title:
                image["alt"] = unescape(title.group(1))


def setup(app: Sphinx) -> dict:
    disable_thebe(app)
    register_plugin("pybtex.style.formatting", "atlas", AtlasStyle)
    app.connect("config-inited", check_data)
    app.connect("build-finished", finish_html)
    app.connect("html-page-context", fix_bibliography_roles)
    app.connect("doctree-resolved", alt_from_svg_titles)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
