"""The repository stays lean: no file tracked by git over 5 MB (5120 KiB, the limit of the pre-commit hook), and
notebooks carry one fresh run with the book's maps, not a session's."""

import hashlib
import json
import re
import subprocess

import pytest

from caucasus_atlas.paths import REPO_ROOT

LIMIT_BYTES = 5120 * 1024


def tracked_files():
    try:
        listing = subprocess.run(
            ["git", "ls-files", "-z"], cwd=REPO_ROOT, capture_output=True, text=True, check=True
        ).stdout
    except (OSError, subprocess.CalledProcessError) as err:
        pytest.skip(f"not a git checkout: {(getattr(err, 'stderr', '') or str(err)).strip()}")
    return [REPO_ROOT / name for name in listing.split("\0") if name]


def test_no_tracked_file_is_over_5_mb():
    too_big = [
        f"{path.relative_to(REPO_ROOT)} ({path.stat().st_size / 2**20:.1f} MiB)"
        for path in tracked_files()
        if path.is_file() and path.stat().st_size > LIMIT_BYTES
    ]
    assert not too_big, "tracked files over 5 MB: " + ", ".join(too_big)


def test_committed_notebooks_carry_one_fresh_run_of_book_maps():
    result = subprocess.run([str(REPO_ROOT / "scripts/check-outputs")], cwd=REPO_ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def test_a_notebook_saved_with_standalone_maps_is_refused(tmp_path, monkeypatch):
    from caucasus_atlas import load_countries, load_disputed_areas
    from caucasus_atlas.maps import base_map

    monkeypatch.setenv("ATLAS_MAPS", "standalone")
    notebook = json.loads((REPO_ROOT / "chapters/borders.ipynb").read_text(encoding="utf-8"))
    cell = next(c for c in notebook["cells"] if c["cell_type"] == "code" and c["outputs"])
    html = base_map(
        "standalone", "A map from a standalone session", load_countries(), load_disputed_areas()
    )._repr_html_()
    cell["outputs"] = [{"output_type": "display_data", "metadata": {}, "data": {"text/html": html}}]
    saved = tmp_path / "borders.ipynb"
    saved.write_text(json.dumps(notebook), encoding="utf-8")
    result = subprocess.run([str(REPO_ROOT / "scripts/check-outputs"), str(saved)], capture_output=True, text=True)
    assert result.returncode == 1 and "a standalone map" in result.stderr


def test_vendored_files_are_those_their_readme_records():
    vendor = REPO_ROOT / "caucasus_atlas/vendor"
    recorded = re.findall(r"\| `([^`]+)` \|.*file sha256 `([0-9a-f]{64})`", (vendor / "README.md").read_text())
    assert recorded, "caucasus_atlas/vendor/README.md records no checksum"
    for name, digest in recorded:
        assert hashlib.sha256((vendor / name).read_bytes()).hexdigest() == digest, name
