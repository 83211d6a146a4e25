"""Typed tables, read from ``data/`` only after the whole package validates.

Types come from ``datapackage.json``: booleans, numbers, strings (missing cells
are ``<NA>``), dates at a precision (a ``datetime64`` column holding the first day
of the period, plus ``<name>_precision``), and ``;``-lists of keys (tuples).
"""

from pathlib import Path

import geopandas as gpd
import pandas as pd

from caucasus_atlas.dates import parse_partial_date
from caucasus_atlas.descriptor import valid_descriptor
from caucasus_atlas.paths import DATA_DIR

TRUE_VALUES = {"true", "True", "TRUE", "1"}


def load_table(name: str, data_dir: Path = DATA_DIR) -> pd.DataFrame:
    """One resource of the package as a typed DataFrame."""
    resource = next(r for r in valid_descriptor(data_dir)["resources"] if r["name"] == name)
    raw = pd.read_csv(data_dir / resource["path"], dtype=str, keep_default_na=False, encoding="utf-8")
    columns = {}
    for field in resource["schema"]["fields"]:
        name, cells = field["name"], raw[field["name"]]
        if field["type"] == "boolean":
            columns[name] = cells.isin(TRUE_VALUES)
        elif field["type"] == "number":
            columns[name] = pd.to_numeric(cells).astype("float64")
        elif field.get("partialDate"):
            parsed = [parse_partial_date(c) if c else None for c in cells]
            columns[name] = pd.to_datetime([p.first_day if p else None for p in parsed])
            columns[f"{name}_precision"] = pd.Series([p.precision if p else None for p in parsed], dtype="string")
        elif "listOf" in field or field.get("chapterList"):
            columns[name] = [tuple(c.split(";")) if c else () for c in cells]
        else:
            columns[name] = cells.replace("", pd.NA).astype("string")
    return pd.DataFrame(columns)


def load_countries(data_dir: Path = DATA_DIR) -> pd.DataFrame:
    """States the tables refer to, indexed by ISO3 code."""
    return load_table("countries", data_dir).set_index("iso3")


def load_organisations(data_dir: Path = DATA_DIR) -> pd.DataFrame:
    """Tracked organisations, indexed by code."""
    return load_table("organisations", data_dir).set_index("code")


def load_memberships(data_dir: Path = DATA_DIR) -> pd.DataFrame:
    """Membership spells (country, organisation, status, start, end, ...)."""
    return load_table("memberships", data_dir)


def load_events(data_dir: Path = DATA_DIR) -> pd.DataFrame:
    """Dated events, in date order."""
    return load_table("events", data_dir).sort_values(["date", "id"], ignore_index=True)


def load_claims(data_dir: Path = DATA_DIR) -> pd.DataFrame:
    """The opinion column's claims, in the column's order, with verdicts and findings."""
    return load_table("claims", data_dir)


def load_disputed_areas(data_dir: Path = DATA_DIR) -> pd.DataFrame:
    """Breakaway and occupied areas with their attributed status, in id order."""
    return load_table("disputed_areas", data_dir).sort_values("id", ignore_index=True)


def load_military_sites(data_dir: Path = DATA_DIR) -> gpd.GeoDataFrame:
    """Russian military sites as points (EPSG:4326), in id order."""
    sites = load_table("military_sites", data_dir).sort_values("id", ignore_index=True)
    return gpd.GeoDataFrame(sites, geometry=gpd.points_from_xy(sites["lon"], sites["lat"]), crs="EPSG:4326")
