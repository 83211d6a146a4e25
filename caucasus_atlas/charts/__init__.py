"""Static charts of the events, platforms and claims, drawn at the book's legible width (see ``figures``), and the
static maps that print shows in place of the interactive ones."""

from caucasus_atlas.charts.ladder import event_ladder
from caucasus_atlas.charts.membership_map import membership_status_map, membership_status_maps
from caucasus_atlas.charts.rooms import platforms_matrix
from caucasus_atlas.charts.sites_map import south_caucasus_sites_figure
from caucasus_atlas.charts.strip import baku_strip
from caucasus_atlas.charts.swimlanes import timeline_swimlanes
from caucasus_atlas.charts.verdicts import claims_verdicts

__all__ = [
    "baku_strip",
    "claims_verdicts",
    "event_ladder",
    "membership_status_map",
    "membership_status_maps",
    "platforms_matrix",
    "south_caucasus_sites_figure",
    "timeline_swimlanes",
]
