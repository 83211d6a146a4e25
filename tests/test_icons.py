"""Icon rules and fonts cut to the icons the pages use: which rules name which classes and glyphs, and fonts subset once
for each set of icons."""

from caucasus_atlas.book import icons
from caucasus_atlas.book.icons import icon_codepoints, without_unused_icon_rules


def test_icon_codepoints_come_from_the_rules_naming_the_used_classes():
    css = '.fa-bars:before,.fa-navicon:before{content:"\\f0c9"}.fa-moon:before{content:"\\f186"}'
    assert icon_codepoints(css, {"fa-navicon"}) == {0xF0C9}
    assert icon_codepoints(css, {"fa-lg"}) == set()


def test_icon_rules_are_kept_for_used_classes_only():
    css = (
        '.fa-lg{font-size:1.25em}.fa-bars:before,.fa-navicon:before{content:"\\f0c9"}.fa-moon:before{content:"\\f186"}'
    )
    assert without_unused_icon_rules(css, {"fa-navicon"}) == (
        '.fa-lg{font-size:1.25em}.fa-bars:before,.fa-navicon:before{content:"\\f0c9"}'
    )


def test_the_fonts_are_subset_once_for_each_set_of_icons(tmp_path, monkeypatch):
    made = []

    def write_subset(source, codepoints, target):
        made.append(source.name)
        target.write_bytes(bytes(len(codepoints)))

    monkeypatch.setattr(icons, "write_subset", write_subset)
    static, kept = tmp_path / "_static", tmp_path / "made"
    (static / icons.FONT_DIR).mkdir(parents=True)
    fonts = sorted(path.name for path in icons.THEME_FONTS.glob("fa-*"))
    assert icons.subset_icon_fonts(static, {1, 2}, kept) == dict.fromkeys(fonts, 2)
    assert icons.subset_icon_fonts(static, {1, 2}, kept) == dict.fromkeys(fonts, 2)
    assert made == fonts
    assert icons.subset_icon_fonts(static, {1, 2, 3}, kept) == dict.fromkeys(fonts, 3)
    assert made == fonts * 2 and len(list(kept.iterdir())) == 1
