"""The book's overrides of third-party internals, checked against the installed packages.

Each test fails when an upgrade of the package it names makes an override wrong, or no longer needed,
and says what to do. They take seconds: no book is built and no browser is started (``test_book.py``
and ``test_browser.py`` check the same overrides end to end).

Upstream references were looked up in stored copies of the GitHub threads, the newest of which date from
September 2026; "no upstream issue found" means none was found there.
"""

import difflib
import importlib
import inspect
import re
import sys
from pathlib import Path
from types import SimpleNamespace

import folium
import pydata_sphinx_theme
import pytest
import sphinx_book_theme
from branca.element import Element, MacroElement
from jinja2 import Template
from jupyter_book.config import get_final_config
from sphinx.application import Sphinx

from caucasus_atlas.book.icons import (
    CSS_RULE,
    THEME_CSS,
    THEME_FONTS,
    THEME_STATIC,
    glyphs,
    icon_codepoints,
    rule_classes,
    without_unused_icon_rules,
)
from caucasus_atlas.book.page_assets import disable_thebe
from caucasus_atlas.elements import AtlasElement
from caucasus_atlas.ids import ELEMENT_IDS
from caucasus_atlas.paths import REPO_ROOT

PST_THEME = Path(pydata_sphinx_theme.__file__).parent / "theme/pydata_sphinx_theme"
SBT_THEME = Path(sphinx_book_theme.__file__).parent / "theme/sphinx_book_theme"


@pytest.fixture(scope="module")
def book_config() -> dict:
    """The Sphinx configuration Jupyter Book derives from ``_config.yml`` (as ``jupyter-book build`` does)."""
    config, _ = get_final_config(
        user_yaml=REPO_ROOT / "_config.yml", cli_config={"latex_individualpages": False}, sourcedir=REPO_ROOT
    )
    return config


# 1. _templates/static/webpack-macros.html: the theme's macros, less fontawesome.js and bootstrap.js

MACROS_COPY = REPO_ROOT / "_templates/static/webpack-macros.html"
THEME_MACROS = THEME_STATIC / "webpack-macros.html"
COPY_NOTE = re.compile(r"\A\{#-.*?-#\}\n", re.DOTALL)  # the note the copy starts with
FONTAWESOME_LINE = re.compile(r"^.*_static/scripts/fontawesome\.js.*\n", re.MULTILINE)
BOOTSTRAP_LINES = re.compile(r"^.*_static/scripts/bootstrap\.js.*\n", re.MULTILINE)  # its preload and its script


def test_the_webpack_macros_copy_is_the_themes_less_fontawesome_and_bootstrap(book_config):
    """The copy equals the installed theme's ``webpack-macros.html`` but for its note and the lines that preload
    and load fontawesome.js and bootstrap.js (which ``_static/atlas-on-demand.js`` loads when a reader needs it).

    Upstream: pydata-sphinx-theme loads Font Awesome's whole JavaScript (1.45 MB) on every page although its CSS
    already draws the icons from web fonts: https://github.com/pydata/pydata-sphinx-theme/issues/2379 (open),
    to be fixed by https://github.com/pydata/pydata-sphinx-theme/pull/2494 (open), which replaces the bundle
    with a small core kept for custom icons. The theme writes new asset digests into the macros on every
    release, so any upgrade fails this test until the copy is redone.
    """
    theme, copy = THEME_MACROS.read_text(encoding="utf-8"), MACROS_COPY.read_text(encoding="utf-8")
    note = COPY_NOTE.match(copy)
    assert note, f"{MACROS_COPY} should start with its {{#- ... -#}} note"
    assert len(FONTAWESOME_LINE.findall(theme)) == 1, (
        f"{THEME_MACROS} no longer loads scripts/fontawesome.js in one line: the theme may have fixed "
        "pydata-sphinx-theme#2379; drop the copy, or re-copy the new macros and remove that line again"
    )
    assert len(BOOTSTRAP_LINES.findall(theme)) == 2, (
        f"{THEME_MACROS} no longer preloads and loads bootstrap.js in a line each, as the copy expects"
    )
    expected = BOOTSTRAP_LINES.sub("", FONTAWESOME_LINE.sub("", theme))
    diff = "".join(difflib.unified_diff(expected.splitlines(True), copy[note.end() :].splitlines(True), n=0))
    assert copy[note.end() :] == expected, (
        f"pydata-sphinx-theme's webpack-macros.html changed: re-copy {THEME_MACROS} to {MACROS_COPY}, "
        f"keep its note (updating the version) and remove the fontawesome.js and bootstrap.js lines. "
        f"Differences:\n{diff}"
    )
    pinned = re.search(r"pydata-sphinx-theme==([\w.]+)", note.group())
    assert pinned and pinned.group(1) == pydata_sphinx_theme.__version__, (
        f"the copy's note names pydata-sphinx-theme {pinned and pinned.group(1)}, "
        f"{pydata_sphinx_theme.__version__} is installed: compare the two and update the note"
    )
    # The copy takes effect only while the theme's layout imports the macros by this name from templates_path.
    assert '{%- import "static/webpack-macros.html"' in (PST_THEME / "layout.html").read_text(encoding="utf-8")
    assert "_templates" in book_config["templates_path"]


# 2. caucasus_atlas/book/icons.py: icon rules cut from the theme's CSS, and its fonts subset

# The fa-* classes in the built book's pages (icons.used_icon_classes over _build/html, pydata-sphinx-theme 0.17.1).
BOOK_ICON_CLASSES = {
    "fa-angle-left",
    "fa-angle-right",
    "fa-arrow-up",
    "fa-bars",
    "fa-circle-half-stroke",
    "fa-download",
    "fa-expand",
    "fa-file",
    "fa-file-pdf",
    "fa-list",
    "fa-magnifying-glass",
    "fa-moon",
    "fa-outdent",
    "fa-sun",
}
BOOK_ICON_MODIFIERS = {"fa-lg", "fa-solid"}  # classes with no icon of their own
FONT_URL = re.compile(r"url\(([^)]*/webfonts/[^)]+)\)")


@pytest.fixture(scope="module")
def theme_css() -> str:
    return (THEME_STATIC / THEME_CSS).read_text(encoding="utf-8")


def test_the_icon_rule_pattern_finds_the_themes_icon_rules_and_nothing_else(theme_css):
    """``icons.CSS_RULE`` reads the theme's minified CSS: one ``.fa-x:before{content:"\\f0c9"}`` rule per icon.

    Upstream: the theme ships a rule for every Font Awesome icon, and the full fonts; trimming both to the icons
    a site uses was tried in https://github.com/pydata/pydata-sphinx-theme/pull/2386 (a draft, closed) and is
    discussed in https://github.com/pydata/pydata-sphinx-theme/issues/2379 (open). The Font Awesome 7 upgrade
    merged after 0.17.1 (https://github.com/pydata/pydata-sphinx-theme/pull/2370) brings new icon CSS and drops
    the legacy font formats: if this test fails on the next theme release, adapt icons.py to its rules and fonts.
    """
    rules = CSS_RULE.findall(theme_css)
    assert len(rules) > 1000, (
        f"icons.CSS_RULE finds {len(rules)} icon rules in the theme's CSS (1834 in 0.17.1): the rules' form "
        "changed, so the build would ship every icon rule (or drop the wrong ones): adapt CSS_RULE in icons.py"
    )
    not_icons = [selectors for selectors, _ in rules if not all(c.startswith("fa-") for c in rule_classes(selectors))]
    assert not not_icons, (
        f"icons.CSS_RULE matches rules that are not Font Awesome icons, which it would drop: {not_icons}"
    )


def test_the_books_icon_rules_and_glyphs_survive_the_cut(theme_css):
    """Every icon the book's pages use keeps its rule in the cut CSS, and its glyph is in the theme's fonts."""
    for name in sorted(BOOK_ICON_CLASSES):
        assert icon_codepoints(theme_css, {name}), f"the theme's CSS has no icon rule for {name} any more"
    used = BOOK_ICON_CLASSES | BOOK_ICON_MODIFIERS
    cut = without_unused_icon_rules(theme_css, used)
    assert icon_codepoints(cut, used) == icon_codepoints(theme_css, used)
    assert len(CSS_RULE.findall(cut)) < 0.02 * len(CSS_RULE.findall(theme_css))
    drawable = set().union(*(glyphs(font) for font in THEME_FONTS.glob("fa-*")))
    missing = {hex(c) for c in icon_codepoints(theme_css, used) - drawable}
    assert not missing, f"the theme's icon fonts cannot draw the book's icons {missing}: its CSS and fonts disagree"


def test_the_theme_still_ships_the_fonts_icons_py_subsets(theme_css):
    """The fonts the theme's CSS loads are the files ``icons.subset_icon_fonts`` replaces (``THEME_FONTS/fa-*``)."""
    shipped = {font.name for font in THEME_FONTS.glob("fa-*")}
    assert shipped, f"no fa-* fonts in {THEME_FONTS}: the theme moved its icon fonts; update FONT_DIR in icons.py"
    loaded = {(THEME_STATIC / "styles" / url.strip("'\"")).resolve() for url in FONT_URL.findall(theme_css)}
    assert loaded, "the theme's CSS loads no icon fonts from a webfonts folder: re-read it and update icons.py"
    not_subset = sorted(
        str(path) for path in loaded if path.parent != THEME_FONTS.resolve() or path.name not in shipped
    )
    assert not not_subset, f"the theme's CSS loads fonts icons.py leaves whole: {not_subset}"


# 3. caucasus_atlas/book/page_assets.py::disable_thebe: sphinx-thebe's listeners taken out of Sphinx's table

THEBE_HOOKED = {"env-before-read-docs", "doctree-resolved"}  # the events disable_thebe unhooks
THEBE_HARMLESS = {"builder-inited"}  # st_static_path: adds thebe's static folder (its CSS is dropped per page)


def thebe_events(app: Sphinx) -> set[str]:
    """The events with a listener from the sphinx_thebe module, read from Sphinx's internal table."""
    return {
        event
        for event, listeners in app.events.listeners.items()
        for listener in listeners
        if listener.handler.__module__ == "sphinx_thebe"
    }


def test_disable_thebe_leaves_no_thebe_listener(tmp_path, book_config):
    """In a real Sphinx application, thebe's listeners are there before ``disable_thebe`` and gone after.

    Upstream: Jupyter Book 1 always loads sphinx-thebe, with no setting to leave it out
    (https://github.com/jupyter-book/jupyter-book/issues/1603, closed; the reply there, ``launch_buttons: thebe:
    false``, removes the launch button, its author says, not the extension). No upstream issue was found for the
    inline script naming a CDN that thebe's hooks add, twice on some builds. ``disable_thebe`` reads
    ``app.events.listeners``, Sphinx's internal table: a new shape of that table, or new events for thebe's
    hooks, fails this test.
    """
    (tmp_path / "conf.py").write_text('extensions = ["sphinx_thebe"]\n', encoding="utf-8")
    (tmp_path / "index.rst").write_text("Test\n====\n", encoding="utf-8")
    app = Sphinx(tmp_path, tmp_path, tmp_path / "_build", tmp_path / "_doctrees", "html", status=None, warning=None)
    assert thebe_events(app) == THEBE_HOOKED | THEBE_HARMLESS, (
        "sphinx_thebe now hooks other events than disable_thebe expects: read sphinx_thebe.setup and update it"
    )
    disable_thebe(app)
    assert thebe_events(app) == THEBE_HARMLESS, "disable_thebe left sphinx_thebe's listeners in place"
    # disable_thebe runs in the book extension's setup, so it finds thebe's listeners only if thebe loads first.
    extensions = book_config["extensions"]
    assert extensions.index("sphinx_thebe") < extensions.index("caucasus_atlas.book.sphinx_ext")


# 4. caucasus_atlas/ids.py: branca's random element ids replaced by a sequence


def test_branca_takes_element_ids_from_our_sequence():
    """``Element.__init__`` still names each element by calling the ``_generate_id`` hook that ids.py replaces.

    Upstream: branca added the ``_generate_id`` hook so that libraries can make ids predictable, in
    https://github.com/python-visualization/branca/pull/203 (merged); by default it still draws them from
    ``os.urandom``. No upstream issue was found asking for deterministic ids by default.
    """
    ELEMENT_IDS.restart("test-overrides")
    expected = [ELEMENT_IDS() for _ in range(3)]
    ELEMENT_IDS.restart("test-overrides")
    element, macro, fmap = Element(), MacroElement(), folium.Map(tiles=None)
    assert [element._id, macro._id, fmap._id] == expected, "branca no longer calls Element._generate_id in __init__"
    assert fmap.get_name() == f"map_{expected[2]}"


def varied_map() -> str:
    """A page with the kinds of folium element the book draws, its ids restarted first."""
    ELEMENT_IDS.restart("test-overrides")
    fmap = folium.Map(tiles=None, control_scale=True)
    fmap.get_root().header.add_child(folium.Element("<style>.folium-map {background: #dfe8ee;}</style>"))
    group = folium.FeatureGroup(name="Group").add_to(fmap)
    folium.CircleMarker([40.0, 44.0], popup="Gyumri", tooltip="102nd base").add_to(group)
    yerevan = {"type": "Point", "coordinates": [44.5, 40.2]}
    places = {
        "type": "FeatureCollection",
        "features": [{"type": "Feature", "properties": {"name": "Yerevan"}, "geometry": yerevan}],
    }
    folium.GeoJson(places, tooltip=folium.GeoJsonTooltip(["name"])).add_to(fmap)
    folium.TileLayer("OpenStreetMap", show=False, overlay=True).add_to(fmap)
    folium.LayerControl().add_to(fmap)
    fmap.fit_bounds([[38.8, 43.4], [41.3, 46.7]])
    return fmap.get_root().render()


def test_a_map_built_twice_renders_byte_for_byte_with_only_our_ids():
    first, second = varied_map(), varied_map()
    assert first == second, "the same map rendered twice differs: folium or branca has a new source of randomness"
    ELEMENT_IDS.restart("test-overrides")
    ours = {ELEMENT_IDS() for _ in range(200)}
    assert set(re.findall(r"\b[0-9a-f]{32}\b", first)) <= ours


# 5. caucasus_atlas/elements.py::AtlasElement: macros placed once, as text

PROBE = "atlas-probe {{ 7*7 }}"
PROBE_TEMPLATE = """
{% macro header(this, kwargs) %}<!-- header {{ this.text }} -->{% endmacro %}
{% macro html(this, kwargs) %}<div>html {{ this.text }}</div>{% endmacro %}
{% macro script(this, kwargs) %}var script = "{{ this.text }}";{% endmacro %}
"""


def probed(cls: type[MacroElement]) -> tuple[str, MacroElement]:
    """A map page holding one ``cls`` element whose three macros write ``PROBE`` (data, not template)."""

    class Probe(cls):
        _template = Template(PROBE_TEMPLATE)

        def __init__(self):
            super().__init__()
            self._name = "Probe"
            self.text = PROBE

    fmap = folium.Map(tiles=None)
    probe = Probe().add_to(fmap)
    return fmap.get_root().render(), probe


def sections(page: str) -> dict[str, str]:
    """A branca Figure's page split into the sections its header, html and script children fill."""
    head, _, rest = page.partition("</head>")
    body, _, script = rest.partition("</body>")
    return {"header": head, "html": body, "script": script}


def test_branca_still_reads_rendered_macros_as_templates_so_atlas_element_is_needed():
    """With branca's own ``MacroElement``, data in a macro's output is evaluated: ``{{ 7*7 }}`` becomes 49.

    ``MacroElement.render`` wraps each rendered macro in ``Element(text)``, which compiles the text as a Jinja
    template. No upstream branca or folium issue was found for it; https://github.com/geopandas/geopandas/issues/2657
    (closed) reports its symptom: ``TemplateSyntaxError: expected token ':', got 'a'`` for data holding
    ``{{{what a mess}}}``, the error folium 0.20 and branca 0.8.2 raise from that ``Element.__init__`` when a
    ``folium.GeoJson`` carries it. When branca stops doing this, this test fails:
    ``AtlasElement`` can then go, and ``AtlasCall`` derive from ``MacroElement``.
    """
    page, _ = probed(MacroElement)
    assert "atlas-probe 49" in page and PROBE not in page, (
        "branca no longer renders a MacroElement's output as a template a second time: "
        "caucasus_atlas/elements.py (AtlasElement) is no longer needed"
    )


def test_atlas_element_places_each_macro_once_as_text_in_its_section():
    """``AtlasElement`` puts each macro's output, ``{{ 7*7 }}`` and all, once into the Figure's matching section."""
    page, probe = probed(AtlasElement)
    assert "atlas-probe 49" not in page, "AtlasElement's output was read as a template"
    assert page.count(PROBE) == 3, "each of the three macros should reach the page once"
    parts = sections(page)
    assert parts["header"].count(f"<!-- header {PROBE} -->") == 1
    assert parts["html"].count(f"<div>html {PROBE}</div>") == 1
    assert parts["script"].count(f'var script = "{PROBE}";') == 1
    figure = probe.get_root()
    assert all(probe.get_name() in getattr(figure, part)._children for part in ("header", "html", "script"))


def test_atlas_element_handles_the_parts_branca_renders():
    """``AtlasElement.render`` replaces ``MacroElement.render``: both place the header, html and script macros.

    If branca's render looks for other macros or places them otherwise, re-read it and update elements.py.
    """
    looked_up = re.findall(r"module\.__dict__\.get\(\s*\"(\w+)\"", inspect.getsource(MacroElement.render))
    assert looked_up == ["header", "html", "script"], f"branca's MacroElement.render now reads {looked_up}"


# 6. _static/atlas-navigation.js: the toggles the themes leave unbound

TOGGLE_BINDINGS = {
    PST_THEME / "static/scripts/pydata-sphinx-theme.js": (".primary-toggle", ".secondary-toggle"),
    SBT_THEME / "static/scripts/sphinx-book-theme.js": (".primary-toggle",),
}


def test_the_themes_still_bind_only_the_first_sidebar_toggle(book_config):
    """The themes' scripts bind one toggle each (``document.querySelector``), and the page has two of each.

    Upstream: https://github.com/pydata/pydata-sphinx-theme/issues/2451 (open) and
    https://github.com/executablebooks/sphinx-book-theme/issues/988 (not read here, but named as this
    bug by https://github.com/executablebooks/sphinx-book-theme/issues/999, to be fixed by the open
    https://github.com/executablebooks/sphinx-book-theme/pull/1000, which drops the navbar's toggles;
    https://github.com/executablebooks/sphinx-book-theme/pull/991, open, binds every toggle instead).
    When either fix ships, this test fails: check test_browser.py without _static/atlas-navigation.js, then
    remove the workaround.
    """
    for script, selectors in TOGGLE_BINDINGS.items():
        source = script.read_text(encoding="utf-8")
        for selector in selectors:
            assert f'document.querySelector("{selector}")' in source, (
                f"{script.name} no longer binds {selector} with document.querySelector: the themes may bind "
                "every toggle now; the workaround _static/atlas-navigation.js may be removed"
            )
    # Two of each: the navbar's (pydata-sphinx-theme's header, unless the book theme overrides it) and the
    # article header's (the book theme's components).
    header = SBT_THEME / "sections/header.html"
    header = header if header.exists() else PST_THEME / "sections/header.html"
    navbar = header.read_text(encoding="utf-8")
    for kind in ("primary", "secondary"):
        article = (SBT_THEME / f"components/toggle-{kind}-sidebar.html").read_text(encoding="utf-8")
        assert f"{kind}-toggle" in navbar and f"{kind}-toggle" in article, (
            f"the page no longer has two .{kind}-toggle buttons: the workaround _static/atlas-navigation.js "
            "may be removed"
        )
    assert "atlas-navigation.js" in book_config["html_js_files"], "Jupyter Book no longer loads _static/*.js"


def test_bootstrap_still_builds_its_placement_classes_from_parts():
    """``stylesheets.BUILT_BY_SCRIPTS``: Bootstrap names ``bs-tooltip-<placement>`` only in parts, so no word of its
    script keeps the tooltip arrow's rules; the cut keeps them by prefix. If this fails, check whether the prefixes
    are still needed."""
    script = (THEME_STATIC / "scripts" / "bootstrap.js").read_text(encoding="utf-8")
    assert "`bs-${this.constructor.NAME}-" in script


def test_sphinx_script_entries_still_rebuild_from_their_parts():
    """``page_assets.defer_scripts`` rebuilds Sphinx's script entries (its internal ``_JavaScript``) from filename,
    priority and attributes. If this fails, Sphinx changed the class: follow it, or defer through the template."""
    from sphinx.builders.html._assets import _JavaScript

    script = _JavaScript("x.js", priority=200, id="x")
    copy = type(script)(script.filename, priority=script.priority, **{**script.attributes, "defer": "defer"})
    assert (copy.filename, copy.priority, copy.attributes) == ("x.js", 200, {"id": "x", "defer": "defer"})


def test_jupyter_caches_workers_still_trim_the_cache_through_truncate_caches():
    """``execution.untrimmed_while_parallel`` stops jupyter-cache's parallel workers trimming the cache (a race
    that deleted a record as another worker wrote it) by replacing ``JupyterCacheBase.truncate_caches``. If this
    fails, jupyter-cache changed how caching trims: check whether the race is gone, or follow the new name."""
    from jupyter_cache.cache.main import JupyterCacheBase

    assert "self.truncate_caches()" in inspect.getsource(JupyterCacheBase.cache_notebook_bundle)


# 7. caucasus_atlas/book/citations.py: the bibliography formatted once, and kept between builds


def test_sphinxcontrib_bibtex_still_formats_on_env_updated_from_citations_the_style_can_be_handed():
    """``citations.recall_formatted_entries`` and ``keep_formatted_entries`` run just before and after
    sphinxcontrib-bibtex's ``env-updated`` listener (priority 500), which formats every entry through the style's
    ``format_entry(label, entry)``, once for the list and once for the tooltips (no upstream issue found for
    formatting the whole bibliography on every build). If this fails, sphinxcontrib-bibtex changed how or when it
    formats: follow it, or drop the reuse."""
    import sphinxcontrib.bibtex
    from sphinxcontrib.bibtex.domain import BibtexDomain

    setup = inspect.getsource(sphinxcontrib.bibtex.setup)
    assert 'app.connect("env-updated", env_updated)' in setup
    formatting = inspect.getsource(BibtexDomain.get_formatted_entries)
    assert formatting.count("style.format_entry(bibliography.labelprefix + label, entry)") == 1
    assert "style2.format_entry(bibliography.labelprefix + label, entry)" in formatting


def test_an_entry_is_formatted_again_only_when_it_or_its_label_changed():
    from pybtex.database import Entry

    from caucasus_atlas.book.citations import AtlasStyle

    def entry(title):
        made = Entry(
            "misc", fields={"title": title, "url": "https://example.org", "publisher": "P", "urldate": "2026-12-01"}
        )
        made.key = "k"
        return made

    AtlasStyle.known, AtlasStyle.made = {}, {}
    style = AtlasStyle()
    first = style.format_entry("1", entry("Title one"))
    assert style.format_entry("1", entry("Title one")) is first
    AtlasStyle.known, AtlasStyle.made = AtlasStyle.made, {}  # the next build
    assert style.format_entry("1", entry("Title one")) is first
    assert style.format_entry("2", entry("Title one")) is not first
    changed = style.format_entry("1", entry("Title two"))
    assert changed.text.render_as("text").startswith("Title two.")
    AtlasStyle.known, AtlasStyle.made = {}, {}


# 8. caucasus_atlas/book/execution.py: jupyter-cache's entry points read once


def test_jupyter_cache_still_finds_its_reader_through_the_entry_points_function_execution_caches():
    """``execution`` replaces ``jupyter_cache.entry_points.eps`` with a cached copy, since jupyter-cache reads every
    installed package's entry points each time it reads a notebook (no upstream issue found). If this fails,
    jupyter-cache looks its readers up another way: follow it, or drop the cache."""
    from jupyter_cache import entry_points, readers

    import caucasus_atlas.book.execution  # noqa: F401  (replaces eps)

    assert "all_eps = eps()" in inspect.getsource(entry_points.get_entry_point)
    assert "get_entry_point(ENTRY_POINT_GROUP_READER" in inspect.getsource(readers.get_reader)
    assert entry_points.eps() is entry_points.eps()  # read once


# 9. caucasus_atlas/book/social_cards.py: sphinxext-opengraph's card module stood in for until a card is drawn

CARD = ({"enable": True, "line_color": "#0072B2"}, "A site", "A page", "What it says.", "example.org/page", "a/page")


@pytest.fixture
def card_module():
    from caucasus_atlas.book import social_cards

    return importlib.import_module(social_cards.CARDS)


def test_the_card_module_still_loads_matplotlib_as_it_is_imported_and_the_stand_in_has_its_defaults(card_module):
    """sphinxext-opengraph (0.13.0) imports its card module, and pyplot with it, as it loads (no upstream issue
    found). If the first assertion fails, the stand-in is no longer needed: remove it."""
    from caucasus_atlas.book import social_cards

    assert re.search(r"^from matplotlib import pyplot", inspect.getsource(card_module), re.MULTILINE)
    assert social_cards.default_config(social_cards.cards_source()) == card_module.DEFAULT_SOCIAL_CONFIG


def test_an_existing_card_is_found_where_the_card_module_wrote_it_without_loading_the_module(
    card_module, tmp_path, monkeypatch
):
    """If this fails, the card module names its cards another way: follow it in ``social_cards.card_path``."""
    from caucasus_atlas.book import social_cards

    env = SimpleNamespace()
    drawn = card_module.create_social_card(*CARD, srcdir=tmp_path, outdir=tmp_path, env=env)
    assert (tmp_path / drawn).is_file()
    stand_in = social_cards.stand_in(social_cards.cards_source())
    monkeypatch.setitem(sys.modules, social_cards.CARDS, stand_in)
    monkeypatch.setattr(social_cards, "load_cards", lambda source: pytest.fail("loaded the card module"))
    assert stand_in.create_social_card(*CARD, srcdir=tmp_path, outdir=tmp_path, env=env) == drawn


def test_a_new_card_is_drawn_by_the_card_module(card_module, tmp_path, monkeypatch):
    from caucasus_atlas.book import social_cards

    stand_in = social_cards.stand_in(social_cards.cards_source())
    monkeypatch.setitem(sys.modules, social_cards.CARDS, stand_in)
    loaded = []
    monkeypatch.setattr(social_cards, "load_cards", lambda source: loaded.append(source) or card_module)
    path = stand_in.create_social_card(*CARD, srcdir=tmp_path, outdir=tmp_path, env=SimpleNamespace())
    assert loaded and (tmp_path / path).is_file()


# 10. caucasus_atlas/book/accessibility.py::name_sidebar_toggles: the sidebar's section toggles named


def test_the_themes_sidebar_toggles_still_have_no_name():
    """pydata-sphinx-theme (0.17.1) gives the toggle of a page's sections a <summary> holding only a presentational
    chevron (axe-core: summary-name, serious; reported in https://github.com/pytorch/pytorch_sphinx_theme/pull/234).
    If this fails, the theme names them: remove ``name_sidebar_toggles``."""
    from bs4 import BeautifulSoup
    from pydata_sphinx_theme.toctree import add_collapse_checkboxes

    soup = BeautifulSoup(
        '<ul><li class="toctree-l1"><a class="reference internal" href="r.html">References</a>'
        '<ul><li class="toctree-l2"><a class="reference internal" href="s.html">Sources</a></li></ul></li></ul>',
        "html.parser",
    )
    add_collapse_checkboxes(soup)
    (summary,) = soup("summary")
    assert not summary.get_text(strip=True) and not summary.get("aria-label") and not summary.get("title")
