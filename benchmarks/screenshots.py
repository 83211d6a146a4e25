"""Write a screenshot of each map state of the built book, for review: `make screenshots`.

    .venv/bin/python -m benchmarks.screenshots [--out _build/screenshots]

Every map frame of every page, at desktop (1366x900) and phone (390x844) sizes, as the address sets it
(``?<map>-date=…&<map>-org=…``, the same links a reader shares): as the data was last checked, in December
1991, at each key event of its time bar, and, on the memberships map, each organisation. The frame alone is
shot, after its borders have drawn. Prints one line per file.
"""

import argparse
from pathlib import Path

from playwright.sync_api import sync_playwright

from caucasus_atlas import load_events, load_memberships
from caucasus_atlas.book.build import BUILD_DIR
from caucasus_atlas.timeline import key_events
from tests.browsing import CHROMIUM, CHROMIUM_ARGS, serve

SIZES = {
    "desktop": {"viewport": {"width": 1366, "height": 900}},
    "phone": {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True},
}
DRAWN = "html[data-countries-drawn][data-disputed-drawn]"


def map_states() -> dict[str, list[tuple[str, dict[str, str]]]]:
    """Each map's states to shoot, by the keys of its view: (label, {key: value})."""
    dates = [("1991-12", {"date": "1991-12"})]
    dates += [(f"{day[:7]}", {"date": day[:7]}) for day, _ in key_events(load_events()) if len(day) >= 7]
    organisations = [(code, {"org": code}) for code in sorted(set(load_memberships()["organisation"]))]
    return {"dates": [("as-of", {})] + dates, "organisations": organisations}


def views_of(page) -> list[str]:
    """The view names of the page's map frames, in page order (each frame says its own once drawn)."""
    names = []
    for index in range(page.locator("iframe").count()):
        page.locator("iframe").nth(index).scroll_into_view_if_needed()
        frame = page.frame_locator("iframe").nth(index)
        frame.locator(DRAWN).wait_for(state="attached")
        names.append(frame.locator("html").get_attribute("data-atlas-view"))
    return names


def shoot(base: str, out: Path) -> None:
    states = map_states()
    pages = sorted(path.relative_to(BUILD_DIR / "html") for path in (BUILD_DIR / "html" / "chapters").glob("*.html"))
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for size, options in SIZES.items():
            context = browser.new_context(**options)
            page = context.new_page()
            for path in pages:
                page.goto(f"{base}/{path}")
                for index, name in enumerate(views_of(page)):
                    chosen = states["dates"] + (states["organisations"] if name == "memberships" else [])
                    for label, view in chosen:
                        query = "&".join(f"{name}-{key}={value}" for key, value in view.items())
                        page.goto(f"{base}/{path}?{query}")
                        page.locator("iframe").nth(index).scroll_into_view_if_needed()
                        frame = page.frame_locator("iframe").nth(index)
                        frame.locator(DRAWN).wait_for(state="attached")
                        frame.locator(f"html[data-atlas-view-shown='{query}']").wait_for(state="attached")
                        target = out / f"{path.stem}-{name}-{label}-{size}.png"
                        page.locator("iframe").nth(index).screenshot(path=target)
                        print(target)
            context.close()
        browser.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=BUILD_DIR / "screenshots")
    out = parser.parse_args().out
    out.mkdir(parents=True, exist_ok=True)
    with serve(BUILD_DIR / "html") as base:
        shoot(base, out)


if __name__ == "__main__":
    main()
