"""The claims ledger counted: how many claims of each kind got each verdict."""

import matplotlib.pyplot as plt
import pandas as pd

from caucasus_atlas.charts.kinds import INK, canvas
from caucasus_atlas.figures import LINE, TEXT, WIDTH, SvgFigure, svg_style
from caucasus_atlas.style import VERDICT_STYLE

VERDICT_COLOURS = {
    "supported": "#009E73",
    "partly_supported": "#56B4E9",
    "contradicted": "#D55E00",
    "unverified": "#999999",
    "opinion": "#CC79A7",
}
KIND_LABELS = {"fact": "Facts", "opinion": "Arguments and characterisations"}
BAR = 0.17  # inches
NUMBER = 0.45  # inches kept right of the longest bar for its count


def verdict_rows(claims: pd.DataFrame) -> list[tuple[str, list[tuple[str, int]]]]:
    """For each kind of claim, in the ledger's order, each verdict it can take with its count (zeros shown).

    A fact can be supported, partly supported, contradicted or unverified; an argument is labelled opinion.
    """
    counts = claims.groupby(["kind", "verdict"]).size()
    rows = []
    for kind in claims["kind"].drop_duplicates():
        allowed = [v for v in VERDICT_STYLE if (v == "opinion") == (kind == "opinion")]
        allowed += [v for v in claims.loc[claims["kind"] == kind, "verdict"].unique() if v not in allowed]
        rows.append((kind, [(v, int(counts.get((kind, v), 0))) for v in allowed]))
    return rows


def claims_verdicts(claims: pd.DataFrame) -> SvgFigure:
    """A bar per verdict, grouped by kind of claim, each labelled in words and with the ledger's symbol."""
    rows = verdict_rows(claims)
    height = sum(LINE * 1.4 + len(verdicts) * (LINE + BAR + 0.12) for _, verdicts in rows) + 0.1
    most = max(n for _, verdicts in rows for _, n in verdicts) or 1
    with svg_style():
        fig, ax = canvas(height)
        y = 0.05
        for kind, verdicts in rows:
            total = sum(n for _, n in verdicts)
            ax.text(0, y, f"{KIND_LABELS.get(kind, kind)}: {total} claims", fontsize=TEXT + 1, weight="bold", va="top")
            y += LINE * 1.4
            for verdict, n in verdicts:
                label, symbol = VERDICT_STYLE[verdict]
                ax.text(0, y, f"{symbol} {label}", va="top", color=INK)
                y += LINE
                length = (WIDTH - NUMBER) * n / most
                ax.add_patch(plt.Rectangle((0, y), length, BAR, color=VERDICT_COLOURS.get(verdict, INK), linewidth=0))
                ax.text(length + 0.06, y + BAR / 2, str(n), va="center", weight="bold")
                y += BAR + 0.12
    summary = "; ".join(f"{VERDICT_STYLE[v][0]}: {n}" for _, verdicts in rows for v, n in verdicts)
    return SvgFigure(fig, alt=f"Bar chart of the verdicts on the column's {len(claims)} claims. {summary}.")
