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

# status: (label, colour), in legend order
STATUS_STYLE = {
    "founding_member": ("Founding member", "#0b3c6b"),
    "member": ("Member", "#3a7dbf"),
    "associate_member": ("Associate member", "#56B4E9"),
    "partial_participant": ("In some bodies only", "#E69F00"),
    "observer": ("Observer", "#CC79A7"),
    "dialogue_partner": ("Dialogue partner", "#e3b5d2"),
    "partner": ("Partner", "#009E73"),
    "applicant": ("Applied", "#F0E442"),
    "associated": ("Association agreement in force", "#9ad9c0"),
    "candidate": ("Candidate", "#009E73"),
    "negotiating": ("Accession talks open", "#00604a"),
    "frozen": ("Frozen by the member", "#D55E00"),
    "suspended": ("Suspended", "#8c2d04"),
    "contested": ("Claims differ (see tooltip)", "#999999"),
}

# verdict: (label, symbol) — the symbol repeats the verdict for readers who cannot tell colours apart
VERDICT_STYLE = {
    "supported": ("Supported by the sources", "✔"),
    "partly_supported": ("Partly supported", "◐"),
    "contradicted": ("Contradicted by the sources", "✘"),
    "unverified": ("Not confirmed either way", "?"),
    "opinion": ("Opinion: an argument, not a checkable fact", "—"),
}
