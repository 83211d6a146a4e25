"""The map pages as they print (Chromium's print media and its A4 PDF): every interactive map gives way to a static
figure, and nothing of the notebook is left over (_static/atlas-print.css)."""

import re

import pytest

from tests.browsing import needs_chromium, visit

pytestmark = needs_chromium

# A4 pages each printed to before the print stylesheet (issue 15: 17, 31 and 13); a page must stay under its count.
PAGES_BEFORE = {"chapters/footprint.html": 17, "chapters/memberships.html": 31, "chapters/borders.html": 13}
STATIC_MAPS = "img[alt^='Map of'], img[alt^='Maps of']"  # the static figures' alternative text opens so
PDF_PAGE = re.compile(rb"/Type\s*/Page\b")


def printed(browser, book_server, path: str):
    """The page opened on screen, then switched to print media; with the number of maps it showed on screen."""
    page, _, _ = visit(browser, f"{book_server}/{path}")
    maps = page.locator("iframe").count()
    assert all(not cell.is_visible() for cell in page.locator(".tag_print-only").all())  # on screen, the map alone
    page.emulate_media(media="print")
    # Figures load lazily: Chromium fetches them all when it prints (its A4 PDF shows them), but emulated print
    # media does not, so each print-only figure is brought into view and waited for.
    for image in page.locator(".tag_print-only img").all():
        image.scroll_into_view_if_needed()
        image.evaluate("image => image.complete || new Promise((done) => image.addEventListener('load', done))")
    return page, maps


@pytest.mark.parametrize("path", PAGES_BEFORE)
def test_every_map_gives_way_to_a_static_figure_in_print(browser, book_server, path):
    page, maps = printed(browser, book_server, path)
    assert maps > 0
    assert page.locator("iframe:visible").count() == 0
    assert page.locator(".atlas-frame:visible").count() == 0
    assert page.locator(f"{STATIC_MAPS} >> visible=true").count() >= maps, "a map has no static figure for print"
    page.close()


@pytest.mark.parametrize("path", PAGES_BEFORE)
def test_print_leaves_no_notebook_leftovers(browser, book_server, path):
    page, _ = printed(browser, book_server, path)
    text = page.locator("body").inner_text()  # the text as rendered: nothing hidden by the print stylesheet
    assert "Show code cell source" not in text
    assert "Make this Notebook Trusted" not in text
    assert page.locator(".cell_input:visible, details.hide:visible").count() == 0
    page.close()


@pytest.mark.parametrize("path", PAGES_BEFORE)
def test_tables_print_whole_and_small_and_the_page_prints_shorter(browser, book_server, path, record_property):
    page, _ = printed(browser, book_server, path)
    for table in page.locator(".atlas-table").all():
        display, size, box, scroll = table.evaluate(
            "t => [getComputedStyle(t).display, parseFloat(getComputedStyle(t).fontSize), t.clientWidth, t.scrollWidth]"
        )
        assert display == "table" and scroll <= box + 1, "a table scrolls, or is cut at the page's edge"
        assert size <= 10, "tables print in small type (7 pt)"
    pages = len(PDF_PAGE.findall(page.pdf(format="A4")))
    record_property("a4_pages", pages)
    print(f"{path}: {pages} A4 pages (before the print stylesheet: {PAGES_BEFORE[path]})")
    page.close()
    assert pages < PAGES_BEFORE[path]
