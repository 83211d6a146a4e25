"""Colours, markers and labels shared by the interactive maps and the static figures.

Colours are the Okabe-Ito palette, safe for the common colour-vision deficiencies;
every kind also has its own marker shape and a text label, so colour is never the
only cue.
"""

KIND_STYLE = {
    # kind: (label, colour, matplotlib marker)
    "base": ("Base", "#0072B2", "s"),
    "air_base": ("Air base", "#56B4E9", "^"),
    "naval_facility": ("Naval facility", "#009E73", "v"),
    "radar": ("Radar", "#E69F00", "D"),
    "space_launch": ("Space launch site", "#CC79A7", "*"),
    "border_guard": ("Border guards", "#D55E00", "P"),
    "peacekeeping": ("Peacekeepers", "#F0E442", "o"),
    "training_logistics": ("Training or logistics", "#999999", "X"),
    "depot": ("Depot", "#000000", "h"),
}

LAND = "#f2efe9"
POST_SOVIET = "#e0dcd3"
BORDER = "#8a8578"
DISPUTED = "#7b3294"
