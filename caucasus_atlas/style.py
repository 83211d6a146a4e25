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
    "training_logistics": ("Training or logistics", "#6b4226", "X"),
    "depot": ("Depot", "#000000", "h"),
}

# Each matplotlib marker drawn for the interactive maps: an SVG path in a 14 x 14 box.
MARKER_PATHS = {
    "s": "M2 2H12V12H2Z",
    "^": "M7 1L13 12H1Z",
    "v": "M1 2H13L7 13Z",
    "D": "M7 0.5L13.5 7L7 13.5L0.5 7Z",
    "*": "M7 0.5L8.8 5.1L13.7 5.3L9.9 8.4L11.2 13.2L7 10.5L2.8 13.2L4.1 8.4L0.3 5.3L5.2 5.1Z",
    "P": "M5 1H9V5H13V9H9V13H5V9H1V5H5Z",
    "o": "M7 1.5A5.5 5.5 0 1 1 6.99 1.5Z",
    "X": "M3 1L7 5L11 1L13 3L9 7L13 11L11 13L7 9L3 13L1 11L5 7L1 3Z",
    "h": "M7 0.8L12.4 3.9V10.1L7 13.2L1.6 10.1V3.9Z",
}

# Land: the post-Soviet states a shade darker than their neighbours, both well apart from the sea.
LAND = "#f6f4ef"
POST_SOVIET = "#d9d0bd"
SEA = "#c2d9e6"
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
    "associated": ("Association agreement in force", "#88ccee"),
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

# Russian-held assets by sector: (label, Okabe-Ito colour, marker), as KIND_STYLE.
SECTOR_STYLE = {
    "electricity": ("Electricity", "#E69F00", "D"),
    "gas": ("Gas", "#009E73", "v"),
    "oil": ("Oil", "#000000", "h"),
    "nuclear": ("Nuclear", "#CC79A7", "*"),
    "rail": ("Railways", "#0072B2", "s"),
    "telecom": ("Telecoms", "#56B4E9", "^"),
    "banking": ("Banking", "#D55E00", "P"),
    "mining": ("Mining", "#6b4226", "X"),
}
