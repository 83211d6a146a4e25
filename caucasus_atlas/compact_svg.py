"""matplotlib's SVG written short: coordinates to a tenth of a point, and paths as steps from point to point.

matplotlib writes every coordinate whole, to a millionth (``M 135.312500 242.718750 L 136.1…``). A map's borders
are thousands of such points, each a step of a few points from the last; written as those steps
(``m135.3 242.7l0.8-1.1…``), as SVG's lower-case commands allow, they take half the bytes and gzip to two
thirds. The steps are taken between coordinates already rounded to tenths, so they add up to exactly the points
the rounding gives, and a path ends where it did. Text and marks are placed to the tenth as well; a text's
rotation by 0 degrees, which matplotlib writes for each, is left out, and so is the id it gives every group
(``<g id="patch_12">``) unless something refers to it (a clip path's, a mark's).

Only tags are rewritten, never the text between them: a name from the data that reads ``d="…"`` or ``id="…"`` is
shown as written (matplotlib escapes the quotes of attribute values, not those of text).
"""

import re

TAG = re.compile(r"<[^>]*>")
PATH_DATA = re.compile(r' d="([^"]*)"')
PLACE = re.compile(r' (x|y)="(-?\d+\.\d+)"')  # where a text or a mark (a ``<use>``) stands
NO_ROTATION = re.compile(r' transform="rotate\(-?0 [^)]*\)"')
ID = re.compile(r' id="([^"]*)"')
REFERENCE = re.compile(r"#([\w.-]+)")  # url(#p1a2b3c), xlink:href="#m4d5e6f"
TOKEN = re.compile(r"[A-Za-z]|-?\d+(?:\.\d+)?")
POINTS = {"M": 1, "L": 1, "Q": 2, "C": 3}  # the commands matplotlib writes, and the points each takes


def compact_svg(svg: str) -> str:
    """``svg``, as matplotlib writes it, drawn to the same tenths of a point in fewer bytes."""
    referenced = {name for tag in TAG.findall(svg) for name in REFERENCE.findall(tag)}
    return TAG.sub(lambda m: compact_tag(m.group(), referenced), svg)


def compact_tag(tag: str, referenced: set[str]) -> str:
    """One tag of matplotlib's SVG written short; its id kept only if it is among ``referenced``."""
    tag = PATH_DATA.sub(lambda m: f' d="{compact_path(m.group(1))}"', tag)
    tag = PLACE.sub(lambda m: f' {m.group(1)}="{tenths(round(float(m.group(2)) * 10))}"', tag)
    tag = NO_ROTATION.sub("", tag)
    return ID.sub(lambda m: m.group(0) if m.group(1) in referenced else "", tag)


def compact_path(path_data: str) -> str:
    """``path_data`` as matplotlib writes it (``M``, ``L``, ``Q``, ``C`` and ``z``), drawn to the same tenths of a
    point with relative commands."""
    tokens = TOKEN.findall(path_data)
    written, at, start, index = [], (0, 0), (0, 0), 0
    while index < len(tokens):
        command = tokens[index]
        if command == "z":
            written.append("z")
            at, index = start, index + 1
            continue
        if command not in POINTS:
            raise ValueError(f"path command {command!r} is not one matplotlib writes: {path_data[:80]!r}")
        numbers = [round(float(token) * 10) for token in tokens[index + 1 : index + 1 + 2 * POINTS[command]]]
        points = list(zip(numbers[::2], numbers[1::2], strict=True))
        steps = [step for x, y in points for step in (x - at[0], y - at[1])]
        written.append(command.lower() + " ".join(map(tenths, steps)).replace(" -", "-"))
        at, index = points[-1], index + 1 + 2 * POINTS[command]
        if command == "M":
            start = at
    return "".join(written)


def tenths(count: int) -> str:
    """A count of tenths as a decimal: 12 as ``1.2``, -30 as ``-3``, 5 as ``0.5``."""
    whole, tenth = divmod(abs(count), 10)
    return f"{'-' if count < 0 else ''}{whole}{f'.{tenth}' if tenth else ''}"
