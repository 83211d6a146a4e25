"""Icon rules and fonts cut to the icons the pages use: which rules name which classes and glyphs."""

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
