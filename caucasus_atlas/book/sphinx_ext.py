"""The book's Sphinx extension: refuse to build on invalid data or a chapter left out of the contents, cite
sources the book's way and list the data's sources table by table, date every chapter by its data, give figures
their alternative text, ship on each page only the assets it uses (scripts deferred, figures fetched lazily, each
map's document in a file of its own), link the repository and Binder when the build knows where the repository is,
and keep compiled page templates between builds."""

from pybtex.backends.plaintext import Backend as PlaintextBackend
from pybtex.plugin import register_plugin
from pybtex.style.labels.number import LabelStyle as NumberLabels
from pybtex.style.names.plain import NameStyle as PlainNames
from pybtex.style.sorting.none import SortingStyle as Unsorted
from sphinx.application import Sphinx
from sphinxcontrib.bibtex.style.names.last import LastNameStyle as LastNames

from caucasus_atlas.book.accessibility import alt_from_svg_titles, fix_bibliography_roles, name_sidebar_toggles
from caucasus_atlas.book.checks import check_data, check_table_of_contents
from caucasus_atlas.book.citations import AtlasStyle, keep_formatted_entries, recall_formatted_entries
from caucasus_atlas.book.dating import show_when_checked
from caucasus_atlas.book.launch import link_the_repository
from caucasus_atlas.book.map_frames import move_map_documents
from caucasus_atlas.book.page_assets import (
    defer_scripts,
    disable_thebe,
    finish_html,
    load_images_lazily,
    preload_map_files,
    ship_only_used_assets,
)
from caucasus_atlas.book.social_cards import draw_cards_only_when_needed
from caucasus_atlas.book.templates import keep_compiled_templates


def setup(app: Sphinx) -> dict:
    disable_thebe(app)
    draw_cards_only_when_needed()
    app.setup_extension("sphinxext.opengraph")  # here, so that it loads after the line above
    app.setup_extension("caucasus_atlas.book.source_lists")
    register_plugin("pybtex.style.formatting", "atlas", AtlasStyle)
    # sphinxcontrib-bibtex looks this backend up for every citation: registered, it is found without reading
    # the entry points of every installed package (13 ms a citation, 2.5 s a book)
    register_plugin("pybtex.backends", "plaintext", PlaintextBackend, force=True)
    # and so are the name, label and sorting styles each instance of the style looks up (pybtex's defaults, as its
    # entry points name them), and the name style of sphinxcontrib-bibtex's references: 0.1 s a build
    register_plugin("pybtex.style.names", "plain", PlainNames, force=True)
    register_plugin("pybtex.style.names", "last", LastNames, force=True)
    register_plugin("pybtex.style.labels", "number", NumberLabels, force=True)
    register_plugin("pybtex.style.sorting", "none", Unsorted, force=True)
    app.connect("config-inited", check_table_of_contents)
    app.connect("config-inited", check_data)
    app.connect("config-inited", link_the_repository)
    app.connect("builder-inited", keep_compiled_templates, priority=100)  # before any listener renders a template
    # around sphinxcontrib-bibtex's own listener (priority 500), which formats the bibliography
    app.connect("env-updated", recall_formatted_entries, priority=400)
    app.connect("env-updated", keep_formatted_entries, priority=600)
    app.connect("build-finished", finish_html)
    app.connect("html-page-context", fix_bibliography_roles)
    app.connect("html-page-context", name_sidebar_toggles, priority=900)  # after the theme's functions are in place
    app.connect("html-page-context", ship_only_used_assets)
    app.connect("html-page-context", defer_scripts)
    app.connect("html-page-context", move_map_documents)
    app.connect("html-page-context", preload_map_files)
    app.connect("doctree-resolved", alt_from_svg_titles)
    app.connect("doctree-resolved", show_when_checked)
    app.connect("doctree-resolved", load_images_lazily)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
