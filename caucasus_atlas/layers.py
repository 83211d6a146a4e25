"""Leaflet elements the book needs that folium lacks: each writes one call to ``static/atlas-maps.js``.

The JavaScript lives in that file (linted, and shipped to the book's ``_static``); an element
here only hands it its data as JSON. ``boundary_layer`` draws one object of the book's boundary
topology instead of embedding polygons: every map on every page draws the same borders from one
file in ``_static``, downloaded once per page (see ``sharedJson`` there).

Strings the script shows as HTML (its ``markup`` options) are built by ``caucasus_atlas.markup``;
everything else reaches the page as text.
"""

import folium
from jinja2 import Template
from jinja2.utils import htmlsafe_json_dumps

from caucasus_atlas.elements import AtlasElement


class JsName:
    """A JavaScript variable (a folium map or group), passed to a call by name, not as JSON."""

    def __init__(self, element: folium.Element):
        self.element = element


def javascript(value) -> str:
    """``value`` as a JavaScript expression: a ``JsName`` by its name, a dict of them as an object, else JSON."""
    if isinstance(value, JsName):
        return value.element.get_name()
    if isinstance(value, dict) and value and all(isinstance(v, JsName) for v in value.values()):
        return "{" + ", ".join(f"{htmlsafe_json_dumps(str(k))}: {javascript(v)}" for k, v in value.items()) + "}"
    return htmlsafe_json_dumps(value)


class AtlasCall(AtlasElement):
    """One call ``atlasMaps.<function>(<arguments>)``, each argument written by ``javascript``.

    JSON is written safe for a ``<script>`` element (``<``, ``>``, ``&`` and ``'`` as escapes).
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        atlasMaps.{{ this.function }}({{ this.arguments }});
        {% endmacro %}
        """
    )

    def __init__(self, function: str, *arguments):
        super().__init__()
        self._name = f"Atlas_{function}"
        self.function = function
        self.arguments = ", ".join(map(javascript, arguments))


class MapDetails(AtlasElement):
    """What a click on a site or a corridor shows, by key (``site:<id>``, ``route:<id>``), as markup: one JSON
    block per map document (``#atlas-details``), read by ``details`` in ``static/atlas-maps.js``. The book moves
    the block into a file beside the page (``caucasus_atlas.book.map_frames``), which a map downloads only when
    a reader reaches for it."""

    _template = Template(
        """
        {% macro html(this, kwargs) %}
        <script type="application/json" id="atlas-details">{{ this.json() }}</script>
        {% endmacro %}
        """
    )

    def __init__(self):
        super().__init__()
        self._name = "AtlasDetails"
        self.entries: dict[str, str] = {}

    def json(self) -> str:
        return htmlsafe_json_dumps(self.entries)


def without_details(fmap: folium.Map, items: list[dict], kind: str) -> list[dict]:
    """``items`` without their ``detailsMarkup``, which goes into the map's details under ``<kind>:<id>``."""
    block = next((child for child in fmap._children.values() if isinstance(child, MapDetails)), None)
    if block is None:
        block = MapDetails().add_to(fmap)
    for item in items:
        block.entries[f"{kind}:{item['id']}"] = item["detailsMarkup"]
    return [{key: value for key, value in item.items() if key != "detailsMarkup"} for item in items]


def boundary_layer(
    fmap: folium.Map,
    name: str,
    url: str,
    layer: str,
    style: dict,
    z_index: int,
    control: bool = True,
    key: str = "id",
    tooltips: dict | None = None,
    fill_when: tuple[str, str] | None = None,
) -> folium.FeatureGroup:
    """Add a named group drawing the object ``layer`` of the topology at ``url``.

    The layer gets a pane of its own at ``z_index`` (Leaflet's overlays sit at 400), so boundaries
    stay beneath markers whenever the file arrives. ``tooltips`` maps a feature's ``key`` property
    to the markup shown on hover; ``fill_when`` (property, colour) fills features whose property is true.
    """
    group = folium.FeatureGroup(name=name, control=control).add_to(fmap)
    options = {
        "url": url,
        "layer": layer,
        "key": key,
        "zIndex": z_index,
        "style": style,
        "fillWhen": fill_when,
        "tooltipsMarkup": tooltips or {},
    }
    AtlasCall("boundaryLayer", JsName(fmap), JsName(group), options).add_to(group)
    return group


def place_dots(group: folium.FeatureGroup, places: list[tuple[float, float, str]], class_name: str) -> None:
    """Small dark dots in ``group`` from ``(lat, lon, markup)``, named on hover: one loop, not a marker each."""
    AtlasCall("placeDots", JsName(group), places, class_name).add_to(group)


def fade_when_shown(fmap: folium.Map, overlay: folium.Element, pane: str, opacity: float = 0.35) -> None:
    """Make ``pane`` see-through while ``overlay`` (a tile background) is switched on."""
    AtlasCall("fadeWhenShown", JsName(fmap), JsName(overlay), pane, opacity).add_to(fmap)


def labels(fmap: folium.Map, entries: list[list]) -> None:
    """Names written on the map as text, each ``[lat, lon, text, min_zoom, class_name]`` shown from its zoom on."""
    AtlasCall("labels", JsName(fmap), entries).add_to(fmap)


def site_legend(fmap: folium.Map, kinds: list[list[str]], closed: str, planned: bool, undated: bool) -> None:
    """The legend of a site map, always shown: ``kinds`` as [label, colour, SVG path], then hollow markers
    (``closed``, their label), planned sites if any (``planned``), and a note when some site has no date to
    start from (``undated``)."""
    options = {"kinds": kinds, "closed": closed, "planned": planned, "undated": undated}
    AtlasCall("siteLegend", JsName(fmap), options).add_to(fmap)


def route_lines(fmap: folium.Map, group: folium.FeatureGroup, routes: list[dict], key: dict, as_of: str) -> None:
    """Corridors as lines in ``group``, each drawn from its opening on the time bar and greyed once closed.

    ``routes``: {id, latlngs, colour, weight, dashes, from, until, tooltipMarkup, detailsMarkup}; ``key``:
    ``modes`` ([label, colour, weight]) and ``statuses`` ([label, dashes]) for the legend.
    """
    options = {"routes": without_details(fmap, routes, "route"), "asOf": as_of, **key}
    AtlasCall("routeLines", JsName(fmap), JsName(group), options).add_to(fmap)


def fit_view(fmap: folium.Map, bounds: list[list[float]]) -> None:
    """Show ``bounds`` ([[south, west], [north, east]]), and again when the frame is resized, until the reader moves."""
    AtlasCall("fitView", JsName(fmap), bounds).add_to(fmap)


def areas_by_date(fmap: folium.Map, spans: dict[str, list[str | None]]) -> None:
    """Draw the breakaway and occupied areas only while held on the slider's date: ``spans`` maps an area's id
    to [since, ended] as ISO dates (None where open or undated)."""
    AtlasCall("areasByDate", spans).add_to(fmap)


def loading_note(fmap: folium.Map) -> None:
    """Say the map is loading until its countries have drawn, or that it could not load them."""
    AtlasCall("loadingNote", JsName(fmap)).add_to(fmap)
