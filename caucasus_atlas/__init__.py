"""Data, maps and figures for the book on Moscow's leverage in the South Caucasus.

Notebooks read every table through this package, so that data is validated once
against ``data/datapackage.json`` and arrives typed.
"""

from caucasus_atlas.data import (
    load_as_of,
    load_claims,
    load_countries,
    load_disputed_areas,
    load_events,
    load_memberships,
    load_military_sites,
    load_organisations,
)
from caucasus_atlas.problems import DataError, Problem
from caucasus_atlas.references import load_references

__all__ = [
    "load_as_of",
    "load_claims",
    "DataError",
    "Problem",
    "load_countries",
    "load_disputed_areas",
    "load_events",
    "load_memberships",
    "load_military_sites",
    "load_organisations",
    "load_references",
]
