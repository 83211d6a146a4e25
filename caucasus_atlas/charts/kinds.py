"""Event kinds in families, each with a colour and a marker shape, and the pieces every chart shares."""

import matplotlib.pyplot as plt
import pandas as pd

from caucasus_atlas.dates import format_partial_date
from caucasus_atlas.figures import WIDTH

# family: (legend label, Okabe-Ito colour, matplotlib marker, the kinds of events.csv it holds)
EVENT_FAMILIES = {
    "violence": ("War, military operation or incident", "#D55E00", "X", ("war", "military_operation", "incident")),
    "ceasefire": ("Ceasefire", "#009E73", "P", ("ceasefire",)),
    "agreement": ("Treaty, agreement or accession", "#0072B2", "s", ("treaty", "agreement", "accession")),
    "summit": ("Summit or meeting", "#56B4E9", "o", ("summit",)),
    "statement": ("Statement", "#E69F00", "D", ("statement",)),
    "withdrawal": ("Withdrawal", "#CC79A7", "v", ("withdrawal",)),
    "status": ("Recognition, annexation or court verdict", "#000000", "^", ("recognition", "annexation", "court")),
    "election": ("Election", "#999999", "h", ("election",)),
}
FAMILY = {kind: family for family, (*_, kinds) in EVENT_FAMILIES.items() for kind in kinds}
INK = "#222222"
FAINT = "#bbbbbb"


def family(kind: str) -> str:
    """The family an event kind is drawn in."""
    return FAMILY[kind]


def marker_style(name: str, size: float = 7) -> dict:
    """Keyword arguments for ``plot`` drawing one marker of family ``name``, edged in white to part neighbours."""
    _, colour, marker, _ = EVENT_FAMILIES[name]
    return {"marker": marker, "color": colour, "markersize": size, "markeredgecolor": "white", "markeredgewidth": 0.6}


def kind_legend(fig: plt.Figure, kinds, y: float, columns: int = 1) -> None:
    """A legend of the families that ``kinds`` fall in, its top ``y`` (figure fraction) from the left edge."""
    present = [name for name in EVENT_FAMILIES if name in {family(k) for k in kinds}]
    handles = [plt.Line2D([], [], linestyle="none", **marker_style(name, 9)) for name in present]
    fig.legend(
        handles,
        [EVENT_FAMILIES[name][0] for name in present],
        loc="upper left",
        bbox_to_anchor=(0, y),
        ncol=columns,
        frameon=False,
        handletextpad=0.3,
        borderaxespad=0,
        borderpad=0,
    )


def canvas(height: float) -> tuple[plt.Figure, plt.Axes]:
    """A figure WIDTH by ``height`` inches whose one axes measures inches from the top left corner."""
    fig = plt.figure(figsize=(WIDTH, height))
    ax = fig.add_axes((0, 0, 1, 1))
    ax.set_xlim(0, WIDTH)
    ax.set_ylim(height, 0)
    ax.set_axis_off()
    return fig, ax


def when(event) -> str:
    """An event's date as precisely as its sources give it."""
    return format_partial_date(event.date, event.date_precision)


def fraction_of_time(day: pd.Timestamp, start: pd.Timestamp, end: pd.Timestamp) -> float:
    """Where ``day`` falls between ``start`` (0) and ``end`` (1)."""
    return (day - start) / (end - start)
