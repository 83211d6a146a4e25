"""The vendored boundaries (``data/boundaries/``): loading them, and distances to them."""

import json
from functools import cache
from pathlib import Path

import geopandas as gpd
from pyproj import Geod
from shapely.errors import ShapelyError
from shapely.geometry import Point, box, shape
from shapely.geometry.base import BaseGeometry
from shapely.ops import nearest_points

from caucasus_atlas.paths import BOUNDARIES_DIR

_WGS84 = Geod(ellps="WGS84")
# Each layer's features are keyed by this property.
LAYER_KEYS = {"countries": "iso3", "disputed": "id"}


def parse_layer(text: str) -> dict:
    """GeoJSON text as a FeatureCollection; ValueError if it is not JSON or not a FeatureCollection."""
    collection = json.loads(text)
    if not isinstance(collection, dict) or collection.get("type") != "FeatureCollection":
        raise ValueError("not a GeoJSON FeatureCollection")
    if not isinstance(collection.get("features"), list):
        raise ValueError("the FeatureCollection has no list of features")
    return collection


@cache
def boundary_features(layer: str, boundaries_dir: Path = BOUNDARIES_DIR) -> dict:
    """A boundary layer ('countries' or 'disputed') as a GeoJSON FeatureCollection."""
    return parse_layer((boundaries_dir / f"{layer}.geojson").read_text(encoding="utf-8"))


def load_boundaries(layer: str, boundaries_dir: Path = BOUNDARIES_DIR) -> gpd.GeoDataFrame:
    """A boundary layer as a GeoDataFrame in EPSG:4326."""
    return gpd.GeoDataFrame.from_features(boundary_features(layer, boundaries_dir)["features"], crs="EPSG:4326")


def feature_shapes(collection: dict, layer: str) -> dict[str, BaseGeometry]:
    """A layer's geometries by its key property (LAYER_KEYS); ValueError naming the first feature lacking either."""
    key = LAYER_KEYS[layer]
    shapes = {}
    for number, feature in enumerate(collection["features"], start=1):
        try:
            shapes[feature["properties"][key]] = shape(feature["geometry"])
        except (AttributeError, KeyError, TypeError, ValueError, ShapelyError) as err:
            raise ValueError(f"feature {number} lacks a valid geometry or its '{key}' property") from err
    return shapes


@cache
def load_country_shapes(boundaries_dir: Path = BOUNDARIES_DIR) -> dict[str, BaseGeometry]:
    """Country polygons by ISO3."""
    return feature_shapes(boundary_features("countries", boundaries_dir), "countries")


def distance_outside_km(area: BaseGeometry, lon: float, lat: float) -> float:
    """Geodesic distance from a point to an area; 0 when the point is inside."""
    point = Point(lon, lat)
    if area.covers(point):
        return 0.0
    nearest = nearest_points(area, point)[0]
    return _WGS84.inv(lon, lat, nearest.x, nearest.y)[2] / 1000


def label_points(
    window: tuple[float, float, float, float], layer: str = "countries", key: str = "iso3"
) -> dict[str, tuple[float, float, float]]:
    """Where to write each feature's name on a map of ``window`` (west, south, east, north): a point inside the
    largest part of it that the window shows (lat, lon), and that part's area in square degrees, which says from
    which zoom the name fits. Features outside the window get none."""
    points = {}
    for feature in boundary_features(layer)["features"]:
        area = shape(feature["geometry"]).intersection(box(*window))
        if area.is_empty:
            continue
        largest = max(getattr(area, "geoms", [area]), key=lambda part: part.area)
        point = largest.representative_point()
        points[feature["properties"][key]] = (round(point.y, 3), round(point.x, 3), largest.area)
    return points
