"""The built book: every page of the table of contents exists, links resolve, nothing is fetched from elsewhere."""

import html
import json
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from caucasus_atlas.book.contents import toc_files
from caucasus_atlas.cited_sources import citing_tables, keys_cited_by
from caucasus_atlas.references import load_references
from tests.browsing import MAP_DOCUMENT


class PageLinks(HTMLParser):
    """Collects ids, links and asset addresses of one HTML page."""

    def __init__(self):
        super().__init__()
        self.ids, self.links, self.assets, self.images = set(), [], [], []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "img":
            self.images.append(attrs.get("alt", ""))
        if "id" in attrs:
            self.ids.add(attrs["id"])
        if tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])
        if tag in ("script", "img", "iframe") and attrs.get("src"):
            self.assets.append(attrs["src"])
        if tag == "link" and attrs.get("href"):
            self.assets.append(attrs["href"])


def parse(page: Path) -> PageLinks:
    links = PageLinks()
    links.feed(page.read_text(encoding="utf-8"))
    return links


@pytest.fixture(scope="module")
def pages(built_book) -> dict[Path, PageLinks]:
    """Every page of the built book (not the maps' documents beside them), parsed."""
    return {
        page: parse(page)
        for page in built_book.rglob("*.html")
        if "_static" not in page.parts and not MAP_DOCUMENT.search(page.name)
    }


def test_every_toc_entry_is_a_page(built_book):
    missing = [f for f in toc_files() if not (built_book / f"{f}.html").exists()]
    assert not missing


def test_internal_links_and_anchors_resolve(built_book, pages):
    broken = []
    for page, links in pages.items():
        for href in links.links + links.assets:
            parts = urlsplit(href)
            if parts.scheme or parts.netloc or href.startswith(("mailto:", "javascript:")):
                continue
            target = (page.parent / unquote(parts.path)).resolve() if parts.path else page
            if not target.exists():
                broken.append(f"{page.relative_to(built_book)} -> {href}")
            elif parts.fragment and target.suffix == ".html":
                ids = pages[target].ids if target in pages else parse(target).ids
                if parts.fragment not in ids:
                    broken.append(f"{page.relative_to(built_book)} -> {href} (no such anchor)")
    assert not broken


def test_pages_load_no_third_party_assets(pages):
    remote = [(p.name, a) for p, links in pages.items() for a in links.assets if urlsplit(a).netloc]
    assert not remote


class MapFrames(HTMLParser):
    """The addresses of a page's iframes."""

    def __init__(self):
        super().__init__()
        self.addresses = []

    def handle_starttag(self, tag, attrs):
        if tag == "iframe":
            self.addresses.append(dict(attrs).get("src"))


def test_maps_load_leaflet_and_boundaries_from_the_book(built_book):
    frames = MapFrames()
    page = (built_book / "chapters" / "footprint.html").read_text(encoding="utf-8")
    frames.feed(page)
    assert frames.addresses, "the footprint page has no map"
    assert "srcdoc" not in page, "a map's document is still inside the page (caucasus_atlas/book/map_frames.py)"
    assert page.index("window.atlasFrameHost") < page.index("<iframe"), "a frame may ask before the page listens"
    loading = re.findall(r'<iframe [^>]*loading="(\w+)"', page)
    assert loading == ["eager", "lazy"], "the opening map waits for layout, or the one far down does not"
    for address in frames.addresses:
        assert re.fullmatch(r"footprint\.map-[0-9a-f]{12}\.html", address), address
        document = (built_book / "chapters" / address).read_text(encoding="utf-8")
        inner = PageLinks()
        inner.feed(document)
        assert not inner.assets, "a map frame loads its files itself, uncached, rather than through the page"
        lines = document.splitlines()
        assert all(line and line == line.strip() for line in lines), "a map keeps its templates' indentation"
        loader = re.search(r'<script data-atlas-files="([^"]+)" data-atlas-data="([^"]+)">', document)
        files, asked_early = (json.loads(html.unescape(value)) for value in loader.groups())
        assert sorted(files) == [
            "../_static/atlas-maps.css",
            "../_static/atlas-maps.js",
            "../_static/leaflet/leaflet.css",
            "../_static/leaflet/leaflet.js",
            "../_static/topojson-client.min.js",
        ]
        fetched = re.findall(r'atlasMaps.boundaryLayer\([^{]*\{"url": "([^"]+)"', document)
        assert fetched == ["../_static/boundaries.topojson", "../_static/boundaries.topojson"]
        assert asked_early == ["../_static/boundaries.topojson"], "the frame waits for its scripts to ask for its data"
        preloaded = re.findall(r'<link rel="preload" href="([^"]+)" as="fetch"', page)
        assert sorted(preloaded) == sorted({*files, *fetched})
        for url in files + fetched:
            assert (built_book / "chapters" / url).resolve().is_file(), url


def test_every_source_of_the_data_is_listed_with_its_key_and_every_other_among_the_references(built_book, pages):
    """Each sources page lists, by key, every source of the tables it names, and nothing else; together they name
    every table that cites sources; the references page has each entry that no table cites."""
    from bs4 import BeautifulSoup

    tables = {path.name: name for name, path in citing_tables().items()}
    named, listed = [], set()
    for path in sorted((built_book / "chapters" / "sources").glob("*.html")):
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        entries = soup.select("ul.atlas-sources > li")
        files = [code.get_text() for code in entries[0].find_parent("ul").find_previous_sibling("p")("code")]
        keys = {entry["id"].removeprefix("source-") for entry in entries}
        assert keys == keys_cited_by([tables[file] for file in files]), path.name
        named += files
        listed |= keys
    assert sorted(named) == sorted(tables)
    on_references = set(pages[built_book / "chapters" / "references.html"].links)
    left_out = [key for key, entry in load_references().items() if key not in listed and entry.url not in on_references]
    assert left_out == []


def test_references_page_lists_every_cited_source(built_book, pages):
    references = pages[built_book / "chapters" / "references.html"]
    cited = {href for links in pages.values() for href in links.links if "references.html#id" in href}
    assert cited, "no chapter cites a source"
    assert all(urlsplit(href).fragment in references.ids for href in cited)


def test_every_figure_has_alternative_text_not_a_file_name(pages):
    missing = [
        (page.name, alt)
        for page, links in pages.items()
        for alt in links.images
        if not alt or alt.endswith((".svg", ".png"))
    ]
    assert not missing


def test_pages_draw_their_icons_from_fonts_and_rules_cut_to_the_icons_they_use(built_book, pages):
    from caucasus_atlas.book.icons import CSS_RULE, THEME_CSS, THEME_STATIC, glyphs, icon_codepoints, used_icon_classes

    assert not [p.name for p, links in pages.items() if any("fontawesome.js" in a for a in links.assets)]
    css = (built_book / "_static" / THEME_CSS).read_text(encoding="utf-8")
    used = used_icon_classes(built_book)
    needed = icon_codepoints(css, used)
    assert needed == icon_codepoints((THEME_STATIC / THEME_CSS).read_text(encoding="utf-8"), used)  # none lost
    assert len(CSS_RULE.findall(css)) < 50  # of the theme's 1,834
    fonts = sorted((built_book / "_static/vendor/fontawesome/webfonts").glob("*.woff2"))
    drawable = set().union(*(glyphs(font) for font in fonts))
    assert needed and needed <= drawable
    assert sum(font.stat().st_size for font in fonts) < 10_000


def asset_names(links: PageLinks) -> set[str]:
    return {urlsplit(asset).path.rsplit("/", 1)[-1] for asset in links.assets}


def test_pages_load_only_the_extension_assets_they_use(built_book, pages):
    prose, code, search = (
        pages[built_book / name] for name in ("intro.html", "chapters/footprint.html", "search.html")
    )
    from caucasus_atlas.book.page_assets import ON_DEMAND

    unused_everywhere = {"sphinx-design.min.css", "design-tabs.js", "sphinx-thebe.css", "togglebutton.js"}
    assert not asset_names(prose) & (unused_everywhere | {"copybutton.css", "searchindex.js", "searchtools.js"})
    assert not asset_names(code) & unused_everywhere
    assert "toggleHintShow" not in (built_book / "intro.html").read_text(encoding="utf-8")  # togglebutton.js's
    assert "atlas-on-demand.js" in asset_names(prose) and not (asset_names(prose) | asset_names(code)) & ON_DEMAND
    assert {"searchindex.js", "searchtools.js", "sphinx_highlight.js"} <= asset_names(search)  # search still works


def test_the_theme_stylesheets_are_cut_to_the_rules_the_pages_and_scripts_use(built_book):
    from caucasus_atlas.book.stylesheets import MARK

    theme = (built_book / "_static/styles/pydata-sphinx-theme.css").read_text(encoding="utf-8")
    assert theme.startswith(MARK) and len(theme) < 150_000  # of 312 KB
    for rule in (".bd-sidebar-primary", ".search-button-field", ".tooltip-arrow", ".dropdown-menu.show"):
        assert rule in theme, f"{rule} was cut, though the pages or their scripts use it"
    assert ".accordion-button" not in theme and ".offcanvas-header" not in theme  # Bootstrap parts no page uses


INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>")


def test_no_script_in_a_pages_head_waits_for_its_stylesheets(built_book, pages):
    """A script written into the head after a stylesheet waits until every stylesheet above it has loaded, and the
    reading of the page waits with it: _templates/layout.html settles the colour theme before the stylesheets."""
    for page in pages:
        html = page.read_text(encoding="utf-8")
        head = html.split("<body", 1)[0]
        if 'rel="stylesheet"' not in head:
            continue  # the redirect to the introduction (index.html)
        first_stylesheet = head.index('rel="stylesheet"')
        late = [m.group() for m in INLINE_SCRIPT.finditer(head) if m.start() > first_stylesheet]
        assert not late, f"{page.name} stops reading at {late} until its stylesheets load"
        assert -1 < head.find("root.dataset.theme =") < first_stylesheet, f"{page.name} settles no colour theme first"


def test_pages_read_their_text_before_running_scripts_and_fetch_figures_lazily(built_book, pages):
    for page in pages:
        html = page.read_text(encoding="utf-8")
        blocking = [t for t in re.findall(r"<script [^>]*src=[^>]*>", html) if "defer" not in t and "async" not in t]
        assert page.name == "search.html" or not blocking, f"{page.name} stops to run {blocking}"
        eager = [t for t in re.findall(r"<img [^>]*>", html) if 'loading="lazy"' not in t]
        assert not eager, f"{page.name} fetches figures before the reader nears them: {eager[:2]}"
