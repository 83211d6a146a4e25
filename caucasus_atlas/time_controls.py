"""A date slider for maps, and the layers that redraw themselves when it moves.

``TimeSlider`` sends an ``atlas:date`` event (an ISO day) whenever the reader moves it,
by mouse, touch or keyboard. ``MembershipColours`` and ``SiteLayer`` listen for it.
Dates known to a month or a year are compared as ISO strings, which puts them at the
first day of their period, as ``caucasus_atlas.memberships`` does.
"""

from datetime import date

from jinja2 import Template

from caucasus_atlas.elements import AtlasElement


def month_axis(first: date, last: date) -> list[str]:
    """Every month from ``first`` to ``last`` as 'YYYY-MM'."""
    months, year, month = [], first.year, first.month
    while (year, month) <= (last.year, last.month):
        months.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


class TimeSlider(AtlasElement):
    """A month slider from ``first`` to ``as_of``; each month stands for its last day (or ``as_of``)."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function () {
          var months = {{ this.months|tojson }}, asOf = {{ this.as_of|tojson }};
          var control = L.control({position: "bottomright"});
          control.onAdd = function () {
            var box = L.DomUtil.create("div", "atlas-time-control");
            var label = L.DomUtil.create("label", "", box), slider = document.createElement("input");
            label.append("Date ", document.createElement("output"), document.createElement("br"), slider);
            slider.type = "range";
            slider.min = 0;
            slider.max = slider.value = months.length - 1;
            slider.setAttribute("aria-label", {{ this.label|tojson }});
            box.style.cssText = "background: #ffffffe6; padding: 4px 8px; font-size: 13px;";
            L.DomEvent.disableClickPropagation(box);
            L.DomEvent.disableScrollPropagation(box);
            return box;
          };
          control.addTo({{ this._parent.get_name() }});
          var box = control.getContainer(), input = box.querySelector("input"), output = box.querySelector("output");
          function dayAt(index) {
            var month = months[index], year = +month.slice(0, 4), number = +month.slice(5, 7);
            var last = new Date(Date.UTC(year, number, 0)).toISOString().slice(0, 10);
            return last < asOf ? last : asOf;
          }
          window.atlasDate = function () { return dayAt(+input.value); };
          function announce() {
            var day = window.atlasDate();
            output.textContent = new Date(day + "T00:00:00Z").toLocaleDateString(
              "en-GB", {month: "short", year: "numeric", timeZone: "UTC"});
            input.setAttribute("aria-valuetext", output.textContent);
            document.documentElement.setAttribute("data-atlas-date", day);
            document.dispatchEvent(new CustomEvent("atlas:date", {detail: day}));
          }
          input.addEventListener("input", announce);
          announce();
        })();
        {% endmacro %}
        """
    )

    def __init__(self, first: date, as_of: date, label: str = "Date shown on the map"):
        super().__init__()
        self._name = "TimeSlider"
        self.months, self.as_of, self.label = month_axis(first, as_of), as_of.isoformat(), label


class MembershipColours(AtlasElement):
    """Colours the countries layer by each country's status in the chosen organisation on the chosen date.

    ``segments`` come from ``caucasus_atlas.memberships.status_segments``, which decides what
    is shown (so the logic lives, and is tested, in Python): each gives a country's shown
    status in one organisation over a period, and the claims in force, for the tooltip.
    ``statuses`` lists (status, label, colour) in legend order; the legend shows those the
    chosen organisation uses. Labels and ``names`` are markup (``caucasus_atlas.markup``);
    organisation names go into the picker as text.
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function () {
          var segments = {{ this.segments|tojson }}, statuses = {{ this.statuses|tojson }};
          var names = {{ this.names|tojson }};
          var organisations = {{ this.organisations|tojson }}, chosen = {{ this.initial|tojson }};
          var control = L.control({position: "topright"});
          control.onAdd = function () {
            var box = L.DomUtil.create("div", "atlas-membership-control");
            var label = L.DomUtil.create("label", "", box), picker = document.createElement("select");
            label.append("Organisation", document.createElement("br"), picker);
            picker.style.maxWidth = "200px";
            organisations.forEach(function (o) { picker.add(new Option(o[1], o[0], false, o[0] === chosen)); });
            L.DomUtil.create("ul", "", box).style.cssText = "list-style:none;margin:4px 0 0;padding:0";
            box.style.cssText = "background: #ffffffe6; padding: 4px 8px; font-size: 12px; max-width: 220px;";
            L.DomEvent.disableClickPropagation(box);
            return box;
          };
          control.addTo({{ this._parent.get_name() }});
          var select = control.getContainer().querySelector("select");
          var legend = control.getContainer().querySelector("ul");
          var colours = {}, labels = {};
          statuses.forEach(function (s) { colours[s[0]] = s[2]; labels[s[0]] = s[1]; });
          function drawLegend() {
            var used = segments.filter(function (s) { return s.organisation === chosen; })
              .map(function (s) { return s.status; });
            legend.innerHTML = statuses.filter(function (s) { return used.indexOf(s[0]) >= 0; }).map(function (s) {
              return '<li><span style="display:inline-block;width:12px;height:12px;margin-right:4px;background:' +
                s[2] + '"></span>' + s[1] + "</li>";
            }).join("");
          }
          function segmentOn(country, day) {
            return segments.find(function (s) {
              return s.country === country && s.organisation === chosen && s.start <= day && (!s.end || day < s.end);
            });
          }
          function describe(country, segment) {
            var name = "<strong>" + names[country] + "</strong>";
            if (!segment) return name + "<br>not a member";
            return name + "<br>" + segment.claims.map(function (c) {
              return labels[c[0]] + (c[1] ? " (" + names[c[1]] + "'s claim)" : "");
            }).join("; ");
          }
          function restyle() {
            var layer = (window.atlasLayers || {}).countries;
            if (!layer || !window.atlasDate) return;
            var day = window.atlasDate();
            layer.eachLayer(function (feature) {
              var country = feature.feature.properties.iso3, segment = segmentOn(country, day);
              var status = segment && segment.status;
              layer.resetStyle(feature);
              if (status) feature.setStyle({fillColor: colours[status], fillOpacity: 0.9});
              feature.setTooltipContent(describe(country, segment));
              var element = feature.getElement();
              if (element) element.setAttribute("data-status", status || "none");
            });
            document.documentElement.setAttribute("data-atlas-styled", chosen + "@" + day);
          }
          select.addEventListener("change", function () { chosen = select.value; drawLegend(); restyle(); });
          document.addEventListener("atlas:date", restyle);
          document.addEventListener("atlas:layer", restyle);
          drawLegend();
          restyle();
        })();
        {% endmacro %}
        """
    )

    def __init__(
        self,
        segments: list[dict],
        organisations: list[list[str]],
        initial: str,
        statuses: list[tuple[str, str, str]],
        names: dict[str, str],
    ):
        super().__init__()
        self._name = "MembershipColours"
        self.segments, self.organisations, self.initial = segments, organisations, initial
        self.statuses, self.names = statuses, names


class SiteLayer(AtlasElement):
    """Sites as circle markers, one layer group per kind, shown as they stood on the chosen date.

    Not yet opened: hidden. Present: filled. Closed by then, or only planned: hollow.
    A site whose opening no source dates is shown from the start of the axis.
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function () {
          var sites = {{ this.sites|tojson }};
          var groups = { {% for kind, group in this.groups.items() %}{{ kind|tojson }}: {{ group }},{% endfor %} };
          var markers = sites.map(function (site) {
            var marker = L.circleMarker([site.lat, site.lon], {
              radius: 7, weight: 2, className: "site-marker", color: site.colour, fillColor: site.colour,
              dashArray: site.planned ? "3 3" : null
            });
            marker.bindTooltip(site.tooltip);
            marker.bindPopup(site.popup, {maxWidth: 320});
            marker.site = site;
            return marker;
          });
          function show(day) {
            var shown = 0;
            markers.forEach(function (marker) {
              var site = marker.site, group = groups[site.kind];
              if (site.opened && site.opened > day) { group.removeLayer(marker); return; }
              var closed = site.closed && site.closed <= day, hollow = closed || site.planned;
              group.addLayer(marker);
              marker.setStyle({fillOpacity: hollow ? 0 : 0.9, color: closed ? "#555555" : site.colour});
              var element = marker.getElement();
              if (element) element.setAttribute("data-state", closed ? "closed" : site.planned ? "planned" : "present");
              shown += 1;
            });
            document.documentElement.setAttribute("data-sites-shown", shown);
          }
          document.addEventListener("atlas:date", function (event) { show(event.detail); });
          show(window.atlasDate ? window.atlasDate() : {{ this.as_of|tojson }});
        })();
        {% endmacro %}
        """
    )

    def __init__(self, sites: list[dict], groups: dict[str, str], as_of: date):
        super().__init__()
        self._name = "SiteLayer"
        self.sites, self.groups, self.as_of = sites, groups, as_of.isoformat()
