"""matplotlib's SVG written short (caucasus_atlas/compact_svg.py) must draw what matplotlib wrote, to the tenth."""

import io
import re

import matplotlib.pyplot as plt
import pytest

from caucasus_atlas.compact_svg import PATH_DATA, POINTS, TOKEN, compact_path, compact_svg, tenths

NUMBER = re.compile(r"-?\d+(?:\.\d+)?")


def absolute_points(path_data: str) -> list[tuple[str, list[tuple[int, int]]]]:
    """Each command of ``path_data``, upper case, with its points in whole tenths of a point, relative steps added
    up as a browser adds them."""
    tokens, drawn, at, start, index = TOKEN.findall(path_data), [], (0, 0), (0, 0), 0
    while index < len(tokens):
        command = tokens[index]
        if command in "zZ":
            drawn.append(("Z", []))
            at, index = start, index + 1
            continue
        count = POINTS[command.upper()]
        numbers = [round(float(n) * 10) for n in tokens[index + 1 : index + 1 + 2 * count]]
        origin = at if command.islower() and index else (0, 0)
        points = [(origin[0] + x, origin[1] + y) for x, y in zip(numbers[::2], numbers[1::2], strict=True)]
        drawn.append((command.upper(), points))
        at, index = points[-1], index + 1 + 2 * count
        if command in "Mm":
            start = at
    return drawn


def matplotlib_path_data() -> list[str]:
    """The path data of an SVG matplotlib writes: lines, curves (a circle's), several shapes and closed ones."""
    figure, axes = plt.subplots()
    axes.plot([0, 1.234567, 2, 3], [3, -1.5, 2.25, 0.1])
    axes.add_patch(plt.Circle((1, 1), 0.5))
    axes.fill([0, 1, 1], [0, 0, 1])
    buffer = io.StringIO()
    figure.savefig(buffer, format="svg")
    plt.close(figure)
    return PATH_DATA.findall(buffer.getvalue())


def test_the_short_form_draws_every_point_matplotlib_wrote_to_the_tenth():
    paths = matplotlib_path_data()
    assert {"M", "L", "C", "z"} <= {token for path in paths for token in TOKEN.findall(path) if token.isalpha()}
    for path in paths:
        assert absolute_points(compact_path(path)) == absolute_points(path)


def test_the_short_form_is_relative_and_without_spaces_before_signs():
    assert compact_path(
        "M 135.3125 242.71875 \nL 136.1 241.6 \nL 136.1 241.6 \nL 137 243 \nz\nM 140 250 \nL 141 251 "
    ) == ("m135.3 242.7l0.8-1.1l0 0l0.9 1.4zm4.7 7.3l1 1")


def test_a_closed_shape_moves_on_from_its_own_start():
    # After z the pen is back at the shape's start (100, 100), not at its last point, so the next move is 10, 0.
    assert compact_path("M 100 100 L 150 100 L 150 150 z M 110 100 L 120 100 z") == "m100 100l50 0l0 50zm10 0l10 0z"


def test_curves_step_from_the_point_before_them():
    assert compact_path("M 10 10 C 11 12 13 14 15 16 Q 16 16 17 18") == "m10 10c1 2 3 4 5 6q1 0 2 2"


def test_text_and_marks_are_placed_to_the_tenth_and_lose_only_rotations_by_zero():
    svg = (
        '<text x="33.483238" y="-2414.75" transform="rotate(-0 33.483238 -2414.75)">1995</text>'
        '<text x="1.04" y="2" transform="rotate(-90 1.04 2)">Count</text><use xlink:href="#m1" x="7.96" y="0.04"/>'
    )
    assert compact_svg(svg) == (
        '<text x="33.5" y="-2414.8">1995</text>'
        '<text x="1" y="2" transform="rotate(-90 1.04 2)">Count</text><use xlink:href="#m1" x="8" y="0"/>'
    )


def test_only_the_ids_something_refers_to_stay():
    svg = (
        '<defs><path id="m1" d="M 0 0 L 1 1"/><clipPath id="p2"><rect x="0" y="0"/></clipPath></defs>'
        '<g id="figure_1"><g id="line2d_1" clip-path="url(#p2)"><use xlink:href="#m1" x="1" y="1"/></g></g>'
    )
    assert compact_svg(svg) == (
        '<defs><path id="m1" d="m0 0l1 1"/><clipPath id="p2"><rect x="0" y="0"/></clipPath></defs>'
        '<g><g clip-path="url(#p2)"><use xlink:href="#m1" x="1" y="1"/></g></g>'
    )


def test_text_from_the_data_that_reads_like_attributes_is_shown_as_written():
    from caucasus_atlas.figures import SvgFigure, svg_style

    name = 'Site d="hello" x="1.234" id="q" transform="rotate(0 1 2)"'
    with svg_style():
        figure, axes = plt.subplots()
        axes.set_title(name)
    assert f">{name}</text>" in SvgFigure(figure, alt="A title from the data")._repr_svg_()


def test_a_command_matplotlib_does_not_write_is_refused_by_name():
    with pytest.raises(ValueError, match="path command 'A'"):
        compact_path("M 0 0 A 1 1 0 0 1 2 2")


@pytest.mark.parametrize(("count", "written"), [(12, "1.2"), (-30, "-3"), (5, "0.5"), (-5, "-0.5"), (0, "0")])
def test_tenths_are_written_as_short_decimals(count, written):
    assert tenths(count) == written
    assert NUMBER.fullmatch(written)
