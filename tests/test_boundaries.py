"""The vendored boundaries: recognised borders hold the breakaway areas, and each area's status is attributed."""

import hashlib
import io
import json

import geopandas as gpd
import numpy as np
import pytest
import shapely
from shapely.geometry import shape

from caucasus_atlas import load_disputed_areas
from caucasus_atlas.geography import boundary_features, load_boundaries, load_country_shapes
from caucasus_atlas.paths import BOUNDARIES_DIR

POST_SOVIET = {"ARM", "AZE", "BLR", "EST", "GEO", "KAZ", "KGZ", "LTU", "LVA", "MDA", "RUS", "TJK", "TKM", "UKR", "UZB"}


@pytest.fixture(scope="module")
def disputed():
    return {f["properties"]["id"]: f for f in boundary_features("disputed")["features"]}


@pytest.mark.parametrize(
    ("area", "country"),
    [
        ("crimea", "UKR"),
        ("abkhazia", "GEO"),
        ("south-ossetia", "GEO"),
        ("transnistria", "MDA"),
        ("nagorno-karabakh", "AZE"),
        ("karabakh-occupied-districts", "AZE"),
        ("donbas-2014", "UKR"),
    ],
)
def test_breakaway_areas_lie_inside_the_recognised_country(disputed, area, country):
    polygon, countries = shape(disputed[area]["geometry"]), load_country_shapes()
    assert disputed[area]["properties"]["recognised_country"] == country
    assert countries[country].contains(polygon.representative_point())
    assert shapely.difference(polygon, countries[country]).area < 1e-9
    others = [iso3 for iso3, other in countries.items() if iso3 != country and other.intersection(polygon).area > 1e-6]
    assert others == []


def test_every_drawn_area_carries_its_attributed_status(disputed):
    areas = load_disputed_areas().set_index("id")
    for area_id, feature in disputed.items():
        assert area_id in areas.index, f"{area_id} is drawn but has no row in disputed_areas.csv"
        row = areas.loc[area_id]
        assert row["recognised_country"] == feature["properties"]["recognised_country"]
        assert row["controlled_by"] and row["status_summary"] and len(row["sources"]) >= 1


def test_countries_are_whole_polygons_for_the_whole_region():
    features = boundary_features("countries")["features"]
    kinds = {f["properties"]["iso3"]: f["geometry"]["type"] for f in features}
    assert POST_SOVIET | {"TUR", "IRN"} <= set(kinds)
    assert set(kinds.values()) <= {"Polygon", "MultiPolygon"}
    assert {f["properties"]["iso3"] for f in features if f["properties"]["post_soviet"]} == POST_SOVIET


def test_nakhchivan_and_the_enclaves_survive_simplification():
    azerbaijan = load_country_shapes()["AZE"]
    assert len(azerbaijan.geoms) >= 3  # mainland, Nakhchivan and at least one exclave inside Armenia
    assert azerbaijan.contains(shapely.Point(45.41, 39.21))  # Nakhchivan city


def test_committed_files_are_those_the_regeneration_script_wrote():
    recorded = json.loads((BOUNDARIES_DIR / "SOURCES.json").read_text())["outputs"]
    for name, digest in recorded.items():
        assert hashlib.sha256((BOUNDARIES_DIR / name).read_bytes()).hexdigest() == digest, name


@pytest.fixture(scope="module")
def web_layers():
    from caucasus_atlas.topology import LAYERS, web_topology

    text = web_topology().encode()
    return {layer: gpd.read_file(io.BytesIO(text), layer=layer) for layer in LAYERS}


def test_the_maps_topology_holds_every_country_and_area(web_layers):
    for layer, key in (("countries", "iso3"), ("disputed", "id")):
        published = sorted(f["properties"][key] for f in boundary_features(layer)["features"])
        assert sorted(web_layers[layer][key]) == published


DETAILED = {"ARM", "AZE", "GEO", "UKR"}  # shown up close, where only quantising moves a border


def test_the_maps_topology_stays_close_to_the_published_borders(web_layers):
    """Quantising moves a border by under 0.006 degrees; only stretches far from every map frame are simplified
    more (FAR_TOLERANCE, 0.1 degrees), and only there are islets left out (FAR_ISLET)."""
    from caucasus_atlas.topology import without_far_islets

    published = without_far_islets(load_boundaries("countries")).set_index("iso3").geometry
    drawn = web_layers["countries"].set_index("iso3").geometry
    moved = {iso3: shapely.hausdorff_distance(published[iso3], drawn[iso3]) for iso3 in drawn.index}
    too_far = {iso3: d for iso3, d in moved.items() if d >= (0.01 if iso3 in DETAILED else 0.11)}
    assert too_far == {}


def test_only_islets_far_from_every_map_frame_are_left_out(web_layers):
    from caucasus_atlas.topology import DETAIL_WINDOW, FAR_ISLET

    published = load_boundaries("countries").set_index("iso3").geometry
    drawn = web_layers["countries"].set_index("iso3").geometry
    for iso3 in drawn.index:
        parts = shapely.get_parts(published[iso3])
        far_islets = ~shapely.intersects(parts, DETAIL_WINDOW) & (shapely.area(parts) < FAR_ISLET)
        assert len(shapely.get_parts(drawn[iso3])) == len(parts) - far_islets.sum(), iso3
    assert len(shapely.get_parts(drawn["EST"])) == 8  # Saaremaa, Hiiumaa and the islets round them stay
    assert len(shapely.get_parts(published["RUS"])) - len(shapely.get_parts(drawn["RUS"])) > 100  # Arctic islets go


def wiggle(west: float, east: float, latitude: float, count: int = 200) -> np.ndarray:
    """A line from ``west`` to ``east`` along ``latitude``, zig-zagging by 0.001 degrees (well under FAR_TOLERANCE)."""
    x = np.linspace(west, east, count)
    return np.column_stack([x, latitude + 0.001 * (np.arange(count) % 2)])


def test_only_the_stretches_of_an_arc_outside_the_detail_window_are_simplified():
    from caucasus_atlas.topology import simplified_where_far

    # Moscow's latitude, from 10°E (outside the window) through the window (20–82°E) to 100°E (outside again).
    arc = wiggle(10.0, 100.0, 55.0, 901)
    kept = simplified_where_far(arc)
    inside = (arc[:, 0] > 20.0) & (arc[:, 0] < 82.0)
    assert np.array_equal(kept[[0, -1]], arc[[0, -1]]), "an arc's ends, where it meets others, moved"
    assert {tuple(p) for p in arc[inside]} <= {tuple(p) for p in kept}, "a point inside the window went"
    assert len(kept) < inside.sum() + 10, "the stretches outside were not simplified"
    ring = np.vstack([wiggle(10.0, 30.0, 55.0), wiggle(30.0, 10.0, 56.0), [[10.0, 55.0]]])
    closed = simplified_where_far(ring)
    assert np.array_equal(closed[0], closed[-1]) and len(closed) < len(ring)
