"""Interactive maps. ``base_map`` draws the region once; every chapter's map builds on it."""

from html import escape

import folium
import geopandas as gpd
import pandas as pd

from caucasus_atlas.assets import MAP_CSS, MAP_JS, boundary_url
from caucasus_atlas.data import load_countries, load_disputed_areas
from caucasus_atlas.ids import ELEMENT_IDS
from caucasus_atlas.layers import HtmlPopup, MapNote, shared_layer
from caucasus_atlas.presentation import source_links, span_text
from caucasus_atlas.references import Reference
from caucasus_atlas.style import BORDER, DISPUTED, KIND_STYLE, LAND, POST_SOVIET

TERRITORY_LABELS = {
    "host_consented": "with the host state's consent",
    "breakaway": "in a breakaway area outside the host state's control",
    "annexed": "in territory annexed by Russia",
}
REGION_BOUNDS = [[33.0, 22.0], [58.0, 80.0]]  # south-west and north-east corners (lat, lon)
CAUCASUS_BOUNDS = [[37.5, 28.0], [47.5, 50.5]]  # the Black Sea, the Caucasus and the Caspian shore


class AtlasMap(folium.Map):
    """A folium map that names itself in plain text, so notebook outputs stay reproducible."""

    def __init__(self, title: str, **kwargs):
        super().__init__(**kwargs)
        self.title = title

    def __repr__(self) -> str:
        return f"Interactive map: {self.title}"


def base_map(name: str, bounds: list[list[float]] = REGION_BOUNDS) -> AtlasMap:
    """Recognised borders and the breakaway/occupied layer, with no third-party tiles.

    ``name`` seeds the map's element ids, so each map on a page gets its own and
    re-running a notebook reproduces them exactly. Boundaries are fetched from the
    book's ``_static`` files, shared by every map.
    """
    ELEMENT_IDS.restart(name)
    fmap = AtlasMap(name, tiles=None, control_scale=True, zoom_snap=0.25)
    fmap.default_js, fmap.default_css = MAP_JS, MAP_CSS
    fmap.get_root().header.add_child(folium.Element("<style>.folium-map {background: #dfe8ee;}</style>"))
    country_style = (
        f"function (f) {{ return {{fillColor: f.properties.post_soviet ? '{POST_SOVIET}' : '{LAND}', "
        f"fillOpacity: 1, color: '{BORDER}', weight: 0.8}}; }}"
    )
    shared_layer(
        fmap,
        "Internationally recognised borders",
        boundary_url("countries"),
        "countries",
        country_style,
        z_index=350,
        control=False,
        key="iso3",
        tooltips=load_countries()["name"].to_dict(),
    )
    areas = load_disputed_areas()
    shared_layer(
        fmap,
        "Breakaway and occupied areas",
        boundary_url("disputed"),
        "disputed",
        {"color": DISPUTED, "weight": 1.5, "dashArray": "4 3", "fillColor": DISPUTED, "fillOpacity": 0.15},
        z_index=360,
        tooltips={a.id: f"<strong>{escape(a.name)}</strong><br>{escape(a.controlled_by)}" for a in areas.itertuples()},
    )
    fmap.fit_bounds(bounds)
    return fmap


def area_tooltip(area, country_names: dict[str, str]) -> str:
    """Who holds a breakaway or occupied area, since when, and whose territory it is."""
    held = span_text(area.control_since, area.control_since_precision, area.control_ended, area.control_ended_precision)
    return (
        f"<strong>{escape(area.name)}</strong><br>Recognised as part of {country_names[area.recognised_country]}"
        f"<br>Held by: {escape(area.controlled_by)} ({held})"
    )


def footprint_map(sites: gpd.GeoDataFrame, references: dict[str, Reference], countries: pd.DataFrame) -> AtlasMap:
    """Russian military sites on the base map: filled if present today, hollow if closed."""
    fmap = base_map("footprint")
    for kind, group in sites.groupby("kind", sort=False):
        label, colour, _ = KIND_STYLE[kind]
        layer = folium.FeatureGroup(name=label).add_to(fmap)
        for site in group.itertuples():
            folium.CircleMarker(
                [site.lat, site.lon],
                radius=7,
                class_name="site-marker",
                color=colour if pd.isna(site.closed) else "#333333",
                weight=2,
                fill=True,
                fill_color=colour,
                fill_opacity=0.9 if pd.isna(site.closed) and site.stage == "in_service" else 0.0,
                dash_array="3 3" if site.stage == "planned" else None,
                tooltip=escape(site.name),
            ).add_child(HtmlPopup(site_popup(site, references, countries))).add_to(layer)
    folium.LayerControl(collapsed=True).add_to(fmap)
    return fmap


def site_popup(site, references: dict[str, Reference], countries: pd.DataFrame) -> str:
    """The facts of one site, each as precise as its source, with linked sources."""
    rows = [
        ("Kind", KIND_STYLE[site.kind][0]),
        ("Stage", "planned: no source confirms it operates" if site.stage == "planned" else None),
        ("Host country", countries.at[site.host_country, "name"]),
        ("Territory", TERRITORY_LABELS[site.territory_status]),
        ("Russian presence", span_text(site.opened, site.opened_precision, site.closed, site.closed_precision)),
        ("Legal basis", site.legal_basis),
        ("Personnel", site.personnel),
    ]
    facts = "".join(f"<dt>{k}</dt><dd>{escape(str(v))}</dd>" for k, v in rows if not pd.isna(v))
    return (
        f"<strong>{escape(site.name)}</strong><dl>{facts}</dl><p>Sources: {source_links(site.sources, references)}</p>"
    )


def borders_map(areas: pd.DataFrame, drawn_ids: set[str]) -> AtlasMap:
    """The base map zoomed on the Black Sea and the Caucasus, noting the areas it cannot draw."""
    fmap = base_map("borders", CAUCASUS_BOUNDS)
    missing = areas[~areas["id"].isin(drawn_ids)]
    if len(missing):
        names = "; ".join(escape(name) for name in missing["name"])
        MapNote(
            f"<strong>Not drawn</strong> (no openly licensed outline in our sources): {names}. See the table below."
        ).add_to(fmap)
    return fmap
