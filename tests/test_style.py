"""Colour is never the only cue, and never a lost one: the maps' colours stay apart for readers with the
commonest colour-vision deficiencies, simulated with the matrices of Machado, Oliveira and Fernandes (2009),
severity 1, and compared as CIE 1976 colour differences (ΔE*ab)."""

import itertools

import pytest

from caucasus_atlas import load_memberships
from caucasus_atlas.memberships import status_segments
from caucasus_atlas.style import KIND_STYLE, LAND, MARKER_PATHS, POST_SOVIET, SEA, SECTOR_STYLE, STATUS_STYLE

SIMULATIONS = {
    "deuteranopia": [[0.367322, 0.860646, -0.227968], [0.280085, 0.672501, 0.047413], [-0.011820, 0.042940, 0.968881]],
    "protanopia": [[0.152286, 1.052583, -0.204868], [0.114503, 0.786281, 0.099216], [-0.003882, -0.048116, 1.051998]],
}
APART = 12  # ΔE between two colours a reader must tell apart on one map
FROM_BASE = 15  # ΔE between a colour and the land or sea it is drawn on


def linear(channel: float) -> float:
    return channel / 12.92 if channel <= 0.04045 else ((channel + 0.055) / 1.055) ** 2.4


def seen(colour: str, simulation: str) -> tuple[float, float, float]:
    """``colour`` ('#rrggbb') as a reader with ``simulation`` sees it, in CIE L*a*b* (D65)."""
    rgb = [linear(int(colour[i : i + 2], 16) / 255) for i in (1, 3, 5)]
    r, g, b = (min(1.0, max(0.0, sum(m * c for m, c in zip(row, rgb, strict=True)))) for row in SIMULATIONS[simulation])
    x, y, z = (
        0.4124 * r + 0.3576 * g + 0.1805 * b,
        0.2126 * r + 0.7152 * g + 0.0722 * b,
        0.0193 * r + 0.1192 * g + 0.9505 * b,
    )

    def f(t: float) -> float:
        return t ** (1 / 3) if t > 0.008856 else 7.787 * t + 16 / 116

    fx, fy, fz = f(x / 0.95047), f(y), f(z / 1.08883)
    return 116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz)


def difference(first: str, second: str, simulation: str) -> float:
    return sum((p - q) ** 2 for p, q in zip(seen(first, simulation), seen(second, simulation), strict=True)) ** 0.5


def too_close(colours: dict[str, str], simulation: str, limit: float) -> list[str]:
    return [
        f"{a} and {b}: ΔE {difference(colours[a], colours[b], simulation):.1f}"
        for a, b in itertools.combinations(colours, 2)
        if difference(colours[a], colours[b], simulation) < limit
    ]


@pytest.mark.parametrize("simulation", SIMULATIONS)
@pytest.mark.parametrize("styles", [KIND_STYLE, SECTOR_STYLE], ids=["site kinds", "asset sectors"])
def test_the_kinds_of_a_site_map_stay_apart(simulation, styles):
    assert too_close({kind: colour for kind, (_, colour, _) in styles.items()}, simulation, APART) == []


@pytest.mark.parametrize("simulation", SIMULATIONS)
def test_the_statuses_of_each_organisation_stay_apart_and_off_the_land(simulation):
    used: dict[str, set[str]] = {}
    for segment in status_segments(load_memberships()):
        used.setdefault(segment["organisation"], set()).add(segment["status"])
    close = []
    for organisation, statuses in sorted(used.items()):
        colours = {status: STATUS_STYLE[status][1] for status in sorted(statuses)} | {
            "land": LAND,
            "former Soviet": POST_SOVIET,
        }
        close += [f"{organisation}: {pair}" for pair in too_close(colours, simulation, APART)]
        close += [
            f"{organisation}: {status} on {base}"
            for status in sorted(statuses)
            for base, colour in (("land", LAND), ("former Soviet land", POST_SOVIET))
            if difference(STATUS_STYLE[status][1], colour, simulation) < FROM_BASE
        ]
    assert close == []


@pytest.mark.parametrize("simulation", SIMULATIONS)
def test_land_former_soviet_land_and_sea_differ(simulation):
    assert too_close({"land": LAND, "former Soviet": POST_SOVIET, "sea": SEA}, simulation, APART) == []


@pytest.mark.parametrize("styles", [KIND_STYLE, SECTOR_STYLE], ids=["site kinds", "asset sectors"])
def test_every_kind_has_its_own_shape(styles):
    shapes = [marker for _, _, marker in styles.values()]
    assert len(set(shapes)) == len(shapes) and set(shapes) <= set(MARKER_PATHS)
