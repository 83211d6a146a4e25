"""Fixes to what readers of assistive technology get: bibliography list items, the sidebar's toggles, and figures'
alternative text."""

import re
from html import unescape
from pathlib import Path

from bs4 import BeautifulSoup
from docutils import nodes
from sphinx.application import Sphinx

SVG_TITLE = re.compile(r"<title>(.*?)</title>", re.DOTALL)


def fix_bibliography_roles(app: Sphinx, pagename, templatename, context, doctree) -> None:
    """docutils marks bibliography entries with role="doc-biblioentry", deprecated in ARIA 1.3
    and not allowed inside the role="list" that contains them: screen readers get a list with
    no items. Mark them as list items instead."""
    if "body" in context:
        context["body"] = context["body"].replace('role="doc-biblioentry"', 'role="listitem"')


def name_sidebar_toggles(app: Sphinx, pagename, templatename, context, doctree) -> None:
    """pydata-sphinx-theme (0.17.1) gives the sidebar's toggle of a page's sections no name, so screen readers
    announce a bare disclosure (axe-core's "summary-name", serious; reported of these toggles in
    https://github.com/pytorch/pytorch_sphinx_theme/pull/234). Name each after the page it opens."""
    generate = context.get("generate_toctree_html")
    if generate:
        context["generate_toctree_html"] = lambda *args, **kwargs: named_toggles(generate(*args, **kwargs))


def named_toggles(sidebar: str | BeautifulSoup) -> str | BeautifulSoup:
    """The sidebar, each toggle named "Pages under <page>": as the theme gives it, a parsed tree (changed in place,
    which its cache keeps) or HTML."""
    tree = BeautifulSoup(sidebar, "html.parser") if isinstance(sidebar, str) else sidebar
    for summary in tree.select("li.has-children > details > summary"):
        link = summary.parent.parent.find("a", class_="reference", recursive=False)
        if link and not summary.get("aria-label"):
            summary["aria-label"] = f"Pages under {link.get_text()}"
    return str(tree) if isinstance(sidebar, str) else tree


def alt_from_svg_titles(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Give each SVG figure the alternative text stored as its ``<title>``, not its file name."""
    for image in doctree.findall(nodes.image):
        source = Path(app.srcdir) / image.get("candidates", {}).get("*", "")
        if source.suffix == ".svg" and source.is_file():
            title = SVG_TITLE.search(source.read_text(encoding="utf-8"))
            if title:
                image["alt"] = unescape(title.group(1))
