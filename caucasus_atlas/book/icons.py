"""Icon fonts and icon rules cut down to the icons the book's pages use.

The theme draws its icons (menu, search, dark mode...) from Font Awesome web fonts
referenced by its CSS; the full solid font alone is 150 KB, and the CSS carries a rule
for each of some 1,800 icons (19 KB of every page, gzipped). After the build, the
fonts in ``_static`` are replaced by subsets holding only the glyphs whose classes
appear in the pages, a few kilobytes in all, and the CSS keeps only their rules.

Upstream ships every icon (https://github.com/pydata/pydata-sphinx-theme/issues/2379; a subsetting
attempt, https://github.com/pydata/pydata-sphinx-theme/pull/2386, was closed). The patterns below read
the theme's minified CSS, whose form a theme upgrade may change (its Font Awesome 7 upgrade,
https://github.com/pydata/pydata-sphinx-theme/pull/2370, is not in 0.17.1): ``tests/test_overrides.py``
checks them, and the fonts, against the installed theme.
"""

import hashlib
import re
import shutil
from pathlib import Path
from typing import TYPE_CHECKING

import pydata_sphinx_theme

if TYPE_CHECKING:
    from fontTools.ttLib import TTFont

ICON_CLASS = re.compile(r"\bfa-[a-z0-9-]+")
CLASS_ATTRIBUTE = re.compile(r'class="([^"]*\bfa-[^"]*)"')
# A rule starts after a brace (or at the top), so a failed match costs one character, not a whole rule.
CSS_RULE = re.compile(r"(?:^|(?<=[{}]))([^{}]+)\{content:\"\\([0-9a-f]+)\"\}")
FONT_DIR = Path("vendor/fontawesome/webfonts")
THEME_CSS = Path("styles/pydata-sphinx-theme.css")
THEME_STATIC = Path(pydata_sphinx_theme.__file__).parent / "theme/pydata_sphinx_theme/static"
THEME_FONTS = THEME_STATIC / FONT_DIR


def used_icon_classes(html_dir: Path) -> set[str]:
    """Every ``fa-*`` class in the class attributes of the built pages."""
    classes = set()
    for page in html_dir.rglob("*.html"):
        for attribute in CLASS_ATTRIBUTE.findall(page.read_text(encoding="utf-8")):
            classes |= set(ICON_CLASS.findall(attribute))
    return classes


def rule_classes(selectors: str) -> set[str]:
    """The classes a rule's selectors name: ``.fa-bars:before,.fa-navicon:before`` names fa-bars and fa-navicon."""
    return {s.strip().removeprefix(".").split(":")[0] for s in selectors.split(",")}


def icon_codepoints(css: str, classes: set[str]) -> set[int]:
    """The code points the CSS assigns (``.fa-x:before{content:"\\f0c9"}``) to the given classes."""
    codepoints = set()
    for selectors, codepoint in CSS_RULE.findall(css):
        if rule_classes(selectors) & classes:
            codepoints.add(int(codepoint, 16))
    return codepoints


def subset_icon_fonts(static_dir: Path, codepoints: set[int], made_dir: Path) -> dict[str, int]:
    """Write each of the theme's icon fonts into ``static_dir`` with only ``codepoints``; return the sizes in bytes.

    The theme's own files are the input, so a rebuild never subsets an already subset font. The subsets are made
    once for each set of code points and each version of the fonts, and kept in ``made_dir``: a rebuild whose pages
    use the same icons copies them (making them, fontTools included, takes a fifth of a second).
    """
    sources = sorted(THEME_FONTS.glob("fa-*"))
    made = made_dir / subsets_key(sources, codepoints)
    if not made.is_dir():
        for old in made_dir.glob("*"):
            shutil.rmtree(old)
        making = made_dir / ".making"
        making.mkdir(parents=True)
        for source in sources:
            write_subset(source, codepoints, making / source.name)
        making.rename(made)
    sizes = {}
    for source in sources:
        target = static_dir / FONT_DIR / source.name
        shutil.copyfile(made / source.name, target)
        sizes[target.name] = target.stat().st_size
    return sizes


def subsets_key(sources: list[Path], codepoints: set[int]) -> str:
    """SHA-256 over the fonts at ``sources`` and the ``codepoints`` their subsets keep."""
    digest = hashlib.sha256(" ".join(map(str, sorted(codepoints))).encode())
    for source in sources:
        digest.update(b"\0" + source.name.encode() + b"\0" + source.read_bytes())
    return digest.hexdigest()


def write_subset(source: Path, codepoints: set[int], target: Path) -> None:
    """Write the font at ``source`` to ``target`` with only those of ``codepoints`` it can draw."""
    from fontTools import subset

    options = subset.Options()
    options.flavor = "woff2" if source.suffix == ".woff2" else None
    options.notdef_outline = True
    font = subset.load_font(str(source), options)
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=codepoints & glyph_set(font))
    subsetter.subset(font)
    subset.save_font(font, str(target), options)


def without_unused_icon_rules(css: str, classes: set[str]) -> str:
    """The CSS without the ``content`` rules of icons none of ``classes`` names."""

    def keep(rule: re.Match) -> str:
        return rule.group() if rule_classes(rule.group(1)) & classes else ""

    return CSS_RULE.sub(keep, css)


def shrink_icons(html_dir: Path, made_dir: Path) -> dict[str, int]:
    """Cut the built book's icon rules and fonts down to the icons its pages use; return the font sizes.

    The theme's own CSS and fonts are the input, so a rebuild never cuts an already cut file; the fonts' subsets
    are kept in ``made_dir`` (see ``subset_icon_fonts``).
    """
    static_dir, classes = html_dir / "_static", used_icon_classes(html_dir)
    css = (THEME_STATIC / THEME_CSS).read_text(encoding="utf-8")
    (static_dir / THEME_CSS).write_text(without_unused_icon_rules(css, classes), encoding="utf-8")
    return subset_icon_fonts(static_dir, icon_codepoints(css, classes), made_dir)


def glyph_set(font: "TTFont") -> set[int]:
    """The code points a font can draw (none, for a font subset to nothing)."""
    return set(font.getBestCmap() or {})


def glyphs(font_path: Path) -> set[int]:
    """The code points the font file at ``font_path`` can draw."""
    from fontTools.ttLib import TTFont

    return glyph_set(TTFont(str(font_path)))
