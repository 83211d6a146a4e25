"""Stylesheets cut to the rules the book uses (caucasus_atlas/book/stylesheets.py): a rule goes only when no page
or script can use it, and a rebuild starts from the stylesheet Sphinx copied, never from an earlier cut."""

import pytest
import tinycss2

from caucasus_atlas.book.stylesheets import (
    MARK,
    cut_stylesheets,
    names_checked_in,
    selector_used,
    without_unread_variables,
    without_unused_rules,
)

CSS = (
    ".used{color:red}.unused{color:blue}.used,.unused{margin:0}"
    "@media (max-width:10px){.unused{top:0}}@media print{.used .unused,.used>p{left:0}}"
    "@font-face{font-family:x}@keyframes spin{to{color:red}}"
)


@pytest.fixture
def book(tmp_path):
    """A built book with one page using class ``a`` and one stylesheet styling ``a`` and ``b``: (html, originals,
    the stylesheet)."""
    html, originals = tmp_path / "html", tmp_path / "originals"
    (html / "_static").mkdir(parents=True)
    sheet = html / "_static" / "theme.css"
    sheet.write_text(".a{color:red}.b{color:blue}", encoding="utf-8")
    (html / "index.html").write_text('<p class="a">', encoding="utf-8")
    return html, originals, sheet


def test_a_rule_goes_only_with_every_selector_naming_an_absent_class():
    cut = without_unused_rules(CSS, {"used", "p"})
    assert ".used{color:red}" in cut and ".used{margin:0}" in cut
    assert "color:blue" not in cut and "top:0" not in cut and "@media (max-width" not in cut
    assert "@media print{.used>p{left:0}}" in cut
    assert "@font-face{font-family:x}" in cut and "@keyframes spin" in cut


def test_what_a_selector_says_inside_brackets_and_parentheses_is_not_read():
    words = {"nav"}
    assert selector_used(".nav:not(.absent)", words)
    assert selector_used('html[data-theme="dark"] .nav', words)
    assert selector_used(":is(.absent, .nav) a", words)
    assert selector_used(r".sm\:absent", words)
    assert not selector_used(".nav .absent", words)
    assert not selector_used("#absent", words)


def test_classes_bootstraps_scripts_build_from_parts_are_kept():
    assert selector_used(".bs-tooltip-end .tooltip-arrow", {"tooltip-arrow"})


def test_bootstraps_bundle_keeps_only_the_components_the_book_uses(book):
    html, originals, sheet = book
    sheet.write_text(
        ".popover{top:0}.tooltip-inner{top:1px}.menu.show{top:2px;--bs-position:end;--bs-x:0}.b{top:3px}", "utf-8"
    )
    (html / "_static/scripts").mkdir()
    (html / "_static/scripts/bootstrap.js").write_text('const names = "popover tooltip-inner show b --bs-position";')
    (html / "_static/scripts/theme.js").write_text('const names = "menu";')
    cut_stylesheets(html, originals)
    assert sheet.read_text(encoding="utf-8") == MARK + ".tooltip-inner{top:1px}.menu.show{top:2px;--bs-position:end}"


def test_custom_properties_go_once_nothing_reads_them_even_through_others():
    css = ":root{--a:1px;--b:var(--c);--c:2px;--d:3px;--e:4px}@media print{:root{--d:0}}.x{top:var(--a)}"
    assert without_unread_variables(css, {"--e"}) == ":root{--a:1px;--e:4px}.x{top:var(--a)}"


def test_a_custom_property_another_stylesheet_or_a_script_names_is_kept(book):
    html, originals, sheet = book
    sheet.write_text(":root{--a:1px;--b:2px;--c:3px}.a{top:0}", encoding="utf-8")
    (html / "_static/atlas.css").write_text(".y{top:var(--b)}", encoding="utf-8")
    (html / "_static/theme.js").write_text('getComputedStyle(document.body).getPropertyValue("--c");')
    cut_stylesheets(html, originals)
    assert sheet.read_text(encoding="utf-8") == MARK + ":root{--b:2px;--c:3px}.a{top:0}"
    (html / "_static/atlas.css").write_text(".y{top:var(--a)}", encoding="utf-8")  # the book's own stylesheet changed
    assert cut_stylesheets(html, originals) == ["theme.css"]
    assert sheet.read_text(encoding="utf-8") == MARK + ":root{--a:1px;--c:3px}.a{top:0}"


def test_a_stylesheet_importing_another_of_the_book_carries_its_cut_rules(book):
    html, originals, sheet = book
    (html / "_static/styles").mkdir()
    importing = html / "_static/styles/theme.css"
    importing.write_text('/* the theme\'s */\n@import "../theme.css";\n@import "print.css" print;', "utf-8")
    for _ in range(2):  # a rebuild, which starts again from the stylesheets as Sphinx copied them
        cut_stylesheets(html, originals)
        assert importing.read_text(encoding="utf-8") == f'{MARK}.a{{color:red}}@import "print.css" print;', (
            "a second round trip for the imported rules, or a media query's import lost"
        )


def test_a_rebuild_cuts_from_the_stylesheet_sphinx_copied_not_from_the_last_cut(book):
    html, originals, sheet = book
    cut_stylesheets(html, originals)
    assert sheet.read_text(encoding="utf-8") == MARK + ".a{color:red}"
    (html / "index.html").write_text('<p class="a b">', encoding="utf-8")  # a page changed, Sphinx copied nothing
    cut_stylesheets(html, originals)
    assert sheet.read_text(encoding="utf-8") == MARK + ".a{color:red}.b{color:blue}"


def test_the_books_own_stylesheets_and_the_maps_are_left_whole(tmp_path):
    html = tmp_path / "html"
    for name in ("atlas.css", "leaflet/leaflet.css"):
        (html / "_static" / name).parent.mkdir(parents=True, exist_ok=True)
        (html / "_static" / name).write_text(".unused{color:red}", encoding="utf-8")
    assert cut_stylesheets(html, tmp_path / "originals") == []
    assert (html / "_static" / "atlas.css").read_text(encoding="utf-8") == ".unused{color:red}"


def test_a_cut_stylesheet_keeps_its_escapes_so_the_file_stays_ascii():
    cut = without_unused_rules('.a:before{content:"\\f0c9"}.a:after{content:"\\2014 a"}', {"a"})
    assert cut == '.a:before{content:"\\f0c9"}.a:after{content:"\\2014 a"}'


def test_a_rebuild_with_the_same_words_and_stylesheet_leaves_the_cut_as_it_is(book):
    html, originals, sheet = book
    assert cut_stylesheets(html, originals) == ["theme.css"]
    assert cut_stylesheets(html, originals) == []
    (html / "index.html").write_text('<p class="b">', encoding="utf-8")
    assert cut_stylesheets(html, originals) == ["theme.css"]
    assert sheet.read_text(encoding="utf-8") == MARK + ".b{color:blue}"


def test_a_fresh_copy_of_an_unchanged_stylesheet_gets_the_kept_cut_without_cutting_again(book):
    html, originals, sheet = book
    assert cut_stylesheets(html, originals) == ["theme.css"]
    sheet.write_text(".a{color:red}.b{color:blue}", encoding="utf-8")  # Sphinx wrote pages, and copied it again
    assert cut_stylesheets(html, originals) == []
    assert sheet.read_text(encoding="utf-8") == MARK + ".a{color:red}"


def test_new_words_that_no_selector_names_leave_the_cut_as_it_is(book):
    html, originals, sheet = book
    assert cut_stylesheets(html, originals) == ["theme.css"]
    (html / "index.html").write_text('<p class="a">A prose edit with new words.</p>', encoding="utf-8")
    assert cut_stylesheets(html, originals) == []
    assert sheet.read_text(encoding="utf-8") == MARK + ".a{color:red}"
    (html / "index.html").write_text('<p class="a">A word that names a class: b.</p>', encoding="utf-8")
    assert cut_stylesheets(html, originals) == ["theme.css"]
    assert sheet.read_text(encoding="utf-8") == MARK + ".a{color:red}.b{color:blue}"


def test_the_names_a_cut_depends_on_are_every_checked_selector_name():
    rules = tinycss2.parse_stylesheet(CSS, True, True)
    assert names_checked_in(rules) == {"used", "unused"}
    assert names_checked_in(tinycss2.parse_stylesheet(r".sm\:x,.a:not(.b) #c{top:0}", True, True)) == {"a", "c"}
