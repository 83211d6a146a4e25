"""The economy chapter's map: Russian-held strategic assets through time, and the corridors that route around Russia.

Assets are drawn as the footprint draws sites (``maps.site_layer``): a shape and colour per sector, from the
day the Russian party took the asset, hollow once it let it go. Corridors are schematic lines through the
towns of ``corridor_points.csv``, coloured by mode and dashed by status, drawn from their opening where a
source dates it. Both open their facts and sources in the details panel.
"""

from datetime import date

import folium
import pandas as pd

from caucasus_atlas.layers import route_lines, site_legend
from caucasus_atlas.maps import AtlasMap, base_map, time_layers
from caucasus_atlas.markup import Markup, html
from caucasus_atlas.presentation import facts, source_links, span_text
from caucasus_atlas.references import Reference
from caucasus_atlas.routes import (
    MODE_STYLE,
    ROLE_LABELS,
    SCHEMATIC_NOTE,
    STATUS_STYLE,
    corridor_lines,
    date_text,
    text_or_none,
)
from caucasus_atlas.style import MARKER_PATHS, SECTOR_STYLE
from caucasus_atlas.time_controls import site_layer

TITLE = "Russian-held strategic assets and the transport and energy corridors of the South Caucasus, with a time bar"
ROUTES_BOUNDS = [[36.5, 36.0], [45.0, 52.0]]  # the Caucasus, the Caspian's west shore, eastern Türkiye
# Leaflet dash patterns for the statuses of routes.STATUS_STYLE (in px, for lines 3-4 px wide).
DASHES = {
    "in_service": None,
    "partly_in_service": "10 4 2 4",
    "under_construction": "8 4",
    "planned": "2 5",
    "suspended": "5 5",
    "closed": "1 6",
}
LINE_WEIGHT = 1.6  # Leaflet px per matplotlib point of routes.MODE_STYLE


def asset_marker(asset, references: dict[str, Reference], countries: pd.DataFrame) -> dict:
    """What the browser needs to draw one asset, as ``maps.site_marker`` gives a site."""
    label, colour, shape = SECTOR_STYLE[asset.sector]
    role = ROLE_LABELS[asset.russian_role] + ("" if pd.isna(asset.stake) else f" ({asset.stake:g}%)")
    held = span_text(asset.start, asset.start_precision, asset.end, asset.end_precision)
    rows = [
        ("Sector", label),
        ("Country", countries.at[asset.country, "name"]),
        ("Russian party", asset.owner),
        ("Its role", role),
        ("Held", held + ("" if pd.isna(asset.end_reason) else f" ({asset.end_reason.replace('_', ' ')})")),
        ("Legal basis", text_or_none(asset.legal_basis)),
        ("Drawn at", f"{asset.place} (town)"),
        ("Note", text_or_none(asset.note)),
    ]
    details = Markup("<strong>{}</strong><dl>{}</dl><p>Sources: {}</p>").format(
        asset.name, facts(rows), source_links(asset.sources, references, new_tab=True)
    )
    return {
        "id": asset.id,
        "lat": asset.lat,
        "lon": asset.lon,
        "kind": asset.sector,
        "colour": colour,
        "path": MARKER_PATHS[shape],
        "from": date_text(asset, "start"),
        "closed": date_text(asset, "end"),
        "planned": False,
        "tooltipMarkup": html(asset.name),
        "detailsMarkup": details,
    }


def route_line(line, references: dict[str, Reference], country_names: dict[str, str]) -> dict:
    """What the browser needs to draw one corridor: its towns, style, dates, tooltip and details."""
    mode, colour, points = MODE_STYLE[line.mode]
    status = STATUS_STYLE[line.status][0]
    as_of = date_text(line, "status_as_of")
    rows = [
        ("Also called", text_or_none(line.other_names)),
        ("Carries", mode),
        ("Status", f"{status} (as of {as_of})"),
        (
            "In service",
            None
            if pd.isna(line.opened)
            else span_text(line.opened, line.opened_precision, line.closed, line.closed_precision),
        ),
        ("Closed", None if pd.isna(line.closed) or not pd.isna(line.opened) else date_text(line, "closed")),
        ("Countries", ", ".join(country_names[iso3] for iso3 in line.countries)),
        ("Drawn through", " – ".join(line.places) + f". {SCHEMATIC_NOTE}"),
        ("Note", text_or_none(line.note)),
    ]
    details = Markup("<strong>{}</strong><dl>{}</dl><p>Sources: {}</p>").format(
        line.name, facts(rows), source_links(line.sources, references, new_tab=True)
    )
    return {
        "id": line.id,
        "latlngs": [[lat, lon] for lon, lat in line.geometry.coords],
        "colour": colour,
        "weight": round(points * LINE_WEIGHT, 1),
        "dashes": DASHES[line.status],
        "from": date_text(line, "opened"),
        "until": date_text(line, "closed"),
        "tooltipMarkup": Markup("<strong>{}</strong><br>{}, {}").format(line.name, mode, status.lower()),
        "detailsMarkup": details,
    }


def routes_map(
    corridors: pd.DataFrame,
    points: pd.DataFrame,
    assets: pd.DataFrame,
    references: dict[str, Reference],
    countries: pd.DataFrame,
    areas: pd.DataFrame,
    events: pd.DataFrame,
    as_of: date,
) -> AtlasMap:
    """Assets and corridors on the base map, with a time bar from December 1991 to ``as_of``."""
    fmap = base_map("economy", TITLE, countries, areas, ROUTES_BOUNDS)
    names = countries["name"].to_dict()
    lines = corridor_lines(corridors, points).sort_values("id")
    corridor_group = folium.FeatureGroup(name="Corridors (schematic lines)").add_to(fmap)
    modes = [
        [label, colour, round(width * LINE_WEIGHT, 1)]
        for mode, (label, colour, width) in MODE_STYLE.items()
        if mode in set(lines["mode"])
    ]
    statuses = [
        [label, DASHES[status]] for status, (label, _) in STATUS_STYLE.items() if status in set(lines["status"])
    ]
    routes = [route_line(line, references, names) for line in lines.itertuples()]
    route_lines(fmap, corridor_group, routes, {"modes": modes, "statuses": statuses}, as_of.isoformat())
    groups = {}
    for sector in [s for s in SECTOR_STYLE if s in set(assets["sector"])]:
        groups[sector] = folium.FeatureGroup(name=f"Russian-held: {SECTOR_STYLE[sector][0].lower()}").add_to(fmap)
    markers = [asset_marker(asset, references, countries) for asset in assets.itertuples()]
    site_layer(fmap, markers, groups, as_of)
    kinds = [[SECTOR_STYLE[s][0], SECTOR_STYLE[s][1], MARKER_PATHS[SECTOR_STYLE[s][2]]] for s in groups]
    undated = any(marker["from"] is None for marker in markers)
    site_legend(fmap, kinds, "No longer Russian-held by the date shown", planned=False, undated=undated)
    time_layers(fmap, areas, events, as_of)
    return fmap
