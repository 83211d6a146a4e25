"""No file tracked by git is over 5 MB (5120 KiB, the limit of the pre-commit hook): big files belong elsewhere."""

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
