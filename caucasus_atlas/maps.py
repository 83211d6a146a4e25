"""Interactive maps. ``base_map`` draws the region once; every chapter's map builds on it."""

import math
from datetime import date
from pathlib import Path

import folium
import geopandas as gpd
import pandas as pd

from caucasus_atlas.assets import map_assets
from caucasus_atlas.dates import iso_text
from caucasus_atlas.geography import boundary_features, label_points
from caucasus_atlas.ids import ELEMENT_IDS
from caucasus_atlas.layers import (
    AtlasCall,
    areas_by_date,
    boundary_layer,
    fade_when_shown,
    fit_view,
    labels,
    loading_note,
    place_dots,
    site_legend,
)
from caucasus_atlas.markup import Markup, html, join
from caucasus_atlas.memberships import status_segments
from caucasus_atlas.presentation import facts, source_links, span_text
from caucasus_atlas.references import Reference
from caucasus_atlas.style import BORDER, DISPUTED, KIND_STYLE, LAND, MARKER_PATHS, POST_SOVIET, SEA, STATUS_STYLE
from caucasus_atlas.time_controls import membership_colours, site_layer, time_slider
from caucasus_atlas.timeline import key_events

TERRITORY_LABELS = {
    "host_consented": "with the host state's consent",
    "breakaway": "in a breakaway area outside the host state's control",
    "annexed": "in territory annexed by Russia",
}
AXIS_START = date(1991, 12, 1)  # the month the Soviet Union ended and the CIS began
REGION_BOUNDS = [[33.0, 22.0], [58.0, 80.0]]  # south-west and north-east corners (lat, lon)
CAUCASUS_BOUNDS = [[37.5, 28.0], [47.5, 50.5]]
ARMENIA_BOUNDS = [[38.8, 43.4], [41.3, 46.7]]  # Armenia, with Nakhchivan and the Georgian and Iranian borders
# A map frame may run scripts and open its source links in a new tab, and nothing else: it has an origin of its own,
# so nothing inside it can reach the page, its storage or its navigation.
FRAME_SANDBOX = "allow-scripts allow-popups allow-popups-to-escape-sandbox"
# A country's name is written from the zoom at which the country is about 45 pixels across, a short name's length:
# at zoom z a degree spans 256 * 2**z / 360 pixels, so that zoom is log2(LABEL_FIT / sqrt(area in square degrees)).
LABEL_FIT = 45 * 360 / 256
CAPITAL_LABEL_ZOOM = 5.5
# folium's line for classic Notebook's untrusted outputs: the book is trusted, and in print and screen readers the line
# would stand for the map.
TRUST_LINE = '<span style="color:#565656">Make this Notebook Trusted to load map: File -> Trust Notebook</span>'
# The page's side of the map frames (the shared downloads, the view in the address): a script just before each
# map frame (it runs once per page).
FRAME_HOST = (Path(__file__).parent / "static" / "frame-host.js").read_text(encoding="utf-8")


class AtlasMap(folium.Map):
    """A folium map with a title (its plain-text form, and its frame's accessible name) and a layer control.

    The frame loads lazily, so a page draws its text before its maps, and is sandboxed (``FRAME_SANDBOX``),
    with the page's side of the frames (``FRAME_HOST``) just before it. Its view (date, organisation, selected
    site) lives in the page's address under ``view_name`` (``?<view_name>-date=…``). Its ``notes`` (markup:
    what it does not draw, and why) go under the frame, in the page's text, never over the map.
    """

    def __init__(self, title: str, view_name: str, **kwargs):
        super().__init__(**kwargs)
        self.title = title
        self.view_name = view_name
        self.notes: list[Markup] = []

    def __repr__(self) -> str:
        return f"Interactive map: {self.title}"

    def render(self, **kwargs) -> None:
        """Render with the view shared with the page, once every control is there, and a layer control, added
        last so that it can list every layer."""
        if not any(isinstance(child, folium.LayerControl) for child in self._children.values()):
            AtlasCall("shareView", self.view_name).add_to(self)
            folium.LayerControl(collapsed=True).add_to(self)
        super().render(**kwargs)

    def _repr_html_(self, **kwargs) -> str:
        frame = (
            super()
            ._repr_html_(**kwargs)
            .replace(
                "<iframe ",
                Markup('<iframe title="{}" loading="lazy" sandbox="{}" ').format(self.title, FRAME_SANDBOX),
                1,
            )
            .replace('<div style="position:relative;', '<div class="atlas-frame" style="position:relative;', 1)
            .replace(TRUST_LINE, "", 1)
        )
        notes = (Markup('<p class="atlas-map-note">{}</p>').format(note) for note in self.notes)
        # The page's side first: it listens before the frame exists, so no request of the frame can come too early.
        return Markup(f"<script>{FRAME_HOST}</script>") + Markup(frame) + join("", notes)


def base_map(
    name: str, title: str, countries: pd.DataFrame, areas: pd.DataFrame, bounds: list[list[float]] = REGION_BOUNDS
) -> AtlasMap:
    """Recognised borders (named from ``countries``) and the breakaway/occupied ``areas``, with no third-party tiles.

    ``name`` seeds the map's element ids, so each map on a page gets its own and
    re-running a notebook reproduces them exactly. Boundaries come from the book's
    ``_static`` topology, downloaded once per page and shared by every map on it
    (or from inside the map, for standalone maps: see ``assets``).
    """
    ELEMENT_IDS.restart(name)
    fmap = AtlasMap(title, name, tiles=None, control_scale=True, zoom_snap=0.25)
    fmap.default_js, fmap.default_css, boundaries = map_assets()
    fmap.get_root().header.add_child(folium.Element(f"<style>:root {{--atlas-sea: {SEA};}}</style>"))
    loading_note(fmap)
    boundary_layer(
        fmap,
        "Internationally recognised borders",
        boundaries,
        "countries",
        {"fillColor": LAND, "fillOpacity": 1, "color": BORDER, "weight": 0.8},
        z_index=350,
        control=False,
        key="iso3",
        tooltips={iso3: html(name) for iso3, name in countries["name"].items()},
        fill_when=("post_soviet", POST_SOVIET),
    )
    boundary_layer(
        fmap,
        "Breakaway and occupied areas",
        boundaries,
        "disputed",
        {"color": DISPUTED, "weight": 1.5, "dashArray": "4 3", "fillColor": DISPUTED, "fillOpacity": 0.15},
        z_index=360,
        tooltips={area.id: area_tooltip(area, countries["name"].to_dict()) for area in areas.itertuples()},
    )
    add_capitals(fmap, countries)
    add_country_labels(fmap, countries, bounds)
    tiles = folium.TileLayer(
        "OpenStreetMap",
        name="OpenStreetMap background (loads tiles from openstreetmap.org)",
        show=False,
        overlay=True,
        control=True,
    ).add_to(fmap)
    fade_when_shown(fmap, tiles, "atlas-countries")
    fit_view(fmap, bounds)
    return fmap


def add_capitals(fmap: AtlasMap, countries: pd.DataFrame) -> None:
    """Capitals as small dark dots in a layer of their own, named on hover, and written beside the dot close up."""
    group = folium.FeatureGroup(name="Capitals").add_to(fmap)
    located = countries.dropna(subset=["capital_lat", "capital_lon"])
    places = [(c.capital_lat, c.capital_lon, Markup("{} ({})").format(c.capital, c.name)) for c in located.itertuples()]
    place_dots(group, places, "capital-marker")
    labels(
        fmap, [[c.capital_lat, c.capital_lon, c.capital, CAPITAL_LABEL_ZOOM, "capital"] for c in located.itertuples()]
    )


def add_country_labels(fmap: AtlasMap, countries: pd.DataFrame, bounds: list[list[float]]) -> None:
    """Each country's name inside it, from the zoom at which it fits: large countries first, Armenia close up."""
    (south, west), (north, east) = bounds
    names = {f["properties"]["iso3"]: f["properties"]["name"] for f in boundary_features("countries")["features"]}
    names |= countries["name"].to_dict()
    entries = [
        [lat, lon, names[iso3], round(math.log2(LABEL_FIT / math.sqrt(area)), 2), "country"]
        for iso3, (lat, lon, area) in label_points((west - 10, south - 10, east + 10, north + 10)).items()
    ]
    labels(fmap, sorted(entries, key=lambda entry: entry[3]))


def area_tooltip(area, country_names: dict[str, str]) -> Markup:
    """Who holds a breakaway or occupied area, since when, and whose territory it is."""
    held = span_text(area.control_since, area.control_since_precision, area.control_ended, area.control_ended_precision)
    return Markup("<strong>{}</strong><br>Recognised as part of {}<br>Held by: {} ({})").format(
        area.name, country_names[area.recognised_country], area.controlled_by, held
    )


def footprint_map(
    sites: gpd.GeoDataFrame,
    references: dict[str, Reference],
    countries: pd.DataFrame,
    areas: pd.DataFrame,
    events: pd.DataFrame,
    as_of: date,
    name: str = "footprint",
    title: str = "Russian military presences since 1991, with a date slider",
    bounds: list[list[float]] = REGION_BOUNDS,
) -> AtlasMap:
    """Russian military sites on the base map, with a time bar from December 1991 to ``as_of`` showing what stood."""
    fmap = base_map(name, title, countries, areas, bounds)
    groups = {}
    for kind in sorted(sites["kind"].unique(), key=list(KIND_STYLE).index):
        groups[kind] = folium.FeatureGroup(name=KIND_STYLE[kind][0]).add_to(fmap)
    markers = [site_marker(site, references, countries) for site in sites.itertuples()]
    site_layer(fmap, markers, groups, as_of)
    kinds = [[KIND_STYLE[kind][0], KIND_STYLE[kind][1], MARKER_PATHS[KIND_STYLE[kind][2]]] for kind in groups]
    undated = any(marker["from"] is None for marker in markers)
    planned = bool((sites["stage"] == "planned").any())
    site_legend(fmap, kinds, "Closed by the date shown (any kind)", planned, undated)
    time_layers(fmap, areas, events, as_of)
    return fmap


def time_layers(fmap: AtlasMap, areas: pd.DataFrame, events: pd.DataFrame, as_of: date) -> None:
    """The time bar, December 1991 to ``as_of``, marked with the key ``events``; the breakaway and occupied
    ``areas`` appear and go with their control dates."""
    areas_by_date(fmap, area_spans(areas))
    time_slider(fmap, AXIS_START, as_of, key_events(events))


def area_spans(areas: pd.DataFrame) -> dict[str, list[str | None]]:
    """When each breakaway or occupied area was held, as ISO dates at their sources' precision (None: open)."""
    return {
        area.id: [
            None if pd.isna(area.control_since) else iso_text(area.control_since, area.control_since_precision),
            None if pd.isna(area.control_ended) else iso_text(area.control_ended, area.control_ended_precision),
        ]
        for area in areas.itertuples()
    }


def shown_from(site) -> str | None:
    """When a site appears on the time map: its opening, or for a planned site its announcement (None: from the
    start, and the legend says so)."""
    if pd.notna(site.opened):
        return iso_text(site.opened, site.opened_precision)
    if site.stage == "planned" and pd.notna(site.announced):
        return iso_text(site.announced, site.announced_precision)
    return None


def site_marker(site, references: dict[str, Reference], countries: pd.DataFrame) -> dict:
    """What the browser needs to draw one site: place, style, the day it is drawn from, tooltip and details."""
    return {
        "id": site.id,
        "lat": site.lat,
        "lon": site.lon,
        "kind": site.kind,
        "colour": KIND_STYLE[site.kind][1],
        "path": MARKER_PATHS[KIND_STYLE[site.kind][2]],
        "from": shown_from(site),
        "closed": None if pd.isna(site.closed) else iso_text(site.closed, site.closed_precision),
        "planned": site.stage == "planned",
        "tooltipMarkup": html(site.name),
        "detailsMarkup": site_details(site, references, countries),
    }


def memberships_map(
    memberships: pd.DataFrame,
    organisations: pd.DataFrame,
    countries: pd.DataFrame,
    areas: pd.DataFrame,
    events: pd.DataFrame,
    as_of: date,
    initial: str = "CSTO",
) -> AtlasMap:
    """Countries coloured by their status in one organisation on the time bar's date (December 1991 to ``as_of``)."""
    fmap = base_map("memberships", "Bloc memberships by organisation, with a date slider", countries, areas)
    tracked = [
        [code, organisations.at[code, "name"]]
        for code in organisations.index
        if code in set(memberships["organisation"])
    ]
    statuses = [(status, html(label), colour) for status, (label, colour) in STATUS_STYLE.items()]
    covered = sorted(countries.index[countries["post_soviet"]])
    segments = status_segments(memberships)
    membership_colours(fmap, segments, tracked, initial, statuses, country_names(countries), covered)
    time_layers(fmap, areas, events, as_of)
    return fmap


def site_details(site, references: dict[str, Reference], countries: pd.DataFrame) -> str:
    """The facts of one site, each as precise as its source, with linked sources."""
    rows = [
        ("Kind", KIND_STYLE[site.kind][0]),
        ("Stage", "planned: no source confirms it operates" if site.stage == "planned" else None),
        ("Announced", None if pd.isna(site.announced) else iso_text(site.announced, site.announced_precision)),
        ("Host country", countries.at[site.host_country, "name"]),
        ("Territory", TERRITORY_LABELS[site.territory_status]),
        ("Russian presence", span_text(site.opened, site.opened_precision, site.closed, site.closed_precision)),
        ("Legal basis", site.legal_basis),
        ("Personnel", site.personnel),
    ]
    return Markup("<strong>{}</strong><dl>{}</dl><p>Sources: {}</p>").format(
        site.name, facts(rows), source_links(site.sources, references, new_tab=True)
    )


def country_names(countries: pd.DataFrame) -> dict[str, Markup]:
    """Every country of the base map by ISO3, as markup: the tables' name, else the boundaries' own."""
    drawn = {f["properties"]["iso3"]: f["properties"]["name"] for f in boundary_features("countries")["features"]}
    return {iso3: html(name) for iso3, name in (drawn | countries["name"].to_dict()).items()}


def borders_map(
    countries: pd.DataFrame, areas: pd.DataFrame, events: pd.DataFrame, drawn_ids: set[str], as_of: date
) -> AtlasMap:
    """The base map zoomed on the Black Sea and the Caucasus, noting the areas it cannot draw, with a time bar
    from December 1991 to ``as_of`` that shows each area only while it was held (Karabakh: 1994, 2020, 2023)."""
    title = "Recognised borders and breakaway areas around the Black Sea and the Caucasus, with a date slider"
    fmap = base_map("borders", title, countries, areas, CAUCASUS_BOUNDS)
    time_layers(fmap, areas, events, as_of)
    missing = areas[~areas["id"].isin(drawn_ids)]
    if len(missing):
        note = Markup(
            "<strong>Not drawn</strong> (no openly licensed outline in our sources): {}. See the table below."
        )
        fmap.notes.append(note.format(join("; ", missing["name"])))
    return fmap
