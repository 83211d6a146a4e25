"""Leaflet elements the book needs that folium lacks.

``BoundaryLayer`` draws one object of the book's boundary topology instead of
embedding polygons: every map on every page draws the same borders from one file in
``_static``. ``TopologyLoader`` makes that one download per page: the maps on a page
are sandboxed frames of it, and they ask the page for the file (see ``maps.TOPOLOGY_HOST``).

Every string these elements hand to Leaflet as HTML (tooltips, popups, notes) is markup
built by ``caucasus_atlas.markup``; everything else reaches the page as text.
"""

import json

import folium
from jinja2 import Template

from caucasus_atlas.elements import AtlasElement


class TopologyLoader(AtlasElement):
    """Define ``atlasTopology(url)``: the parsed TopoJSON at ``url``, fetched once per page.

    A map is a sandboxed frame whose document comes from its page (``srcdoc``), with an origin of
    its own, so it cannot read the page nor fetch from it: it asks the page with ``postMessage``,
    and the page (``maps.TOPOLOGY_HOST``) downloads the file once and answers every map on it.
    Opened on its own, or with the file inside it (a ``data:`` URL), a map fetches the file itself.
    A failed download is not kept: the next map to ask tries again.
    """

    _template = Template(
        """
        {% macro header(this, kwargs) %}
        <script>
          function atlasTopology(url) {
            var cache = window.atlasTopologies = window.atlasTopologies || {};
            if (!cache[url]) {
              var inFrame = window.parent !== window && url.slice(0, 5) !== "data:";
              cache[url] = (inFrame ? askThePage(url) : fetchText(url)).then(JSON.parse);
              cache[url].catch(function () { delete cache[url]; });
            }
            return cache[url];
          }
          function fetchText(url) {
            return fetch(url).then(function (response) {
              if (!response.ok) throw new Error(url + ": HTTP " + response.status);
              return response.text();
            });
          }
          function askThePage(url) {
            return new Promise(function (resolve, reject) {
              window.addEventListener("message", function answer(event) {
                var reply = event.data;
                if (event.source !== window.parent || !reply || reply.atlasTopology !== url) return;
                window.removeEventListener("message", answer);
                if (typeof reply.text === "string") resolve(reply.text); else reject(new Error(reply.error));
              });
              window.parent.postMessage({atlasTopologyRequest: url}, "*");
            });
          }
        </script>
        {% endmacro %}
        """
    )

    def __init__(self):
        super().__init__()
        self._name = "TopologyLoader"


class BoundaryLayer(AtlasElement):
    """Draw the object ``layer`` of the topology at ``url`` into the parent group, styled by a JavaScript function.

    The layer gets a pane of its own at ``z_index`` (Leaflet's overlays sit at 400),
    so boundaries stay beneath markers whenever the file arrives.

    ``tooltips`` maps a feature's ``key`` property to the markup shown on hover, so
    attributes from the data tables travel with the map, not with the geometry file; a
    feature it does not name shows its ``name`` property as text.
    When the layer has drawn, it is kept as ``window.atlasLayers[layer]``, an ``atlas:layer``
    event announces it (for layers that restyle it), each path carries ``data-id``, and the
    map's root element gets ``data-<layer>-drawn``, the time it drew (milliseconds since the
    epoch), which tests wait for and the benchmark reads.
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function () {
          var map = {{ this.map_name }}, pane = {{ ("atlas-" ~ this.layer)|tojson }};
          if (!map.getPane(pane)) { map.createPane(pane).style.zIndex = {{ this.z_index }}; }
        })();
        atlasTopology({{ this.url|tojson }}).then(function (topology) {
            var tooltips = {{ this.tooltips|tojson }};
            var layer = L.geoJSON(topojson.feature(topology, topology.objects[{{ this.layer|tojson }}]), {
              pane: {{ ("atlas-" ~ this.layer)|tojson }},
              style: {{ this.style }},
              onEachFeature: function (feature, layer) {
                var markup = tooltips[feature.properties.{{ this.key }}], text = document.createElement("span");
                text.textContent = feature.properties.name;
                layer.bindTooltip(markup === undefined ? text : markup, {sticky: true});
              }
            }).addTo({{ this._parent.get_name() }});
            layer.eachLayer(function (feature) {
              var element = feature.getElement && feature.getElement();
              if (element) element.setAttribute("data-id", feature.feature.properties.{{ this.key }});
            });
            (window.atlasLayers = window.atlasLayers || {})[{{ this.layer|tojson }}] = layer;
            document.documentElement.setAttribute({{ ("data-" ~ this.layer ~ "-drawn")|tojson }}, Date.now());
            document.dispatchEvent(new CustomEvent("atlas:layer", {detail: {{ this.layer|tojson }}}));
          }).catch(function (error) { console.error("The map could not draw its boundaries:", error); });
        {% endmacro %}
        """
    )

    def __init__(
        self,
        map_name: str,
        url: str,
        layer: str,
        style: dict | str,
        z_index: int,
        key: str = "id",
        tooltips: dict | None = None,
    ):
        super().__init__()
        self._name = "BoundaryLayer"
        self.map_name, self.url, self.layer, self.z_index, self.key = map_name, url, layer, z_index, key
        self.style = style if isinstance(style, str) else f"function () {{ return {json.dumps(style)}; }}"
        self.tooltips = tooltips or {}


def boundary_layer(
    fmap: folium.Map, name: str, url: str, layer: str, style, z_index: int, control: bool = True, **kwargs
) -> folium.FeatureGroup:
    """Add a named group holding one BoundaryLayer to ``fmap``."""
    group = folium.FeatureGroup(name=name, control=control).add_to(fmap)
    BoundaryLayer(fmap.get_name(), url, layer, style, z_index, **kwargs).add_to(group)
    return group


class PlaceDots(AtlasElement):
    """Small dark dots, named on hover, drawn into the parent group from a list of ``(lat, lon, markup)``.

    One loop over the places instead of a folium marker each: the same dots in a fraction of the page.
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        var {{ this.get_name() }} = {{ this.places|tojson }};
        {{ this.get_name() }}.forEach(function (place) {
          L.circleMarker([place[0], place[1]], {
            radius: 3, color: "#222222", weight: 1, fillColor: "#222222", fillOpacity: 1,
            className: {{ this.class_name|tojson }}
          }).bindTooltip(place[2], {sticky: true}).addTo({{ this._parent.get_name() }});
        });
        {% endmacro %}
        """
    )

    def __init__(self, places: list[tuple[float, float, str]], class_name: str):
        super().__init__()
        self._name = "PlaceDots"
        self.places, self.class_name = places, class_name


class MapNote(AtlasElement):
    """A short note in a corner of the map, for what the map does not draw and why."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function () {
          var note = L.control({position: {{ this.position|tojson }}});
          note.onAdd = function () {
            var box = L.DomUtil.create("div", "atlas-map-note");
            box.innerHTML = {{ this.html|tojson }};
            box.style.cssText = "background: #ffffffe6; padding: 4px 8px; max-width: 260px; font-size: 12px;";
            return box;
          };
          note.addTo({{ this._parent.get_name() }});
        })();
        {% endmacro %}
        """
    )

    def __init__(self, html: str, position: str = "bottomleft"):
        super().__init__()
        self._name = "MapNote"
        self.html, self.position = html, position


class FadeWhenShown(AtlasElement):
    """Make a pane see-through while an optional overlay (a tile background) is switched on."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        {{ this.map_name }}.on("overlayadd overlayremove", function (event) {
          if (event.layer !== {{ this.overlay_name }}) return;
          var pane = {{ this.map_name }}.getPane({{ this.pane|tojson }});
          if (pane) pane.style.opacity = event.type === "overlayadd" ? {{ this.opacity }} : 1;
        });
        {% endmacro %}
        """
    )

    def __init__(self, map_name: str, overlay_name: str, pane: str, opacity: float = 0.35):
        super().__init__()
        self._name = "FadeWhenShown"
        self.map_name, self.overlay_name, self.pane, self.opacity = map_name, overlay_name, pane, opacity
