"""The safety code, guarded: loosening an escape or the link check makes one of these fail.

Fast and browser-free; ``test_hostile.py`` checks the same end to end, in a built book.
"""

import warnings

import matplotlib.pyplot as plt
import pandas as pd
import pytest

from caucasus_atlas import load_countries, load_military_sites, load_references
from caucasus_atlas.figures import SvgFigure, svg_style
from caucasus_atlas.layers import labels
from caucasus_atlas.maps import AtlasMap, add_capitals, area_tooltip, site_details, site_marker
from caucasus_atlas.markup import Markup, html, link
from caucasus_atlas.presentation import source_links
from caucasus_atlas.references import Reference
from caucasus_atlas.tables import html_table

SCRIPT = "<script>alert(1)</script>"
HANDLER = '" onmouseover="alert(1)'
TEMPLATE = "{{ 7*7 }} {% raw %} {#"


@pytest.fixture(scope="module")
def site():
    return next(load_military_sites().itertuples())


def test_text_is_escaped_and_built_markup_is_kept():
    assert html(SCRIPT) == "&lt;script&gt;alert(1)&lt;/script&gt;"
    assert html(HANDLER) == "&#34; onmouseover=&#34;alert(1)"
    assert html("&amp;") == "&amp;amp;"
    assert html(Markup("<b>built</b>")) == "<b>built</b>"
    assert html(pd.NA) == "" and html(None) == ""


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "JAVASCRIPT:alert(1)",
        " javascript:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "vbscript:msgbox",
        "//example.org/no-scheme",
        " https://example.org/leading-space",
        "https://example.org/a space",
        "https://",
    ],
)
def test_links_go_only_to_web_addresses(url):
    with pytest.raises(ValueError, match="not a web address"):
        link(url, "a source")


def test_a_link_escapes_its_address_and_its_text():
    made = link('https://example.org/?a=1&b="2"', SCRIPT, new_tab=True)
    assert made == (
        '<a href="https://example.org/?a=1&amp;b=&#34;2&#34;" rel="noopener noreferrer" target="_blank">'
        "&lt;script&gt;alert(1)&lt;/script&gt;</a>"
    )


def test_source_links_escape_titles_and_publishers():
    references = {"k": Reference("k", SCRIPT, HANDLER, "https://example.org/", "2026-01-01")}
    assert source_links(("k",), references) == (
        '<a href="https://example.org/" rel="noopener noreferrer">&lt;script&gt;alert(1)&lt;/script&gt;</a>'
        " (&#34; onmouseover=&#34;alert(1))"
    )


def test_a_sites_details_and_tooltip_escape_every_field(site):
    hostile = site._replace(name=SCRIPT, personnel=HANDLER, legal_basis=TEMPLATE)
    details = site_details(hostile, load_references(), load_countries())
    assert "<script>" not in details and "&lt;script&gt;" in details
    assert 'onmouseover="' not in details and "&#34; onmouseover=&#34;" in details
    assert TEMPLATE in details
    assert site_marker(hostile, load_references(), load_countries())["tooltipMarkup"] == html(SCRIPT)


def test_an_area_tooltip_escapes_its_names():
    area = pd.Series({"name": SCRIPT, "recognised_country": "GEO", "controlled_by": HANDLER})
    area = area.to_frame().T.assign(control_since=pd.NaT, control_ended=pd.NaT)
    area = area.assign(control_since_precision=None, control_ended_precision=None)
    tooltip = area_tooltip(next(area.itertuples()), {"GEO": html("Georgia")})
    assert "<script>" not in tooltip and 'onmouseover="' not in tooltip


def rendered(fmap: AtlasMap) -> str:
    return fmap.get_root().render()


def test_capital_dots_are_named_in_escaped_text():
    countries = load_countries().head(1).assign(capital=SCRIPT, name=TEMPLATE)
    fmap = AtlasMap("test", "test", tiles=None)
    add_capitals(fmap, countries)
    calls = {line.split("(", 1)[0].strip(): line for line in rendered(fmap).splitlines() if "atlasMaps." in line}
    # Page scripts hold JSON (& < > as \u0026 \u003c \u003e): the dots' tooltips are escaped HTML...
    assert "\\u0026lt;script\\u0026gt;alert(1)" in calls["atlasMaps.placeDots"]
    assert "\\u003cscript" not in calls["atlasMaps.placeDots"]
    # ...and the written names are text, which the script sets as textContent.
    assert "\\u003cscript\\u003ealert(1)" in calls["atlasMaps.labels"]


def test_map_scripts_are_not_read_as_templates_a_second_time():
    fmap = AtlasMap("test", "test", tiles=None)
    labels(fmap, [[40.0, 44.0, TEMPLATE + " {{ 3,000 }}", 0, "country"]])
    page = rendered(fmap)
    assert "{{ 7*7 }} {% raw %} {#" in page and "{{ 3,000 }}" in page
    assert "49" not in page.split("atlasMaps.labels")[1]


def test_the_map_frame_is_sandboxed_without_its_pages_origin():
    frame = AtlasMap(TEMPLATE + SCRIPT, "test", tiles=None)._repr_html_()
    assert 'sandbox="allow-scripts allow-popups allow-popups-to-escape-sandbox"' in frame
    assert "allow-same-origin" not in frame
    assert f'title="{html(TEMPLATE + SCRIPT)}"' in frame


def test_tables_escape_headers_and_cells_but_keep_built_links():
    table = html_table({SCRIPT: [HANDLER], "Sources": [link("https://example.org/", "x")]}).data
    assert "<script>" not in table and "&lt;script&gt;" in table
    assert 'onmouseover="' not in table
    assert '<a href="https://example.org/"' in table


def test_figures_show_dollars_and_emoji_as_text_without_warnings():
    with svg_style():
        figure, axes = plt.subplots()
        axes.set_title("$100 base $x^2$ \U0001f600 {{ 7*7 }}")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        svg = SvgFigure(figure, SCRIPT)._repr_svg_()
    assert "$100 base $x^2$ \U0001f600 {{ 7*7 }}" in svg
    assert "<title>&lt;script&gt;" in svg
