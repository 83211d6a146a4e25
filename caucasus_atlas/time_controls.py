"""A date slider for maps, and the layers that redraw themselves when it moves (``static/atlas-maps.js``).

The slider sends an ``atlas:date`` event (an ISO day) whenever the reader moves it, by mouse,
touch or keyboard; membership colours and site layers listen for it. Dates known to a month or
a year are compared as ISO strings, which puts them at the first day of their period, as
``caucasus_atlas.memberships`` does.
"""

from datetime import date

import folium

from caucasus_atlas.layers import AtlasCall, JsName, without_details


def time_slider(
    fmap: folium.Map,
    first: date,
    as_of: date,
    events: list[list[str]] = (),
    label: str = "Date shown on the map",
) -> None:
    """A month slider from ``first`` to ``as_of``; each month stands for its last day (or ``as_of``).

    ``events`` ([ISO date, title], as text) are marked on the track and read out with their month.
    """
    options = {"first": f"{first:%Y-%m}", "asOf": as_of.isoformat(), "label": label, "events": list(events)}
    AtlasCall("timeSlider", JsName(fmap), options).add_to(fmap)


def membership_colours(
    fmap: folium.Map,
    segments: list[dict],
    organisations: list[list[str]],
    initial: str,
    statuses: list[tuple[str, str, str]],
    names: dict[str, str],
    covered: list[str],
) -> None:
    """Colour the countries layer by each country's status in the chosen organisation on the chosen date.

    ``segments`` come from ``caucasus_atlas.memberships.status_segments``, which decides what is shown
    (so the logic lives, and is tested, in Python): each gives a country's shown status in one
    organisation over a period, and the claims in force, for the tooltip. ``statuses`` lists
    (status, label, colour) in legend order; the legend shows those the chosen organisation uses.
    Labels and ``names`` (every country of the map by ISO3) are markup (``caucasus_atlas.markup``);
    organisation names go into the picker as text. ``covered`` lists the states whose every spell the data
    records; any other with no spell in the chosen organisation reads "not in the data", not "not a member".
    """
    options = {
        "segments": segments,
        "organisations": organisations,
        "initial": initial,
        "statuses": statuses,
        "namesMarkup": names,
        "covered": covered,
    }
    AtlasCall("membershipColours", JsName(fmap), options).add_to(fmap)


def site_layer(fmap: folium.Map, sites: list[dict], groups: dict[str, folium.FeatureGroup], as_of: date) -> None:
    """Sites as shaped markers, one group per kind, shown as they stood on the chosen date.

    Not yet there (before ``from``): hidden. Present: filled. Closed by then: hollow. Planned: dashed.
    A site with no ``from`` date is shown from the start of the axis. A click opens its details panel
    (``detailsMarkup``, kept apart: ``layers.MapDetails``).
    """
    options = {"sites": without_details(fmap, sites, "site"), "asOf": as_of.isoformat()}
    groups_by_kind = {kind: JsName(group) for kind, group in groups.items()}
    AtlasCall("siteLayer", JsName(fmap), groups_by_kind, options).add_to(fmap)
