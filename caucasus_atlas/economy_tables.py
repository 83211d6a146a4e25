"""The economic figures as tables: each figure beside the sentence of its source that states it."""

import pandas as pd
from IPython.display import HTML

from caucasus_atlas.dates import format_partial_date
from caucasus_atlas.presentation import source_links
from caucasus_atlas.references import Reference
from caucasus_atlas.tables import html_table

UNITS = {  # unit: how a value is written (the number first)
    "percent": "{}%",
    "usd": "USD {}",
    "usd_million": "USD {} million",
    "usd_billion": "USD {} billion",
    "people": "{} people",
    "people_thousand": "{} thousand people",
    "people_million": "{} million people",
    "bcm": "{} bcm",
    "tonnes": "{} tonnes",
    "tonnes_thousand": "{} thousand tonnes",
    "tonnes_million": "{} million tonnes",
}
# The chapter's three tables: the indicators each shows.
TRADE = ("trade_share", "export_share", "import_share", "trade_value", "exports_value", "imports_value")
PEOPLE_AND_MONEY = ("remittances", "remittances_share", "remittances_gdp", "labour_migrants", "migrants_arrived")
FREIGHT = ("freight_volume",)
SUPPLY = (
    "gas_imports",
    "gas_import_share",
    "oil_imports",
    "oil_import_share",
    "wheat_imports",
    "wheat_import_share",
    "electricity_import_share",
)
INDICATORS = {  # indicator: its name in a table
    "trade_share": "Share of trade",
    "export_share": "Share of exports",
    "import_share": "Share of imports",
    "trade_value": "Trade",
    "exports_value": "Exports",
    "imports_value": "Imports",
    "remittances": "Remittances received",
    "remittances_share": "Share of remittances",
    "remittances_gdp": "Remittances, share of GDP",
    "gas_imports": "Gas imports",
    "oil_imports": "Oil imports",
    "wheat_imports": "Wheat imports",
    "gas_import_share": "Share of gas imports",
    "oil_import_share": "Share of oil imports",
    "wheat_import_share": "Share of wheat imports",
    "electricity_import_share": "Share of electricity imports",
    "labour_migrants": "Labour migrants in the partner state",
    "migrants_arrived": "People who moved from the partner state",
    "freight_volume": "Freight carried",
}


def value_text(value: float, unit: str) -> str:
    """A figure with its unit, as the table writes it (no rounding: the value as stored)."""
    return UNITS[unit].format(f"{value:,.10g}")


def figures_table(
    figures: pd.DataFrame,
    countries: pd.DataFrame,
    names: dict[str, str],
    references: dict[str, Reference],
    indicators: tuple[str, ...],
    folded: bool = False,
) -> HTML:
    """The figures of ``indicators``, by country, indicator, partner or corridor and period, each with its quote and
    sources. ``names`` names each partner (countries, blocs) and corridor by its code; no partner is "All partners".
    ``folded``: behind a disclosure that counts them (where a chart above draws them, and the table would stand
    many screens tall between the chart and what follows).
    """
    chosen = figures[figures["indicator"].isin(indicators)].sort_values(["country", "indicator", "partner", "period"])
    other_side = [
        names[corridor] if pd.notna(corridor) else names[partner] if pd.notna(partner) else "All partners"
        for partner, corridor in zip(chosen["partner"], chosen["corridor"], strict=True)
    ]
    summary = "The figure" if len(chosen) == 1 else f"The {len(chosen)} figures"
    return html_table(
        {
            "Country": chosen["country"].map(countries["name"]),
            "Figure": chosen["indicator"].map(INDICATORS),
            "Partner or route": other_side,
            "Period": [
                format_partial_date(p, precision)
                for p, precision in zip(chosen["period"], chosen["period_precision"], strict=True)
            ],
            "Value": [value_text(v, u) for v, u in zip(chosen["value"], chosen["unit"], strict=True)],
            "The source's words": chosen["value_quote"],
            "Note": chosen["note"].fillna(""),
            "Sources": [source_links(keys, references) for keys in chosen["sources"]],
        },
        folded=f"{summary} in a table, each with its source's words and its sources" if folded else "",
    )
