"""Tables that give every map a text alternative, with the sources of each row."""

import pandas as pd
from IPython.display import HTML

from caucasus_atlas.dates import format_partial_date
from caucasus_atlas.markup import Markup, html, join
from caucasus_atlas.presentation import source_links, span_text
from caucasus_atlas.references import Reference
from caucasus_atlas.style import KIND_STYLE, STATUS_STYLE, VERDICT_STYLE

TABLE = '<table tabindex="0" '  # how every table of the book opens
VERDICT_FILTER = (  # the claims ledger's menu: show the rows of one verdict
    "<script>document.currentScript.parentElement.querySelector('select').addEventListener('change',"
    " function (event) { var chosen = event.target.value;"
    " event.target.closest('.atlas-claims').querySelectorAll('tbody tr').forEach(function (row) {"
    " row.hidden = Boolean(chosen) && row.dataset.verdict !== chosen; }); });</script>"
)


def html_table(columns: dict[str, list]) -> HTML:
    """An HTML table: every header and cell escaped, except markup this package built (source links)."""
    frame = pd.DataFrame({html(name): [html(v) for v in values] for name, values in columns.items()})
    # Tables scroll sideways on narrow screens: tabindex lets a keyboard focus them, and so scroll them.
    return HTML(frame.to_html(index=False, escape=False, classes="atlas-table", border=0).replace("<table ", TABLE, 1))


def frame_table(frame: pd.DataFrame) -> HTML:
    """A plain DataFrame as an escaped HTML table with no index column."""
    return html_table({column: list(frame[column]) for column in frame.columns})


def sites_table(sites: pd.DataFrame, countries: pd.DataFrame, references: dict[str, Reference]) -> HTML:
    """One row per site, by host country and opening date, with linked sources."""
    ordered = sites.assign(host=sites["host_country"].map(countries["name"])).sort_values(["host", "opened", "id"])
    return html_table(
        {
            "Site": ordered["name"],
            "Host country": ordered["host"],
            "Kind": [
                KIND_STYLE[k][0] + (" (planned)" if stage == "planned" else "")
                for k, stage in zip(ordered["kind"], ordered["stage"], strict=True)
            ],
            "Russian presence": [
                span_text(s.opened, s.opened_precision, s.closed, s.closed_precision) for s in ordered.itertuples()
            ],
            "Sources": [source_links(keys, references) for keys in ordered["sources"]],
        }
    )


def disputed_table(areas: pd.DataFrame, countries: pd.DataFrame, references: dict[str, Reference]) -> HTML:
    """Each breakaway or occupied area: whose territory, who holds it and since when, its status, its sources."""
    return html_table(
        {
            "Area": areas["name"],
            "Recognised as part of": areas["recognised_country"].map(countries["name"]),
            "Held by": [
                f"{a.controlled_by} "
                f"({span_text(a.control_since, a.control_since_precision, a.control_ended, a.control_ended_precision)})"
                for a in areas.itertuples()
            ],
            "Status, as the sources put it": areas["status_summary"],
            "Recognised by": areas["recognised_by"].fillna("none"),
            "Sources": [source_links(keys, references) for keys in areas["sources"]],
        }
    )


def events_table(events: pd.DataFrame, countries: pd.DataFrame, references: dict[str, Reference]) -> HTML:
    """Dated events in order, each as precise as its source, with the states involved and linked sources."""
    return html_table(
        {
            "Date": [format_partial_date(e.date, e.date_precision) for e in events.itertuples()],
            "Event": events["title"],
            "States involved": [", ".join(countries.at[c, "name"] for c in codes) for codes in events["countries"]],
            "Sources": [source_links(keys, references) for keys in events["sources"]],
        }
    )


def memberships_table(
    memberships: pd.DataFrame, organisations: pd.DataFrame, countries: pd.DataFrame, references: dict[str, Reference]
) -> HTML:
    """Every membership spell, by organisation, country and start, with whose claim it is and its sources."""
    ordered = memberships.sort_values(["organisation", "country", "start", "status"])
    return html_table(
        {
            "Organisation": ordered["organisation"].map(organisations["name"]),
            "Country": ordered["country"].map(countries["name"]),
            "Status": [
                STATUS_STYLE[s][0] + ("" if pd.isna(by) else f" ({countries['name'].get(by, by)}'s claim)")
                for s, by in zip(ordered["status"], ordered["claimed_by"], strict=True)
            ],
            "Spell": [
                span_text(m.start, m.start_precision, m.end, m.end_precision, open_end="") for m in ordered.itertuples()
            ],
            "Note": ordered["note"].fillna(""),
            "Sources": [source_links(keys, references) for keys in ordered["sources"]],
        }
    )


def verdict_counts(claims: pd.DataFrame) -> HTML:
    """How many of the column's claims fall under each verdict."""
    counts = claims["verdict"].value_counts()
    return html_table(
        {
            "Verdict": [f"{symbol} {label}" for label, symbol in VERDICT_STYLE.values()],
            "Claims": [int(counts.get(verdict, 0)) for verdict in VERDICT_STYLE],
        }
    )


def claims_table(claims: pd.DataFrame, references: dict[str, Reference], related: list[list[str]]) -> HTML:
    """Each claim: the column's words, the verdict in words and symbol, what the sources show, the sources, and the
    data rows that cite them; a menu above the table shows one verdict at a time."""
    rows = []
    for claim, rows_citing in zip(claims.itertuples(), related, strict=True):
        label, symbol = VERDICT_STYLE[claim.verdict]
        cells = [
            f"“{claim.quote}”",
            f"{symbol} {label}",
            claim.finding,
            source_links(claim.sources, references),
            "; ".join(rows_citing) or "none",
        ]
        rows.append(Markup('<tr data-verdict="{}">{}</tr>').format(claim.verdict, join("", map(cell, cells))))
    headers = ["The column says", "Verdict", "What the sources show", "Sources", "Rows in the data citing them"]
    options = [Markup('<option value="{}">{}</option>').format(v, label) for v, (label, _) in VERDICT_STYLE.items()]
    return HTML(
        Markup(
            '<div class="atlas-claims"><label>Show <select class="atlas-verdict-filter">'
            '<option value="">every verdict</option>{}</select></label>'
            '{}class="dataframe atlas-table"><thead><tr>{}</tr></thead><tbody>{}</tbody></table>{}</div>'
        ).format(
            join("", options),
            Markup(TABLE),
            join("", (Markup("<th>{}</th>").format(h) for h in headers)),
            join("", rows),
            Markup(VERDICT_FILTER),
        )
    )


def cell(content) -> Markup:
    """One table cell holding ``content``, escaped unless it is built markup."""
    return Markup("<td>{}</td>").format(content)
