"""What contributors wait for: cold and warm builds, whether two clean builds are byte-identical, the test suite."""

import shutil
import subprocess
import sys
import time

from caucasus_atlas.book.build import BUILD_DIR, build_book
from caucasus_atlas.paths import REPO_ROOT

HTML_DIR = BUILD_DIR / "html"
PROSE_PAGE = REPO_ROOT / "chapters" / "references.md"


def timed(action) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def quiet_build() -> None:
    build_book(quiet=True)


def clean_builds(runs: int) -> tuple[list[float], list[str], int]:
    """Build ``runs`` times from nothing; return the seconds each took, the files whose bytes differed between
    the builds (none: they are byte-identical), and how many files a build wrote."""
    seconds, trees = [], []
    for _ in range(runs):
        shutil.rmtree(BUILD_DIR, ignore_errors=True)
        seconds.append(timed(quiet_build))
        trees.append({str(p.relative_to(HTML_DIR)): p.read_bytes() for p in HTML_DIR.rglob("*") if p.is_file()})
    differing = sorted(path for path in set().union(*trees) if len({tree.get(path) for tree in trees}) > 1)
    return seconds, differing, len(trees[0])


def warm_builds(runs: int) -> dict[str, list[float]]:
    """Seconds of ``runs`` rebuilds with no change, each followed by one after a one-line prose edit."""
    times: dict[str, list[float]] = {"no change": [], "prose edit": []}
    original = PROSE_PAGE.read_text(encoding="utf-8")
    try:
        for run in range(runs):
            times["no change"].append(timed(quiet_build))
            PROSE_PAGE.write_text(original + f"\nA one-line edit for the benchmark ({run}).\n", encoding="utf-8")
            times["prose edit"].append(timed(quiet_build))
    finally:
        PROSE_PAGE.write_text(original, encoding="utf-8")
    quiet_build()
    return times


def test_suite_time() -> float:
    """Seconds the whole test suite takes, nbval and browser tests included, on the built book."""
    return timed(lambda: subprocess.run([sys.executable, "-m", "pytest", "-q"], cwd=REPO_ROOT, check=True))
