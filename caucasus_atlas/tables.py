"""Tables that give every map a text alternative, with the sources of each row.

Every table is built here as markup: each cell carries its column's header (``data-label``, which a phone shows
above the cell when rows become cards), rows of the data carry ids that other pages link to, and sources fold
into a disclosure. ``_static/atlas-tables.js`` then lets a reader sort and filter them in the book.
"""

import re
from dataclasses import dataclass

import pandas as pd
from IPython.display import HTML

from caucasus_atlas.dates import format_partial_date, iso_text
from caucasus_atlas.markup import Markup, html, join
from caucasus_atlas.paths import DATA_DIR
from caucasus_atlas.presentation import membership_anchor, reference_link, row_anchor, row_link, span_text
from caucasus_atlas.references import Reference
from caucasus_atlas.style import KIND_STYLE, STATUS_STYLE, VERDICT_STYLE

# Tables scroll sideways on wide screens when they must: tabindex lets a keyboard focus them, and so scroll them.
TABLE = Markup('<table tabindex="0" class="dataframe atlas-table"><thead><tr>{}</tr></thead><tbody>{}</tbody></table>')
# A table a reader opens: the rows behind a chart, a click away instead of dozens of screens between its chart and
# the next; found by the browser's find in page, and printed open (_static/atlas-print.css).
FOLD = Markup('<details class="atlas-fold"><summary>{}</summary>{}</details>')


@dataclass(frozen=True)
class Cell:
    """A cell whose sort key is not its text: a date sorts by its ISO form, a list of sources by its length."""

    content: object
    sort: str
    nowrap: bool = False  # kept on one line (a date alone)


@dataclass(frozen=True)
class Row:
    """One table row: its cells, in the columns' order, and its attributes (``id``, ``data-verdict``)."""

    cells: list
    attributes: dict[str, str]


def html_table(columns: dict[str, list], folded: str = "") -> HTML:
    """An HTML table: every header and cell escaped, except markup this package built (source links); behind a
    disclosure if ``folded`` gives its summary."""
    table = table_markup(list(columns), [Row(list(values), {}) for values in zip(*columns.values(), strict=True)])
    return HTML(FOLD.format(folded, table) if folded else table)


def frame_table(frame: pd.DataFrame) -> HTML:
    """A plain DataFrame as an escaped HTML table with no index column."""
    return html_table({column: list(frame[column]) for column in frame.columns})


def table_markup(headers: list[str], rows: list[Row]) -> Markup:
    """A table's markup: headers, then each row with each cell labelled by its header."""
    head = join("", (Markup('<th scope="col">{}</th>').format(header) for header in headers))
    body = join(
        "",
        (
            Markup("<tr{}>{}</tr>").format(
                attributes(row.attributes), join("", (cell(h, c) for h, c in zip(headers, row.cells, strict=True)))
            )
            for row in rows
        ),
    )
    return TABLE.format(head, body)


def cell(header: str, content) -> Markup:
    """One table cell holding ``content`` (escaped unless it is built markup), labelled with its column's header."""
    if isinstance(content, Cell):
        nowrap = Markup(' class="atlas-nowrap"') if content.nowrap else Markup("")
        return Markup('<td data-label="{}" data-sort="{}"{}>{}</td>').format(
            header, content.sort, nowrap, html(content.content)
        )
    return Markup('<td data-label="{}">{}</td>').format(header, html(content))


def attributes(named: dict[str, str]) -> Markup:
    """`` name="value"`` for each attribute, values escaped (names are this module's own)."""
    return join("", (Markup(' {}="{}"').format(Markup(name), value) for name, value in named.items()))


def sources_cell(keys: tuple[str, ...], references: dict[str, Reference]) -> Cell:
    """A row's sources folded into a disclosure, 'Sources (n)', each a linked title with its publisher."""
    items = join(
        "",
        (Markup("<li>{} ({})</li>").format(reference_link(references[k]), references[k].publisher) for k in keys),
    )
    return Cell(
        Markup('<details class="atlas-sources"><summary>Sources ({})</summary><ul>{}</ul></details>').format(
            len(keys), items
        ),
        f"{len(keys):03d}",
    )


def with_note(text, note) -> Markup:
    """``text``, followed by its row's note as a small paragraph when it has one."""
    if pd.isna(note) or not str(note).strip():
        return html(text)
    return Markup('{}<p class="atlas-note"><span class="atlas-note-label">Note:</span> {}</p>').format(text, note)


def date_cell(day, precision, text: str | None = None) -> Cell:
    """A date as its source gives it (or ``text``), sorting by its ISO form (a missing date by an
    empty key, which the book's script puts last)."""
    shown = text if text is not None else format_partial_date(day, precision)
    return Cell(shown, "" if pd.isna(day) else iso_text(day, precision), nowrap=text is None)


def csv_link(table_name: str, text: str | None = None) -> Markup:
    """A link that downloads ``data/<table_name>.csv``, from a page in chapters/ of the book or a notebook beside it.

    The build publishes the data files in ``data/`` beside the pages (``caucasus_atlas.book.page_assets``).
    """
    if not re.fullmatch(r"[a-z_]+", table_name) or not (DATA_DIR / f"{table_name}.csv").is_file():
        raise ValueError(f"no table data/{table_name}.csv")
    return Markup('<a class="atlas-csv" href="../data/{}.csv" download>{}</a>').format(
        table_name, text if text is not None else f"{table_name}.csv"
    )


def sites_table(sites: pd.DataFrame, countries: pd.DataFrame, references: dict[str, Reference]) -> HTML:
    """One row per site, by host country and opening date, with its note and sources."""
    ordered = sites.assign(host=sites["host_country"].map(countries["name"])).sort_values(["host", "opened", "id"])
    rows = [
        Row(
            [
                with_note(s.name, s.note),
                s.host,
                KIND_STYLE[s.kind][0] + (" (planned)" if s.stage == "planned" else ""),
                date_cell(
                    s.opened,
                    s.opened_precision,
                    span_text(
                        s.opened,
                        s.opened_precision,
                        s.closed,
                        s.closed_precision,
                        unknown_start="opening date not in the sources",
                    ),
                ),
                sources_cell(s.sources, references),
            ],
            {"id": row_anchor("site", s.id)},
        )
        for s in ordered.itertuples()
    ]
    return HTML(table_markup(["Site", "Host country", "Kind", "Russian presence", "Sources"], rows))


def disputed_table(areas: pd.DataFrame, countries: pd.DataFrame, references: dict[str, Reference]) -> HTML:
    """Each breakaway or occupied area: whose territory, who holds it and since when, its status, its sources."""
    rows = [
        Row(
            [
                a.name,
                countries["name"].get(a.recognised_country, a.recognised_country),
                date_cell(a.control_since, a.control_since_precision, f"{a.controlled_by} ({held(a)})"),
                a.status_summary,
                "none" if pd.isna(a.recognised_by) else a.recognised_by,
                sources_cell(a.sources, references),
            ],
            {"id": row_anchor("area", a.id)},
        )
        for a in areas.itertuples()
    ]
    headers = ["Area", "Recognised as part of", "Held by", "Status, as the sources put it", "Recognised by", "Sources"]
    return HTML(table_markup(headers, rows))


def held(area) -> str:
    """Since when, and until when, an area has been held as it is."""
    return span_text(area.control_since, area.control_since_precision, area.control_ended, area.control_ended_precision)


def events_table(events: pd.DataFrame, countries: pd.DataFrame, references: dict[str, Reference]) -> HTML:
    """Dated events in order, each as precise as its source, with its note, the states involved and its sources."""
    rows = [
        Row(
            [
                date_cell(e.date, e.date_precision),
                with_note(e.title, e.note),
                ", ".join(countries.at[c, "name"] for c in e.countries),
                sources_cell(e.sources, references),
            ],
            {"id": row_anchor("event", e.id)},
        )
        for e in events.itertuples()
    ]
    return HTML(table_markup(["Date", "Event", "States involved", "Sources"], rows))


def memberships_table(
    memberships: pd.DataFrame, organisations: pd.DataFrame, countries: pd.DataFrame, references: dict[str, Reference]
) -> HTML:
    """Every membership spell, by organisation, country and start, with whose claim it is and its sources."""
    ordered = memberships.sort_values(["organisation", "country", "start", "status"])
    rows = [
        Row(
            [
                organisations["name"].get(m.organisation, m.organisation),
                countries["name"].get(m.country, m.country),
                STATUS_STYLE[m.status][0]
                + ("" if pd.isna(m.claimed_by) else f" ({countries['name'].get(m.claimed_by, m.claimed_by)}'s claim)"),
                date_cell(m.start, m.start_precision, spell(m)),
                "" if pd.isna(m.note) else m.note,
                sources_cell(m.sources, references),
            ],
            {"id": membership_anchor(m)},
        )
        for m in ordered.itertuples()
    ]
    return HTML(table_markup(["Organisation", "Country", "Status", "Spell", "Note", "Sources"], rows))


def spell(membership) -> str:
    """A membership spell's dates, its end left open while it lasts."""
    return span_text(membership.start, membership.start_precision, membership.end, membership.end_precision, "")


def verdict_counts(claims: pd.DataFrame) -> HTML:
    """How many of the column's claims fall under each verdict."""
    counts = claims["verdict"].value_counts()
    return html_table(
        {
            "Verdict": [f"{symbol} {label}" for label, symbol in VERDICT_STYLE.values()],
            "Claims": [int(counts.get(verdict, 0)) for verdict in VERDICT_STYLE],
        }
    )


def claims_table(claims: pd.DataFrame, references: dict[str, Reference], related: list[list]) -> HTML:
    """Each claim: the column's words, the verdict in words and symbol, what the sources show, the sources, and
    links to the data rows that cite them; a menu above the table (shown by the book's script) picks a verdict.

    ``related`` holds, per claim, :class:`caucasus_atlas.claims.RowLink` rows (from ``related_rows``).
    """
    rows = [
        Row(
            [
                f"“{claim.quote}”",
                f"{VERDICT_STYLE[claim.verdict][1]} {VERDICT_STYLE[claim.verdict][0]}",
                claim.finding,
                sources_cell(claim.sources, references),
                Cell(row_list(rows_citing), f"{len(rows_citing):03d}"),
            ],
            {"data-verdict": claim.verdict, "id": row_anchor("claim", claim.id)},
        )
        for claim, rows_citing in zip(claims.itertuples(), related, strict=True)
    ]
    headers = ["The column says", "Verdict", "What the sources show", "Sources", "Rows in the data citing them"]
    options = [Markup('<option value="{}">{}</option>').format(v, label) for v, (label, _) in VERDICT_STYLE.items()]
    return HTML(
        Markup(
            '<div class="atlas-claims"><label class="atlas-verdict-menu" hidden>Show '
            '<select class="atlas-verdict-filter"><option value="">every verdict</option>{}</select></label>{}</div>'
        ).format(join("", options), table_markup(headers, rows))
    )


def row_list(rows) -> Markup:
    """Links to data rows where their tables show them, as a list; 'none' for no row."""
    if not rows:
        return html("none")
    items = join("", (Markup("<li>{}</li>").format(row_link(r.page, r.anchor, r.text)) for r in rows))
    return Markup('<ul class="atlas-row-links">{}</ul>').format(items)
