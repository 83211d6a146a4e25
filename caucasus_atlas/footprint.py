"""Which Russian military presences stood on a given day, and how many by region."""

from datetime import date

import pandas as pd


def opened_by(sites: pd.DataFrame, when: date) -> pd.DataFrame:
    """Sites opened (a planned one: announced) on or before ``when``; one no source dates counts from the start."""
    first = sites["opened"].fillna(sites["announced"].where(sites["stage"] == "planned"))
    return sites[first.isna() | (first <= pd.Timestamp(when))]


def standing_on(sites: pd.DataFrame, when: date) -> pd.DataFrame:
    """Sites in service on ``when``: opened by then, not yet closed, and not merely planned."""
    opened = opened_by(sites, when)
    return opened[
        (opened["stage"] == "in_service") & (opened["closed"].isna() | (opened["closed"] > pd.Timestamp(when)))
    ]


def counts_by_region(sites: pd.DataFrame, countries: pd.DataFrame, years: range) -> pd.DataFrame:
    """Regions by years: how many presences stood on 1 July of each year."""
    region = sites["host_country"].map(countries["region"])
    counts = {
        year: standing_on(sites.assign(region=region), date(year, 7, 1)).groupby("region").size() for year in years
    }
    return pd.DataFrame(counts).fillna(0).astype(int)


def in_region(sites: pd.DataFrame, countries: pd.DataFrame, region: str) -> pd.DataFrame:
    """Sites whose host country lies in ``region`` (a ``region`` of ``countries.csv``)."""
    return sites[sites["host_country"].map(countries["region"]) == region]
