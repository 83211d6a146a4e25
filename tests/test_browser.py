"""The book as a reader's browser sees it: Debian's Chromium, driven by Playwright, on localhost."""

import re
import time
from dataclasses import dataclass
from datetime import date

import pytest

from caucasus_atlas import load_as_of, load_countries, load_disputed_areas, load_military_sites
from caucasus_atlas.book.contents import toc_files
from caucasus_atlas.footprint import opened_by
from caucasus_atlas.geography import boundary_features
from caucasus_atlas.style import KIND_STYLE
from tests.browsing import drawn_maps, is_map_document, needs_chromium, visit

AS_OF = load_as_of().isoformat()
CAPITALS = load_countries()["capital_lat"].notna().sum()
pytestmark = needs_chromium


PAGES = [f"{name}.html" for name in toc_files()]


@dataclass(frozen=True)
class DrawnPage:
    """A page of the book once each of its maps has drawn: what its console said and which hosts it asked; per map
    how many countries, areas and capitals it drew, loading notes it shows, and ``<html lang="en">`` it has; and
    the serious or critical accessibility violations axe-core finds on it then."""

    errors: list[str]
    hosts: set[str]
    maps: list[dict[str, int]]
    serious_violations: list[str]


SERIOUS = ("serious", "critical")  # axe-core's impacts the tests refuse
MAP_PARTS = {
    "countries": ".leaflet-atlas-countries-pane path",
    "areas": ".leaflet-atlas-disputed-pane path",
    "capitals": "path.capital-marker",
    "loading notes": ".atlas-loading",
    "english": "html[lang='en']",
}


@pytest.fixture(scope="module")
def drawn_pages(browser, book_server) -> dict[str, DrawnPage]:
    """Every page, visited once until its maps have drawn, then checked by axe-core: the three tests below share
    the visits."""
    from axe_playwright_python.sync_playwright import Axe

    pages = {}
    for path in PAGES:
        page, errors, hosts = visit(browser, f"{book_server}/{path}")
        maps = [
            {part: frame.locator(selector).count() for part, selector in MAP_PARTS.items()}
            for frame in drawn_maps(page)
        ]
        said, asked = list(errors), set(hosts)  # what the page did itself, before axe runs in it
        violations = Axe().run(page).response["violations"]
        page.close()
        serious = [f"{v['id']} ({v['impact']}): {v['help']}" for v in violations if v["impact"] in SERIOUS]
        pages[path] = DrawnPage(said, asked, maps, serious)
    return pages


@pytest.mark.parametrize("path", PAGES)
def test_page_has_no_serious_accessibility_violations(drawn_pages, path):
    assert drawn_pages[path].serious_violations == []


@pytest.mark.parametrize("path", PAGES)
def test_page_loads_cleanly_from_localhost_alone(drawn_pages, path):
    assert not drawn_pages[path].errors
    assert not drawn_pages[path].hosts


def test_footprint_map_draws_every_site_over_the_borders(browser, book_server):
    page, errors, _ = visit(browser, f"{book_server}/chapters/footprint.html")
    frame = drawn_maps(page)[0]
    assert frame.locator(".site-marker").count() == len(load_military_sites())  # all had opened by today
    assert frame.locator(".leaflet-atlas-countries-pane path").count() == len(
        boundary_features("countries")["features"]
    )
    assert frame.locator(".leaflet-atlas-disputed-pane path").count() == len(boundary_features("disputed")["features"])
    assert not errors
    page.close()


def test_borders_map_draws_every_area_and_names_those_it_cannot_under_the_map(browser, book_server):
    page, errors, _ = visit(browser, f"{book_server}/chapters/borders.html")
    frame = drawn_maps(page)[0]
    assert frame.locator(".leaflet-atlas-disputed-pane path").count() == len(boundary_features("disputed")["features"])
    drawn = {f["properties"]["id"] for f in boundary_features("disputed")["features"]}
    areas = load_disputed_areas()
    for name in areas[~areas["id"].isin(drawn)]["name"]:
        assert name in page.locator(".atlas-map-note").inner_text()  # in the page's text, not over the map
    assert frame.locator(".atlas-map-note").count() == 0
    assert not errors
    page.close()


def test_membership_slider_recolours_countries_by_date(browser, book_server):
    page, errors, _ = visit(browser, f"{book_server}/chapters/memberships.html")
    frame = drawn_maps(page)[0]
    frame.locator(".atlas-membership-control select").select_option("CIS")
    slider = frame.locator(".atlas-time-bar input[type=range]")
    slider.focus()
    slider.press("Home")  # December 1991: Armenia a founder of the CIS, Georgia not yet in
    frame.locator("html[data-atlas-styled='CIS@1991-12-31']").wait_for(state="attached")
    assert frame.locator("path[data-id='ARM']").get_attribute("data-status") == "founding_member"
    assert frame.locator("path[data-id='GEO']").get_attribute("data-status") == "none"
    slider.press("End")  # the snapshot date: Georgia left in 2009
    frame.locator(f"html[data-atlas-styled='CIS@{AS_OF}']").wait_for(state="attached")
    assert frame.locator("path[data-id='GEO']").get_attribute("data-status") == "none"
    frame.locator(".atlas-membership-control select").select_option("CSTO")
    assert frame.locator("path[data-id='ARM']").get_attribute("data-status") == "contested"
    assert not errors
    page.close()


def test_footprint_slider_shows_what_stood_on_the_date(browser, book_server):
    page, errors, _ = visit(browser, f"{book_server}/chapters/footprint.html")
    frame = page.frame_locator("iframe").first
    sites = load_military_sites()
    frame.locator(f"html[data-sites-shown='{len(opened_by(sites, date.fromisoformat(AS_OF)))}']").wait_for(
        state="attached"
    )
    slider = frame.locator(".atlas-time-bar input[type=range]")
    slider.focus()
    slider.press("Home")
    first = len(opened_by(sites, date(1991, 12, 31)))
    frame.locator(f"html[data-sites-shown='{first}']").wait_for(state="attached")
    assert frame.locator(".site-marker").count() == first
    assert not errors
    page.close()


def test_tiles_are_requested_only_when_the_reader_switches_them_on(browser, book_server):
    page = browser.new_page()
    tiles = []
    page.route("https://tile.openstreetmap.org/**", lambda route: (tiles.append(route.request.url), route.abort()))
    page.goto(f"{book_server}/chapters/borders.html")
    frame = drawn_maps(page)[0]
    assert tiles == []
    frame.locator(".leaflet-control-layers").hover()
    with page.expect_request(lambda request: "tile.openstreetmap.org" in request.url):
        frame.get_by_label("OpenStreetMap background", exact=False).check()
    assert "openstreetmap.org/copyright" in frame.locator(".leaflet-control-attribution").inner_html()
    page.close()


@pytest.mark.parametrize("path", PAGES)
def test_every_map_on_the_page_draws_every_border_and_area(drawn_pages, path):
    for drawn in drawn_pages[path].maps:
        assert drawn["countries"] == len(boundary_features("countries")["features"])
        assert drawn["areas"] == len(boundary_features("disputed")["features"])
        assert drawn["capitals"] == CAPITALS
        assert drawn["loading notes"] == 0  # the loading note is gone once the borders drew
        assert drawn["english"] == 1
    assert not drawn_pages[path].errors


def test_a_page_downloads_the_boundaries_once_for_all_its_maps(browser, book_server):
    page = browser.new_page()
    downloads = []
    page.on("request", lambda request: request.url.endswith("boundaries.topojson") and downloads.append(request.url))
    page.goto(f"{book_server}/chapters/footprint.html", wait_until="domcontentloaded")
    assert len(drawn_maps(page)) == 2
    assert len(downloads) == 1
    page.close()


def test_a_standalone_map_draws_from_a_saved_file_with_no_book_around_it(browser, tmp_path, monkeypatch):
    """What Jupyter gets, with nothing set (``ATLAS_MAPS`` unset): a map that needs no ``_static`` and no host."""
    from caucasus_atlas.maps import base_map

    monkeypatch.delenv("ATLAS_MAPS", raising=False)
    base_map("standalone", "A standalone map", load_countries(), load_disputed_areas()).save(tmp_path / "map.html")
    page, errors, hosts = visit(browser, (tmp_path / "map.html").as_uri())
    page.locator("html[data-countries-drawn][data-disputed-drawn]").wait_for(state="attached")
    assert page.locator(".leaflet-atlas-countries-pane path").count() == len(boundary_features("countries")["features"])
    assert page.locator(".leaflet-atlas-disputed-pane path").count() == len(boundary_features("disputed")["features"])
    assert not errors
    assert not hosts
    page.close()


def test_the_date_slider_has_its_accessible_name(browser, book_server):
    page, errors, _ = visit(browser, f"{book_server}/chapters/footprint.html")
    slider = drawn_maps(page)[0].locator(".atlas-time-bar input[type=range]")
    assert slider.get_attribute("aria-label") == "Date shown on the map"
    assert slider.get_attribute("aria-valuetext") == date.fromisoformat(AS_OF).strftime("%b %Y")
    assert not errors
    page.close()


DESKTOP = {"viewport": {"width": 1366, "height": 900}}
PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}


def test_the_sidebar_toggles_in_the_article_header_work_on_a_phone(browser, book_server):
    """pydata-sphinx-theme#2451, sphinx-book-theme#988: the themes bind only the hidden navbar toggles."""
    context = browser.new_context(**PHONE)
    page = context.new_page()
    page.goto(f"{book_server}/chapters/footprint.html")
    for kind, dialog, link in (
        ("primary", "#pst-primary-sidebar-modal", "Bloc memberships across time"),
        ("secondary", "#pst-secondary-sidebar-modal", "Every site and its sources"),
    ):
        page.locator(f".header-article-items .{kind}-toggle").tap()
        page.locator(f"{dialog}[open]").get_by_role("link", name=link).wait_for(state="visible")
        page.keyboard.press("Escape")
        page.locator(f"{dialog}[open]").wait_for(state="detached")
    context.close()


def test_the_sidebar_toggle_in_the_article_header_hides_the_menu_on_a_desktop(browser, book_server):
    context = browser.new_context(**DESKTOP)
    page = context.new_page()
    page.goto(f"{book_server}/chapters/footprint.html")
    menu = page.locator("#pst-primary-sidebar")
    menu.wait_for(state="visible")
    page.locator(".header-article-items .primary-toggle").click()
    menu.wait_for(state="hidden")
    page.locator(".header-article-items .primary-toggle").click()
    menu.wait_for(state="visible")
    context.close()


def bootstrap_requests(page) -> list[str]:
    """The page's requests for Bootstrap's script (_static/atlas-on-demand.js loads it when a reader reaches for it)."""
    requests = []
    page.on("request", lambda request: "scripts/bootstrap.js" in request.url and requests.append(request.url))
    return requests


def test_the_download_menu_opens_on_the_first_tap_though_bootstrap_comes_only_then(browser, book_server):
    context = browser.new_context(**PHONE)
    page = context.new_page()
    requests = bootstrap_requests(page)
    page.goto(f"{book_server}/chapters/timeline.html", wait_until="networkidle")
    assert requests == [], "Bootstrap loaded before the reader touched anything"
    page.get_by_role("button", name="Download this page").tap()
    menu = page.locator(".dropdown-menu.show")
    menu.get_by_text(".ipynb").wait_for(state="visible")
    page.get_by_role("button", name="Download this page").tap()
    menu.wait_for(state="detached")  # the tap that opened it was passed on once, not twice
    assert len(requests) == 1
    context.close()


def test_a_buttons_tooltip_shows_when_the_pointer_first_rests_on_it(browser, book_server):
    context = browser.new_context(**DESKTOP)
    page = context.new_page()
    requests = bootstrap_requests(page)
    page.goto(f"{book_server}/chapters/timeline.html", wait_until="networkidle")
    page.locator(".theme-switch-button").first.hover()
    page.locator(".tooltip.show").wait_for(state="visible")
    assert len(requests) == 1
    context.close()


def test_code_gets_its_colours_and_copy_button_once_unfolded(browser, book_server):
    page = browser.new_page()
    requests = []
    page.on("request", lambda request: re.search(r"copybutton|pygments", request.url) and requests.append(request.url))
    page.goto(f"{book_server}/chapters/timeline.html", wait_until="networkidle")
    assert requests == [], "the code's stylesheets or the copy buttons' script loaded while the page's code was folded"
    keyword = page.locator("div.highlight .kn").first
    plain = keyword.evaluate("span => getComputedStyle(span).color")
    page.locator("details.hide.above-input > summary").click()
    page.locator("div.highlight button.copybtn").wait_for(state="attached")
    page.wait_for_function(
        "([span, plain]) => getComputedStyle(span).color !== plain", arg=[keyword.element_handle(), plain]
    )
    page.close()


def test_the_words_searched_for_are_highlighted_on_the_page_found(browser, book_server):
    page, errors, _ = visit(browser, f"{book_server}/chapters/timeline.html?highlight=Belovezha")
    page.locator("span.highlighted", has_text="Belovezha").first.wait_for(state="visible")
    assert not errors
    page.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_a_first_visit_is_drawn_in_the_readers_colour_scheme_before_any_script_file_runs(browser, book_server, scheme):
    """pydata-sphinx-theme's script sets the theme after the text; _templates/layout.html settles it before."""
    context = browser.new_context(**DESKTOP, color_scheme=scheme)
    page = context.new_page()
    page.route("**/*.js*", lambda route: route.abort())
    page.goto(f"{book_server}/chapters/references.html")
    assert page.evaluate("document.documentElement.dataset.theme") == scheme
    background = page.evaluate("getComputedStyle(document.body).backgroundColor")
    assert (background == "rgb(255, 255, 255)") == (scheme == "light"), background
    context.close()


def test_the_back_to_top_button_shows_while_scrolling_up_and_goes_to_the_top(browser, book_server):
    """On a phone: sphinx-book-theme hides the button from 1200 px up."""
    context = browser.new_context(**PHONE)
    page = context.new_page()
    page.goto(f"{book_server}/chapters/timeline.html")
    button = page.locator("#pst-back-to-top")
    page.evaluate("window.scrollTo(0, 3000)")
    page.wait_for_function("window.scrollY === 3000")
    assert not button.is_visible()
    page.evaluate("window.scrollTo(0, 2500)")
    button.wait_for(state="visible")
    button.tap()
    page.wait_for_function("window.scrollY === 0")
    context.close()


IN_VIEW = """(id) => {
  const box = document.getElementById(id).getBoundingClientRect();
  return box.top >= 0 && box.top < window.innerHeight;
}"""


@pytest.mark.parametrize(
    "path, entries",
    [("chapters/references.html", "div.citation"), ("chapters/sources/events.html", ".atlas-sources > li")],
)
def test_a_link_to_a_source_lands_on_its_entry(browser, book_server, path, entries):
    """A link lands on its entry, though the references' entries are laid out only as the reader nears them
    (_static/atlas.css)."""
    page, _, _ = visit(browser, f"{book_server}/{path}")
    entries = page.locator(entries)
    for entry in (entries.nth(entries.count() // 2).get_attribute("id"), entries.last.get_attribute("id")):
        page.goto(f"{book_server}/intro.html")  # away, so the next address is a new document
        page.goto(f"{book_server}/{path}#{entry}")
        page.wait_for_function(IN_VIEW, arg=entry)
    page.close()


HEADING_IN_VIEW = """(id) => {
  const box = document.getElementById(decodeURIComponent(id)).getBoundingClientRect();
  return box.top >= 0 && box.top < window.innerHeight / 2;
}"""


@pytest.mark.parametrize("path", PAGES)
def test_every_contents_link_lands_on_its_heading(browser, book_server, path):
    context = browser.new_context(**DESKTOP)
    page = context.new_page()
    page.goto(f"{book_server}/{path}", wait_until="domcontentloaded")
    links = page.locator(".bd-toc-nav a.nav-link")
    for index in range(links.count()):
        target = links.nth(index).get_attribute("href").split("#", 1)[1]
        links.nth(index).click()
        page.wait_for_function(HEADING_IN_VIEW, arg=target)
    context.close()


def test_the_footprint_map_has_a_legend_for_every_kind_and_state_it_draws(browser, book_server):
    page, errors, _ = visit(browser, f"{book_server}/chapters/footprint.html")
    key = drawn_maps(page)[0].locator("details.atlas-legend")
    key.locator("summary").click()
    legend = key.inner_text()
    kinds = {KIND_STYLE[kind][0] for kind in load_military_sites()["kind"]}
    assert [k for k in kinds if k not in legend] == []
    assert "Closed by the date shown" in legend
    assert "Planned (from its announcement), not confirmed in service" in legend
    assert not errors
    page.close()


def test_maps_name_countries_and_capitals_close_up(browser, book_server):
    page, errors, _ = visit(browser, f"{book_server}/chapters/footprint.html")
    armenia = drawn_maps(page)[1]  # the South Caucasus, zoomed on Armenia
    written = armenia.locator(".atlas-label").all_inner_texts()
    assert {"Armenia", "Azerbaijan", "Georgia", "Yerevan"} <= set(written)
    assert not errors
    page.close()


def test_a_map_takes_most_of_a_phone_screen(browser, book_server):
    context = browser.new_context(**PHONE)
    page = context.new_page()
    page.goto(f"{book_server}/chapters/borders.html")
    box = page.locator("iframe").first.bounding_box()
    assert box["height"] >= 0.6 * PHONE["viewport"]["height"] and box["width"] >= 0.9 * PHONE["viewport"]["width"]
    context.close()


def test_breakaway_areas_appear_on_the_map_only_while_held(browser, book_server):
    page, errors, _ = visit(browser, f"{book_server}/chapters/footprint.html")
    frame = drawn_maps(page)[0]
    crimea = frame.locator(".leaflet-atlas-disputed-pane path[data-id='crimea']")
    assert crimea.get_attribute("data-held") == "true"  # annexed in 2014, held on the as-of day
    slider = frame.locator(".atlas-time-bar input[type=range]")
    slider.focus()
    slider.press("Home")  # December 1991
    frame.locator("html[data-atlas-date='1991-12-31']").wait_for(state="attached")
    assert crimea.get_attribute("data-held") == "false"
    assert not errors
    page.close()


def test_the_play_button_runs_the_map_through_time_and_pauses(browser, book_server):
    page, errors, _ = visit(browser, f"{book_server}/chapters/memberships.html")
    frame = drawn_maps(page)[0]
    play = frame.get_by_role("button", name="Play from December 1991")
    play.click()
    frame.locator("html[data-atlas-date^='199']").wait_for(state="attached")  # it started from the beginning
    frame.get_by_role("button", name="Pause").click()
    paused = frame.locator("html").get_attribute("data-atlas-date")
    assert frame.get_by_role("button", name="Play from December 1991").get_attribute("aria-pressed") == "false"
    assert frame.locator("html").get_attribute("data-atlas-date") == paused
    assert not errors
    page.close()


def test_countries_outside_the_data_say_so(browser, book_server):
    """Poland is in the EU, but the data follows the former Soviet states: it must not read "not a member"."""
    page, errors, _ = visit(browser, f"{book_server}/chapters/memberships.html")
    frame = drawn_maps(page)[0]
    frame.locator(".atlas-membership-control select").select_option("EU")
    frame.locator("html[data-atlas-styled^='EU@']").wait_for(state="attached")
    tooltip = """(iso3) => {
      const map = Object.keys(window).filter((k) => k.startsWith("map_")).map((k) => window[k])[0];
      let text = null;
      map.eachLayer((layer) => {
        if (layer.feature && layer.feature.properties.iso3 === iso3 && layer.getTooltip()) {
          const box = document.createElement("div");
          box.innerHTML = layer.getTooltip().getContent();
          text = box.textContent;
        }
      });
      return text;
    }"""
    document = next(f for f in page.frames if is_map_document(f))  # the map's document, to run script in
    assert document.evaluate(tooltip, "POL").endswith("not in the data")
    assert document.evaluate(tooltip, "BLR").endswith("not a member")  # a former Soviet state: every spell recorded
    assert not errors
    page.close()


@pytest.mark.parametrize(
    "file, says", [("boundaries.topojson", "could not load its borders"), ("leaflet.js", "could not load its scripts")]
)
def test_a_map_whose_files_cannot_load_says_so(browser, book_server, file, says):
    page = browser.new_page()
    page.route(f"**/{file}", lambda route: route.fulfill(status=404))
    page.goto(f"{book_server}/chapters/borders.html")
    page.locator("iframe").first.scroll_into_view_if_needed()
    note = page.frame_locator("iframe").first.locator(".atlas-loading")
    note.filter(has_text=says).wait_for()
    page.close()


def test_print_leaves_out_the_interactive_maps_and_their_space(browser, book_server):
    page = browser.new_page()
    page.goto(f"{book_server}/chapters/footprint.html")
    page.emulate_media(media="print")
    assert page.locator(".atlas-frame").first.is_hidden()
    assert not page.get_by_text("Make this Notebook Trusted").first.is_visible()
    page.close()


def test_the_borders_map_shows_karabakh_as_it_was_held(browser, book_server):
    page, errors, _ = visit(browser, f"{book_server}/chapters/borders.html")
    frame = drawn_maps(page)[0]
    held = frame.locator(".leaflet-atlas-disputed-pane path[data-id='nagorno-karabakh']")
    assert held.get_attribute("data-held") == "false"  # the as-of day: Azerbaijan has held it since 2023
    slider = frame.locator(".atlas-time-bar input[type=range]")
    slider.focus()
    slider.press("Home")
    for _ in range(12 * 4):  # to December 1995, after the 1994 ceasefire
        slider.press("ArrowRight")
    frame.locator("html[data-atlas-date='1995-12-31']").wait_for(state="attached")
    assert held.get_attribute("data-held") == "true"
    assert not errors
    page.close()


def marker_in(frame, site_id: str):
    return frame.locator(f".site-marker[data-id='{site_id}']")


def inside(inner: dict, outer: dict) -> bool:
    return (
        inner["x"] >= outer["x"]
        and inner["y"] >= outer["y"]
        and inner["x"] + inner["width"] <= outer["x"] + outer["width"]
        and inner["y"] + inner["height"] <= outer["y"] + outer["height"]
    )


@pytest.mark.parametrize("size", ["desktop", "phone"])
def test_a_site_opens_its_details_in_a_panel_that_never_hides_it(browser, book_server, size):
    context = browser.new_context(**(DESKTOP if size == "desktop" else PHONE))
    page = context.new_page()
    page.goto(f"{book_server}/chapters/footprint.html")
    frame = drawn_maps(page)[0]
    page.locator("iframe").first.scroll_into_view_if_needed()
    site = load_military_sites().set_index("id").loc["gyumri-102nd-base"]
    marker_in(frame, "gyumri-102nd-base").dispatch_event("click")
    panel = frame.locator(".atlas-details")
    panel.wait_for(state="visible")
    assert site["name"] in panel.inner_text()
    frame.locator(".atlas-details", has_text=re.compile("Sources")).wait_for()  # once the page's details have come
    map_box = frame.locator(".folium-map").bounding_box()
    panel_box = panel.bounding_box()
    assert inside(marker_in(frame, "gyumri-102nd-base").bounding_box(), map_box)  # the site stays in view
    if size == "desktop":
        assert panel_box["x"] >= map_box["x"] + map_box["width"] - 1  # beside the map
    else:
        assert panel_box["y"] >= map_box["y"] + map_box["height"] - 1  # below it
    frame.get_by_role("button", name="Close the details").click()
    assert panel.is_hidden()
    context.close()


def test_a_pages_maps_download_their_details_once_and_only_when_a_reader_reaches_for_them(browser, book_server):
    page = browser.new_page()
    asked = []
    page.on("request", lambda request: asked.append(request.url) if ".details-" in request.url else None)
    page.goto(f"{book_server}/chapters/footprint.html")
    region, close_up = drawn_maps(page)
    assert not asked, "the maps' details were downloaded before any reader reached for a map"
    marker_in(region, "gyumri-102nd-base").dispatch_event("click")
    region.locator(".atlas-details").get_by_text("Sources").wait_for()
    marker_in(close_up, "erebuni-air-base").dispatch_event("click")
    panel = close_up.locator(".atlas-details")
    panel.get_by_text("Sources").wait_for()
    assert "Erebuni" in panel.inner_text()
    assert len(asked) == 1, asked
    page.close()


def test_a_site_whose_details_cannot_load_keeps_its_name_and_says_so(browser, book_server):
    page = browser.new_page()
    page.route("**/*.details-*.json", lambda route: route.fulfill(status=404))
    page.goto(f"{book_server}/chapters/footprint.html")
    frame = drawn_maps(page)[0]
    marker_in(frame, "gyumri-102nd-base").dispatch_event("click")
    panel = frame.locator(".atlas-details")
    panel.get_by_text("could not load: the table below the map lists them").wait_for()
    assert load_military_sites().set_index("id").at["gyumri-102nd-base", "name"] in panel.inner_text()
    page.close()


def test_the_address_keeps_the_view_and_the_back_button_restores_it(browser, book_server):
    page, errors, _ = visit(browser, f"{book_server}/chapters/footprint.html")
    frame = drawn_maps(page)[0]
    marker_in(frame, "gyumri-102nd-base").dispatch_event("click")
    frame.locator("html[data-atlas-selected='gyumri-102nd-base']").wait_for(state="attached")
    page.wait_for_url("**footprint-site=gyumri-102nd-base**")
    slider = frame.locator(".atlas-time-bar input[type=range]")
    slider.focus()
    page.wait_for_timeout(1100)  # a later step is its own history entry
    slider.press("Home")
    page.wait_for_url("**footprint-date=1991-12**")
    page.go_back()
    frame.locator(f"html[data-atlas-date='{AS_OF}']").wait_for(state="attached")  # the date as it was
    assert frame.locator("html").get_attribute("data-atlas-selected") == "gyumri-102nd-base"
    page.go_back()
    frame.locator("html:not([data-atlas-selected])").wait_for(state="attached")
    assert not errors
    page.close()


def test_a_shared_link_opens_the_map_as_it_was_seen(browser, book_server):
    page, errors, _ = visit(
        browser, f"{book_server}/chapters/memberships.html?memberships-org=EU&memberships-date=2004-05"
    )
    frame = drawn_maps(page)[0]
    frame.locator("html[data-atlas-styled='EU@2004-05-31']").wait_for(state="attached")
    assert frame.locator(".atlas-membership-control select").input_value() == "EU"
    assert frame.locator(".atlas-time-bar input[type=range]").get_attribute("aria-valuetext").startswith("May 2004")
    assert not errors
    page.close()


def test_the_time_bar_marks_key_events_and_reads_them_out(browser, book_server):
    from caucasus_atlas import load_events
    from caucasus_atlas.timeline import key_events

    page, errors, _ = visit(browser, f"{book_server}/chapters/borders.html")
    frame = drawn_maps(page)[0]
    marked = [(day, title) for day, title in key_events(load_events()) if "1991-12" <= day[:7] and len(day) >= 7]
    marks = frame.locator(".atlas-time-events span")
    assert marks.count() == len({day[:7] for day, _ in marked})  # one mark a month
    war = next((day, title) for day, title in marked if day.startswith("2008-08"))
    frame.locator(f".atlas-time-events span[title^='{war[0]}']").click()
    frame.locator("html[data-atlas-date='2008-08-31']").wait_for(state="attached")
    assert war[1] in frame.locator(".atlas-time-bar input[type=range]").get_attribute("aria-valuetext")
    assert not errors
    page.close()


PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360f8cfc0f01f0005000201e5d2b7ba0000000049454e44ae426082"
)


@pytest.mark.parametrize("tiles_load", [False, True])
def test_the_background_dims_the_countries_only_once_its_tiles_load(browser, book_server, tiles_load):
    page = browser.new_page()
    if tiles_load:
        page.route("https://tile.openstreetmap.org/**", lambda route: route.fulfill(body=PNG, content_type="image/png"))
    else:
        page.route("https://tile.openstreetmap.org/**", lambda route: route.abort())
    page.goto(f"{book_server}/chapters/borders.html")
    frame = drawn_maps(page)[0]
    frame.locator(".leaflet-control-layers").hover()
    frame.get_by_label("OpenStreetMap background", exact=False).check()
    frame.locator(f"html[data-tiles='{'shown' if tiles_load else 'failed'}']").wait_for(state="attached")
    opacity = frame.locator(".leaflet-atlas-countries-pane").evaluate("(pane) => getComputedStyle(pane).opacity")
    assert opacity == ("0.35" if tiles_load else "1")
    if not tiles_load:
        assert "did not load" in frame.locator(".atlas-map-note").inner_text()
    page.close()


def test_a_map_at_least_1000_px_wide_opens_its_key(browser, book_server):
    page, errors, _ = visit(browser, f"{book_server}/chapters/footprint.html")
    frame = drawn_maps(page)[0]
    assert frame.locator("details.atlas-legend").get_attribute("open") is None
    box = page.locator(".atlas-frame").first
    box.scroll_into_view_if_needed()  # drawn_maps scrolled to the second map: a frame out of view is not laid out
    box.evaluate("(box) => { box.style.width = '1200px'; }")
    frame.locator("details.atlas-legend[open]").wait_for(state="attached")
    assert not errors
    page.close()


# Every data file a map frame asks the page for, as the page receives the requests.
ASKED_FOR_DATA = """window.askedForData = [];
window.addEventListener("message", (event) => {
  const url = event.data && event.data.atlasDataRequest;
  if (typeof url === "string") window.askedForData.push(url);
});"""


def test_a_frame_asks_the_page_for_its_boundaries_once(browser, book_server):
    page = browser.new_page()
    page.add_init_script(ASKED_FOR_DATA)
    page.goto(f"{book_server}/chapters/borders.html")
    drawn_maps(page)
    assert page.evaluate("window.askedForData") == ["../_static/boundaries.topojson"]
    page.close()


@pytest.mark.parametrize("screen, chapter", [("desktop", "footprint"), ("desktop", "economy"), ("phone", "footprint")])
def test_a_key_starts_folded_in_the_books_column_and_opens_on_a_tap(browser, book_server, screen, chapter):
    """Open, a key covered 15% of the footprint map at 1366 px, the South Caucasus among it."""
    context = browser.new_context(**(PHONE if screen == "phone" else {"viewport": {"width": 1366, "height": 900}}))
    page = context.new_page()
    page.goto(f"{book_server}/chapters/{chapter}.html")
    page.locator("iframe").first.scroll_into_view_if_needed()
    frame = page.frame_locator("iframe").first
    frame.locator("html[data-countries-drawn]").wait_for(state="attached")
    keys = frame.locator("details.atlas-legend")
    assert keys.count() and all(keys.nth(n).get_attribute("open") is None for n in range(keys.count()))
    summary = keys.first.locator("summary")
    summary.tap() if screen == "phone" else summary.click()
    frame.locator("details.atlas-legend[open]").first.wait_for(state="attached")
    context.close()


FOCUSABLE = """() => Array.from(document.querySelectorAll(
  "a[href], button, input, select, summary, [tabindex]:not([tabindex='-1'])"
)).filter((element) => element.getClientRects().length && !element.closest("[hidden]"))
  .map((element) => element.className.baseVal ?? element.className)"""


def test_a_keyboard_reaches_the_time_bar_past_the_map_not_through_its_markers(browser, book_server):
    page, errors, _ = visit(browser, f"{book_server}/chapters/footprint.html")
    drawn_maps(page)
    document = next(f for f in page.frames if is_map_document(f))
    stops = document.evaluate(FOCUSABLE)
    assert not [stop for stop in stops if "site-marker" in stop or "leaflet-interactive" in stop]
    assert len(stops) <= 12  # the map, its zoom, layers, key and attribution, then play and the slider
    assert not errors
    page.close()


def test_search_finds_a_place_named_in_the_book(browser, book_server):
    page, errors, _ = visit(browser, f"{book_server}/search.html?q=Gyumri")
    page.locator("#search-results li a").first.wait_for(state="visible")
    assert not errors
    page.close()


def test_a_figure_opens_larger_from_a_link_named_by_its_alternative_text(browser, book_server):
    page, _, _ = visit(browser, f"{book_server}/intro.html")
    link = page.locator("a.atlas-figure-link").first
    image = link.locator("img")
    assert link.get_attribute("href").endswith(image.get_attribute("src").split("/")[-1])
    assert link.get_attribute("target") == "_blank" and image.get_attribute("alt")
    page.close()


def test_chromium_opens_no_interface_of_its_own_beside_the_page(browser):
    """The flags of ``tests/browsing.py`` keep Chromium's headless mode from loading its omnibox's WebUI beside each
    new context's page (a quarter of a CPU-second a visit, in every test and benchmark visit); a Chromium that
    renames the feature fails here."""
    context = browser.new_context()
    context.new_page().goto("about:blank")
    session = browser.new_browser_cdp_session()
    for _ in range(10):  # it appears within a few hundred milliseconds of the new window
        ui = [t["url"] for t in session.send("Target.getTargets")["targetInfos"] if t["url"].startswith("chrome")]
        if ui:
            break
        time.sleep(0.1)
    context.close()
    assert ui == []
