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


def build_times() -> dict[str, float]:
    """Cold build, warm rebuild with no change, and warm rebuild after a one-line prose edit."""
    subprocess.run(["rm", "-rf", str(BUILD_DIR)], check=True)
    cold = timed(quiet_build)
    warm = timed(quiet_build)
    original = PROSE_PAGE.read_text(encoding="utf-8")
    try:
        PROSE_PAGE.write_text(original + "\nA one-line edit for the benchmark.\n", encoding="utf-8")
        edited = timed(quiet_build)
    finally:
        PROSE_PAGE.write_text(original, encoding="utf-8")
    quiet_build()
    return {"cold build (s)": cold, "warm rebuild, no change (s)": warm, "warm rebuild, prose edit (s)": edited}


def identical_clean_builds() -> tuple[bool, int, list[str]]:
    """Build twice from nothing; return whether the HTML trees are byte-identical, their file count, the differences."""
    trees = []
    for _ in range(2):
        shutil.rmtree(BUILD_DIR, ignore_errors=True)
        quiet_build()
        trees.append({p.relative_to(HTML_DIR): p.read_bytes() for p in HTML_DIR.rglob("*") if p.is_file()})
    first, second = trees
    differing = sorted(str(p) for p in first.keys() | second.keys() if first.get(p) != second.get(p))
    return not differing, len(first), differing


def test_suite_time() -> float:
    """Seconds the whole test suite takes, nbval and browser tests included, on the built book."""
    return timed(lambda: subprocess.run([sys.executable, "-m", "pytest", "-q"], cwd=REPO_ROOT, check=True))
