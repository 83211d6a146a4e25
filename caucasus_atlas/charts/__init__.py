"""Static charts of the events, platforms and claims, drawn at the book's legible width (see ``figures``)."""

from caucasus_atlas.charts.ladder import event_ladder
from caucasus_atlas.charts.rooms import platforms_matrix
from caucasus_atlas.charts.strip import baku_strip
from caucasus_atlas.charts.swimlanes import timeline_swimlanes
from caucasus_atlas.charts.verdicts import claims_verdicts

__all__ = ["baku_strip", "claims_verdicts", "platforms_matrix", "timeline_swimlanes", "event_ladder"]
