"""Tables that give every map a text alternative, with the sources of each row."""

import pandas as pd
from IPython.display import HTML

from caucasus_atlas.presentation import source_links, span_text
from caucasus_atlas.references import Reference
from caucasus_atlas.style import KIND_STYLE


def sites_table(sites: pd.DataFrame, countries: pd.DataFrame, references: dict[str, Reference]) -> HTML:
    """One row per site, by host country and opening date, with linked sources."""
    ordered = sites.assign(host=sites["host_country"].map(countries["name"])).sort_values(["host", "opened", "id"])
    table = pd.DataFrame(
        {
            "Site": ordered["name"],
            "Host country": ordered["host"],
            "Kind": ordered["kind"].map(lambda k: KIND_STYLE[k][0]),
            "Russian presence": [
                span_text(s.opened, s.opened_precision, s.closed, s.closed_precision) for s in ordered.itertuples()
            ],
            "Sources": [source_links(keys, references) for keys in ordered["sources"]],
        }
    )
    return HTML(table.to_html(index=False, escape=False, classes="atlas-table", border=0))
