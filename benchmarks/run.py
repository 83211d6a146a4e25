"""Measure what contributors and readers feel: build times, page weight, time to first render and to maps.

Run from the repository root with the project's environment, as a module (it starts Chromium as the tests do):

    .venv/bin/python -m benchmarks.run             # everything: builds, the test suite, pages (about 15 minutes)
    .venv/bin/python -m benchmarks.run --no-build  # the pages of the current _build/html only
    .venv/bin/python -m benchmarks.run --no-build --runs 5

Prints the figures, each with its target where it has one; asserts nothing. Timings are medians of ``--runs``
builds of each kind and visits of each page (machines are noisy). How a page is visited, and the phone profile:
``benchmarks/pages.py``.

A page's floor is the least it could send: its article's text alone (gzip) and, for a map page, the boundary
topology its maps draw; ``x floor`` is how many times that the page sends.
"""

import argparse
import tempfile
from pathlib import Path
from statistics import median

from benchmarks.baseline import baseline_book
from benchmarks.builds import clean_builds, test_suite_time, warm_builds
from benchmarks.pages import DESKTOP, HTML_DIR, KINDS, PHONE, composition, gzip_size, medians, serve, text_floor, visit
from caucasus_atlas.book.contents import toc_files
from tests.browsing import CHROMIUM, CHROMIUM_ARGS

TARGETS = {
    "cold build (s)": 45,
    "prose edit / cold": 0.10,
    "test suite (s)": 300,
    "phone first map (s)": 3.0,
    "phone DOMContentLoaded (s)": 2.0,
    "desktop map (s)": 0.5,
    "text page (KB)": 90,
    "heaviest page (KB)": 200,
}
TOPOLOGY = HTML_DIR / "_static" / "boundaries.topojson"


def toc_pages() -> list[str]:
    """Every page of the table of contents, in order, as built HTML paths."""
    return [f"{name}.html" for name in toc_files()]


def page_kind(path: str) -> str:
    """``map`` (it has map frames) or ``text`` (every other page: the prose target applies to it)."""
    return "map" if 'class="atlas-frame' in (HTML_DIR / path).read_text(encoding="utf-8") else "text"


def verdict(value: float, target: float) -> str:
    return "met" if value <= target else "NOT MET"


def report_builds(runs: int) -> None:
    cold_seconds, differing, files = clean_builds(runs)
    cold, warm = median(cold_seconds), {kind: median(seconds) for kind, seconds in warm_builds(runs).items()}
    print(f"Builds, medians of {runs}: builds from nothing, then rebuilds with no change and after a prose edit")
    target = TARGETS["cold build (s)"]
    print(f"{'cold build (s)':40}{cold:>8.1f}  (target: at most {target}: {verdict(cold, target)})")
    print(f"{'warm rebuild, no change (s)':40}{warm['no change']:>8.1f}")
    print(f"{'warm rebuild, prose edit (s)':40}{warm['prose edit']:>8.1f}")
    share = warm["prose edit"] / cold
    target = TARGETS["prose edit / cold"]
    print(
        f"{'prose edit rebuild / cold build':40}{share:>8.0%}  (target: at most {target:.0%}: {verdict(share, target)})"
    )
    print(
        f"{runs} clean builds byte-identical: {'yes' if not differing else 'NO'} ({files} files)"
        + (f"; differing: {', '.join(differing[:10])}" if differing else "")
    )
    suite = test_suite_time()
    target = TARGETS["test suite (s)"]
    print(f"{'full test suite (s)':40}{suite:>8.1f}  (target: at most {target}: {verdict(suite, target)})\n")


def measure(pages: list[str], runs: int) -> dict[str, dict]:
    """Each page's median timings (phone and desktop) and its bytes by kind."""
    from playwright.sync_api import sync_playwright

    rows = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        host = serve(HTML_DIR)
        for path in pages:
            phone = medians([visit(browser, host, path, PHONE, throttled=True) for _ in range(runs)])
            desktop = medians([visit(browser, host, path, DESKTOP) for _ in range(runs)])
            kinds = composition(desktop.files)
            read = sum(composition(desktop.scrolled).values())
            kind = page_kind(path)
            floor = text_floor(HTML_DIR / path) + (gzip_size(TOPOLOGY.read_bytes()) if kind == "map" else 0)
            rows[path] = {
                "kind": kind,
                "phone": phone,
                "desktop": desktop,
                "bytes": kinds,
                "floor": floor,
                "read": read,
            }
        browser.close()
    return rows


def seconds(value: float | None) -> str:
    return "-" if value is None else f"{value:.2f}"


def page_column(rows: dict[str, dict]) -> int:
    """The width of the tables' first column: the longest page's path, and a space."""
    return max(len(path) for path in rows) + 1


def print_timings(rows: dict[str, dict], runs: int) -> None:
    print(f"Seconds from navigation, medians of {runs} visits (desktop 'slowest map': from being scrolled to)")
    header = ["phone DCL", "phone 1st map", "desktop DCL", "desktop 1st map", "slowest map"]
    width = page_column(rows)
    print(f"{'page':{width}}{'kind':>10}" + "".join(f"{h:>16}" for h in header))
    for path, row in rows.items():
        phone, desktop = row["phone"], row["desktop"]
        cells = [phone.dom_content_loaded, phone.first_map, desktop.dom_content_loaded, desktop.first_map]
        cells.append(desktop.slowest_map)
        print(f"{path:{width}}{row['kind']:>10}" + "".join(f"{seconds(c):>16}" for c in cells))


def print_bytes(rows: dict[str, dict]) -> None:
    kinds = [kind for kind, _ in KINDS] + ["other"]
    shown = [k for k in kinds if any(k in row["bytes"] for row in rows.values())]
    print("\nKB gzip a page makes the browser load on opening, its maps scrolled to; 'read': once scrolled through")
    width = page_column(rows)
    columns = "".join(f"{k:>14}" for k in shown)
    print(f"{'page':{width}}{columns}{'total':>10}{'floor':>8}{'x floor':>9}{'read':>8}")
    for path, row in rows.items():
        total = sum(row["bytes"].values())
        cells = "".join(f"{row['bytes'].get(k, 0) / 1024:>14.1f}" for k in shown)
        floor, read = row["floor"] / 1024, row["read"] / 1024
        print(f"{path:{width}}{cells}{total / 1024:>10.1f}{floor:>8.1f}{total / 1024 / floor:>9.1f}{read:>8.1f}")


def print_targets(rows: dict[str, dict]) -> None:
    def worst(pages, value):
        pages = [p for p in pages if value(p) is not None]
        return max(pages, key=value), max(map(value, pages))

    total = {p: sum(r["bytes"].values()) / 1024 for p, r in rows.items()}
    maps = [p for p, r in rows.items() if r["kind"] == "map"]
    prose = [p for p, r in rows.items() if r["kind"] == "text"]
    checks = [
        ("phone first map (s)", maps, lambda p: rows[p]["phone"].first_map),
        ("phone DOMContentLoaded (s)", list(rows), lambda p: rows[p]["phone"].dom_content_loaded),
        ("desktop map (s)", maps, lambda p: max(rows[p]["desktop"].first_map, rows[p]["desktop"].slowest_map)),
        ("text page (KB)", prose, total.get),
        ("heaviest page (KB)", list(rows), total.get),
    ]
    print("\nTargets (the worst page of those each applies to)")
    for name, pages, value in checks:
        if pages:
            page, figure = worst(pages, value)
            target = TARGETS[name]
            print(f"{name:30}{figure:>9.2f}  target {target:<6} {verdict(figure, target):8} ({page})")


def report_baseline() -> None:
    """The stock book with one folium map, for scale (its CDN files cannot load offline and are not counted)."""
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        book = baseline_book(Path(tmp))
        address, sent = serve(book)
        page = browser.new_page()
        page.goto(f"{address}/index.html", wait_until="load")
        browser.close()
        kb = sum(gzip_size(f.read_bytes()) for f in dict.fromkeys(sent) if f.is_file()) / 1024
    print(f"\nbaseline (a stock Jupyter Book page with one folium map, its CDN files not counted): {kb:.0f} KB gzip")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-build", action="store_true", help="measure the current _build/html only, no tests")
    parser.add_argument(
        "--runs", type=int, default=3, help="builds of each kind, visits per page and profile (default 3)"
    )
    parser.add_argument("--pages", nargs="*", help="only these pages (e.g. chapters/footprint.html)")
    args = parser.parse_args()
    if not args.no_build:
        report_builds(args.runs)
    rows = measure(args.pages or toc_pages(), args.runs)
    print_timings(rows, args.runs)
    print_bytes(rows)
    print_targets(rows)
    if not args.pages:
        report_baseline()


if __name__ == "__main__":
    main()
