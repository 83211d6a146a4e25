"""Sphinx hooks: refuse to build on invalid data or a chapter left out of the contents, cite sources the
book's way, ship the map assets, give figures their alternative text, load on each page only the extension
assets it uses, and link the repository and Binder when the build knows where the repository is."""

import os
import re
import shutil
from html import unescape
from pathlib import Path

import yaml
from docutils import nodes
from pybtex.plugin import register_plugin
from pybtex.style.formatting import toplevel
from pybtex.style.formatting.unsrt import Style as UnsrtStyle
from pybtex.style.template import field, href, join, optional, sentence
from sphinx.application import Sphinx
from sphinx.errors import ConfigError

from caucasus_atlas.assets import copy_map_assets
from caucasus_atlas.icons import shrink_icons
from caucasus_atlas.validation import validate_package

SVG_TITLE = re.compile(r"<title>(.*?)</title>", re.DOTALL)


def has_class(*prefixes: str):
    """A test for a doctree holding an element whose class starts with one of ``prefixes``."""
    return lambda doctree: any(
        c.startswith(prefixes) for node in doctree.findall(nodes.Element) for c in node.get("classes", [])
    )


def has_code(doctree: nodes.document) -> bool:
    return any(True for _ in doctree.findall(nodes.literal_block))


# Assets Jupyter Book's extensions put on every page, and what a page must hold to use them.
PAGE_ASSETS = {
    "sphinx-design.min.css": has_class("sd-"),
    "design-tabs.js": has_class("sd-"),
    "copybutton.css": has_code,
    "copybutton.js": has_code,
    "clipboard.min.js": has_code,
    "togglebutton.css": has_class("toggle", "dropdown"),
    "togglebutton.js": has_class("toggle", "dropdown"),
    "sphinx-thebe.css": lambda doctree: False,  # thebe is unhooked (see disable_thebe)
}


class AtlasStyle(UnsrtStyle):
    """Web sources: linked title, publisher, publication date, and when we read it."""

    def get_misc_template(self, e):
        return toplevel[
            sentence[href(url=field("url", raw=True))[field("title", raw=True)]],
            sentence[field("publisher", raw=True), optional[field("date", raw=True)]],
            sentence[join(" ")["Accessed", field("urldate", raw=True)]],
        ]


def link_the_repository(app: Sphinx, config) -> None:
    """Give notebook pages a Binder button and the header a repository link, when the build knows the repository.

    The publishing workflow passes its forge's address in ``ATLAS_REPOSITORY_URL`` (and the
    branch in ``ATLAS_REPOSITORY_BRANCH``); a build without them, such as a contributor's, has neither.
    """
    options = repository_options(os.environ.get("ATLAS_REPOSITORY_URL"), os.environ.get("ATLAS_REPOSITORY_BRANCH"))
    if options:
        buttons = {**config.html_theme_options.get("launch_buttons", {}), **options.pop("launch_buttons")}
        config.html_theme_options.update(options, launch_buttons=buttons)


def repository_options(url: str | None, branch: str | None) -> dict:
    """The theme options for a repository at ``url`` (none without one): its button and Binder's."""
    if not url:
        return {}
    return {
        "repository_url": url.removesuffix("/"),
        "repository_branch": branch or "main",
        "path_to_docs": "",
        "use_repository_button": True,
        "launch_buttons": {"binderhub_url": "https://mybinder.org", "notebook_interface": "jupyterlab"},
    }


def unlisted_chapters(root: Path) -> list[str]:
    """Chapter files under ``chapters/`` that ``_toc.yml`` does not list (``only_build_toc_files`` would skip them)."""
    toc = yaml.safe_load((root / "_toc.yml").read_text(encoding="utf-8"))
    listed = {chapter["file"] for part in toc.get("parts", []) for chapter in part.get("chapters", [])}
    chapters = [path.relative_to(root) for pattern in ("*.ipynb", "*.md") for path in (root / "chapters").glob(pattern)]
    return sorted(str(path) for path in chapters if str(path.with_suffix("")) not in listed)


def check_table_of_contents(app: Sphinx, config) -> None:
    unlisted = unlisted_chapters(Path(app.confdir))
    if unlisted:
        raise ConfigError(f"chapter files missing from _toc.yml (add them, or remove them): {', '.join(unlisted)}")


def check_data(app: Sphinx, config) -> None:
    problems = validate_package()
    if problems:
        raise ConfigError("the data does not validate:\n" + "\n".join(map(str, problems)))


def finish_html(app: Sphinx, exception) -> None:
    """Ship the book's static files and map assets, and cut the icon rules and fonts down to the icons the pages use."""
    if exception is None and app.builder.format == "html":
        refresh_static_files(app)
        copy_map_assets(Path(app.outdir) / "_static")
        shrink_icons(Path(app.outdir))


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
    """Drop from a page the extension assets it has nothing for (design components, code, toggles)."""
    needs = {name: doctree is not None and uses(doctree) for name, uses in PAGE_ASSETS.items()}
    for key in ("css_files", "script_files"):
        if key in context:
            context[key] = [f for f in context[key] if needs.get(Path(f.filename or "").name, True)]


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
    app.connect("config-inited", check_table_of_contents)
    app.connect("config-inited", check_data)
    app.connect("config-inited", link_the_repository)
    app.connect("build-finished", finish_html)
    app.connect("html-page-context", fix_bibliography_roles)
    app.connect("html-page-context", ship_only_used_assets)
    app.connect("doctree-resolved", alt_from_svg_titles)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
