"""A Leaflet GeoJSON layer that loads a shared file instead of embedding it.

Every map on every page draws the same boundaries. Embedding them would repeat
about a megabyte of coordinates in each map; fetching one file from ``_static``
lets the browser download it once and cache it for the whole book.
"""

import json

import folium
from branca.element import MacroElement
from jinja2 import Template


class SharedGeoJson(MacroElement):
    """Fetch ``url`` and draw it into ``group`` with a JavaScript style function.

    ``tooltips`` maps a feature's ``id`` property to the text shown on hover, so
    attributes from the data tables travel with the map, not with the geometry file.
    When the layer has drawn, the page's root element gets ``data-<layer>-drawn``,
    which tests and the benchmark wait for.
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        fetch({{ this.url|tojson }})
          .then(function (response) { return response.json(); })
          .then(function (data) {
            var tooltips = {{ this.tooltips|tojson }};
            L.geoJSON(data, {
              style: {{ this.style }},
              onEachFeature: function (feature, layer) {
                var text = tooltips[feature.properties.{{ this.key }}] || feature.properties.name;
                layer.bindTooltip(text, {sticky: true});
              }
            }).addTo({{ this._parent.get_name() }});
            document.documentElement.setAttribute({{ ("data-" ~ this.layer ~ "-drawn")|tojson }}, "");
          });
        {% endmacro %}
        """
    )

    def __init__(self, url: str, layer: str, style: dict | str, key: str = "id", tooltips: dict | None = None):
        super().__init__()
        self._name = "SharedGeoJson"
        self.url, self.layer, self.key = url, layer, key
        self.style = style if isinstance(style, str) else f"function () {{ return {json.dumps(style)}; }}"
        self.tooltips = tooltips or {}


def shared_layer(fmap: folium.Map, name: str, url: str, layer: str, style, control: bool = True,
                 **kwargs) -> folium.FeatureGroup:
    """Add a named group holding one SharedGeoJson layer to ``fmap``."""
    group = folium.FeatureGroup(name=name, control=control).add_to(fmap)
    SharedGeoJson(url, layer, style, **kwargs).add_to(group)
    return group
