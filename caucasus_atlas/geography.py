"""The vendored boundaries (``data/boundaries/``): loading them, and distances to them."""

import json
from functools import cache
from pathlib import Path

import geopandas as gpd
from pyproj import Geod
from shapely.geometry import Point, shape
from shapely.geometry.base import BaseGeometry
from shapely.ops import nearest_points

from caucasus_atlas.paths import BOUNDARIES_DIR

_WGS84 = Geod(ellps="WGS84")


@cache
def boundary_features(layer: str, boundaries_dir: Path = BOUNDARIES_DIR) -> dict:
    """A boundary layer ('countries' or 'disputed') as a GeoJSON FeatureCollection."""
    return json.loads((boundaries_dir / f"{layer}.geojson").read_text(encoding="utf-8"))


def load_boundaries(layer: str, boundaries_dir: Path = BOUNDARIES_DIR) -> gpd.GeoDataFrame:
    """A boundary layer as a GeoDataFrame in EPSG:4326."""
    return gpd.GeoDataFrame.from_features(boundary_features(layer, boundaries_dir)["features"], crs="EPSG:4326")


@cache
def load_country_shapes(boundaries_dir: Path = BOUNDARIES_DIR) -> dict[str, BaseGeometry]:
    """Country polygons by ISO3; empty until the boundaries are vendored."""
    if not (boundaries_dir / "countries.geojson").exists():
        return {}
    features = boundary_features("countries", boundaries_dir)["features"]
    return {f["properties"]["iso3"]: shape(f["geometry"]) for f in features}


def distance_outside_km(area: BaseGeometry, lon: float, lat: float) -> float:
    """Geodesic distance from a point to an area; 0 when the point is inside."""
    point = Point(lon, lat)
    if area.covers(point):
        return 0.0
    nearest = nearest_points(area, point)[0]
    return _WGS84.inv(lon, lat, nearest.x, nearest.y)[2] / 1000
