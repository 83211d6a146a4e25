"""The book's tables in a browser: sorted by a column head, filtered by a box (both given as the reader nears the
table), read as cards on a phone, and the claims ledger's links landing on the rows they name. Needs the built book
(the ``book_server`` fixture)."""

import pytest

from tests.browsing import needs_chromium, visit

pytestmark = needs_chromium

PHONE = {"width": 390, "height": 844}
KEYS = "(table, column) => [...table.tBodies[0].rows].map((row) => row.cells[column].dataset.sort)"
IN_ORDER = """(table, column) => {
  const texts = [...table.tBodies[0].rows].map((row) => row.cells[column].textContent.trim());
  const collator = new Intl.Collator("en", { numeric: true, sensitivity: "base" });
  return texts.every((text, n) => n === 0 || collator.compare(texts[n - 1], text) <= 0);
}"""
SHOWN = "(table) => [...table.tBodies[0].rows].filter((row) => !row.hidden).map((row) => row.textContent)"


def test_a_column_head_sorts_the_rows_both_ways_from_the_keyboard(browser, book_server):
    page, errors, _ = visit(browser, f"{book_server}/chapters/timeline.html")
    table = page.locator("table.atlas-table").first
    table.scroll_into_view_if_needed()  # a table gets its controls as the reader nears it
    date = table.locator("thead th").first
    date.locator("button.atlas-sort").focus()
    page.keyboard.press("Enter")
    assert date.get_attribute("aria-sort") == "ascending"
    keys = table.evaluate(KEYS, 0)
    assert keys == sorted(keys) and len(set(keys)) > 1
    page.keyboard.press("Enter")
    assert date.get_attribute("aria-sort") == "descending"
    assert table.evaluate(KEYS, 0) == sorted(keys, reverse=True)
    event = table.locator("thead th").nth(1)
    event.locator("button").click()
    assert event.get_attribute("aria-sort") == "ascending" and date.get_attribute("aria-sort") is None
    assert table.evaluate(IN_ORDER, 1)
    assert not errors
    page.close()


def test_a_long_table_filters_its_rows_and_says_how_many_it_shows(browser, book_server):
    page, errors, _ = visit(browser, f"{book_server}/chapters/timeline.html")
    table = page.locator("table.atlas-table").first
    table.scroll_into_view_if_needed()
    total = table.locator("tbody tr").count()
    count = page.locator(".atlas-row-count").first
    assert count.text_content() == f"{total} of {total} rows"
    page.locator(".atlas-table-filter input").first.fill("CSTO")
    shown = table.evaluate(SHOWN)
    assert 0 < len(shown) < total and all("csto" in text.casefold() for text in shown)
    assert count.text_content() == f"{len(shown)} of {total} rows"
    page.locator(".atlas-table-filter input").first.fill("")
    assert count.text_content() == f"{total} of {total} rows"
    assert not errors
    page.close()


def test_the_claims_ledger_filters_by_verdict_and_by_words_together(browser, book_server):
    from caucasus_atlas import load_claims

    claims = load_claims()
    page, errors, _ = visit(browser, f"{book_server}/chapters/claims.html")
    ledger = page.locator(".atlas-claims table")
    ledger.scroll_into_view_if_needed()
    page.locator(".atlas-verdict-filter").select_option("opinion")
    assert len(ledger.evaluate(SHOWN)) == (claims["verdict"] == "opinion").sum()
    page.locator(".atlas-claims .atlas-table-filter input").fill("Russia")
    shown = ledger.evaluate(SHOWN)
    assert len(shown) <= (claims["verdict"] == "opinion").sum()
    assert all("russia" in text.casefold() and "Opinion" in text for text in shown)
    assert page.locator(".atlas-claims .atlas-row-count").text_content() == f"{len(shown)} of {len(claims)} rows"
    assert not errors
    page.close()


def test_a_table_gets_its_controls_only_as_the_reader_nears_it(browser, book_server):
    page, errors, _ = visit(browser, f"{book_server}/chapters/economy.html")
    last = page.locator("table.atlas-table").last
    page.wait_for_timeout(300)  # time enough for a table near the view to get its controls
    assert last.locator("button.atlas-sort").count() == 0, "a table far down the page got its controls at once"
    last.scroll_into_view_if_needed()
    last.locator("button.atlas-sort").first.wait_for()
    assert not errors
    page.close()


def test_the_figures_behind_a_chart_are_folded_counted_opened_and_printed(browser, book_server):
    page, errors, _ = visit(browser, f"{book_server}/chapters/economy.html")
    folds = page.locator("details.atlas-fold")
    assert folds.count() == 3
    for index in range(folds.count()):
        fold = folds.nth(index)
        rows = fold.locator("tbody tr").count()
        assert fold.locator("summary").text_content().startswith(f"The {rows} figures in a table, each with its source")
        assert not fold.locator("table").is_visible()
    first = folds.first
    first.locator("summary").click()
    assert first.locator("table").is_visible()
    first.locator(".atlas-table-filter input").wait_for()  # the table's controls come once it is open
    page.emulate_media(media="print")
    assert all(folds.nth(index).locator("table").is_visible() for index in range(1, folds.count()))
    assert not errors
    page.close()


@pytest.mark.parametrize("chapter", ["timeline", "claims", "footprint", "memberships"])
def test_on_a_phone_rows_are_cards_and_nothing_scrolls_sideways(browser, book_server, chapter):
    page = browser.new_page(viewport=PHONE)
    page.goto(f"{book_server}/chapters/{chapter}.html")
    cell = page.locator("table.atlas-table tbody td").first
    assert cell.evaluate("(td) => getComputedStyle(td).display") == "block"
    label = cell.evaluate("(td) => getComputedStyle(td, '::before').content")
    assert label == f'"{cell.get_attribute("data-label")}"'
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    page.close()


def test_a_ledger_link_lands_on_the_row_it_names(browser, book_server):
    page, errors, _ = visit(browser, f"{book_server}/chapters/claims.html")
    link = page.locator(".atlas-row-links a[href^='timeline.html#event-']").first
    anchor = link.get_attribute("href").split("#", 1)[1]
    text = link.text_content().split(": ", 1)[1].removesuffix("…")
    link.click()
    page.wait_for_url(f"**/timeline.html#{anchor}")
    row = page.locator(f"tr#{anchor}")
    assert row.evaluate("(row) => row === document.querySelector(':target')")
    assert text in row.text_content()
    assert row.evaluate(
        "(row) => { const box = row.getBoundingClientRect(); return box.top < innerHeight && box.bottom > 0; }"
    )
    assert not errors
    page.close()
