"""Fixes to what readers of assistive technology get: bibliography list items, and figures' alternative text."""

import re
from html import unescape
from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx

SVG_TITLE = re.compile(r"<title>(.*?)</title>", re.DOTALL)


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
