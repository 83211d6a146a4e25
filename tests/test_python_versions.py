"""Python 3.11, 3.12 and 3.13: the versions pyproject.toml declares are the ones the Makefile looks for, and
`make` picks the first that runs, or says in one line what it needs, before it creates or mixes a .venv.
Each case runs the real Makefile with PATH holding only stand-in interpreters: each runs the Makefile's own
`-c` code under a version it pretends to be, and refuses anything else (so no venv is ever made)."""

import re
import shutil
import subprocess
import sys
import tomllib

import pytest
from packaging.specifiers import SpecifierSet

from caucasus_atlas.paths import REPO_ROOT

MAKEFILE = (REPO_ROOT / "Makefile").read_text()
PROJECT = tomllib.loads((REPO_ROOT / "pyproject.toml").read_text())["project"]
SUPPORTED = re.search(r"^PYTHONS := (.+)$", MAKEFILE, re.MULTILINE)[1].split()
NEEDS = "needs Python 3.11, 3.12 or 3.13"

FAKE = """#!/bin/sh
[ "$1" = -c ] || {{ echo "fake python {version}: $*" >&2; exit 99; }}
exec "{python}" -c 'import sys; sys.version_info = tuple(map(int, sys.argv[1].split("."))); exec(sys.argv[2])' \\
    {version} "$2"
"""
SHIM = (
    '#!/bin/sh\necho "pyenv: $(basename "$0"): command not found" >&2\nexit 127\n'  # a version pyenv has not selected
)


def test_pyproject_and_the_makefile_name_the_same_versions():
    classifiers = {c.rsplit(" :: ", 1)[1] for c in PROJECT["classifiers"] if re.search(r":: 3\.\d+$", c)}
    assert sorted(classifiers) == sorted(SUPPORTED) == ["3.11", "3.12", "3.13"]
    requires = SpecifierSet(PROJECT["requires-python"])
    assert [v for v in ("3.10", *SUPPORTED, "3.14") if f"{v}.0" in requires] == SUPPORTED
    assert NEEDS in MAKEFILE and MAKEFILE.count(NEEDS) == 1  # the one message every refusal quotes
    assert ".".join(map(str, sys.version_info[:3])) in requires, "this interpreter is not one the project supports"


def _bin(tmp_path, **interpreters: str | None):
    """A directory of stand-in interpreters, name -> version (None: a pyenv shim that does not run)."""
    directory = tmp_path / "bin"
    directory.mkdir(exist_ok=True)
    for name, version in interpreters.items():
        path = directory / name.replace("_", ".")
        path.write_text(SHIM if version is None else FAKE.format(version=version, python=sys.executable))
        path.chmod(0o755)
    return directory


def _make(tmp_path, bin_dir, *args: str, env: dict | None = None, goal: str | None = None):
    make = shutil.which("make")
    if not make:
        pytest.skip("make is not installed")
    venv = tmp_path / "venv"
    command = [make, "--no-print-directory", f"VENV={venv}", *args, goal or f"{venv}/.ready"]
    environment = {"PATH": str(bin_dir), "LC_ALL": "C", **(env or {})}
    return subprocess.run(command, cwd=REPO_ROOT, env=environment, capture_output=True, text=True, timeout=60)


@pytest.mark.parametrize(
    ("interpreters", "chosen"),
    [
        ({"python3_11": "3.11.7", "python3_12": "3.12.1", "python3_13": "3.13.0"}, "python3.11"),
        ({"python3_12": "3.12.1", "python3_13": "3.13.0"}, "python3.12"),
        ({"python3_11": None, "python3_12": None, "python3_13": "3.13.0"}, "python3.13"),
        ({"python3": "3.12.3"}, "python3"),
        ({"python3": "3.10.4", "python3_10": "3.10.4", "python3_14": "3.14.0"}, ""),
    ],
    ids=["all-three", "no-3.11", "pyenv-shims", "only-python3", "none"],
)
def test_make_picks_the_first_supported_python_that_runs(tmp_path, interpreters, chosen):
    bin_dir = _bin(tmp_path, **interpreters)
    result = _make(tmp_path, bin_dir, "-s", "--eval", "show-python: ; $(info [$(PYTHON)])", goal="show-python")
    assert result.stdout.strip() == f"[{chosen}]", result.stderr


def _venv(tmp_path, version: str | None):
    """An existing .venv made by `version`; None: its interpreter is gone (a dangling symlink)."""
    bin_dir = tmp_path / "venv" / "bin"
    bin_dir.mkdir(parents=True)
    gone = "/gone/python-3.11.7/bin"
    (tmp_path / "venv" / "pyvenv.cfg").write_text(
        f"home = {gone}\ninclude-system-site-packages = false\nversion = {version or '3.11.7'}\n"
        f"executable = {gone}/python3.11\n"
    )
    if version is None:
        (bin_dir / "python").symlink_to(f"{gone}/python3.11")
    else:
        (bin_dir / "python").write_text(FAKE.format(version=version, python=sys.executable))
        (bin_dir / "python").chmod(0o755)


@pytest.mark.parametrize(
    ("interpreters", "venv", "args", "env", "message"),
    [
        (
            {"python3": "3.10.4", "python3_10": "3.10.4", "python3_11": None},
            False,
            [],
            {},
            f"{NEEDS} to create {{venv}} (found: python3 3.10.4, python3.10 3.10.4); install one, or name it: "
            "make PYTHON=/path/to/python3.12",
        ),
        ({}, False, [], {}, f"{NEEDS} to create {{venv}} (found: none)"),
        (
            {"python3_10": "3.10.4", "python3_12": "3.12.1"},
            False,
            ["PYTHON=python3.10"],
            {},
            f"PYTHON=python3.10 is Python 3.10.4; {NEEDS} (leave PYTHON unset to find one on PATH)",
        ),
        ({"python3_12": "3.12.1"}, False, [], {"PYTHON": "nosuch"}, f"PYTHON=nosuch does not run; {NEEDS}"),
        (
            {"python3_11": "3.11.7"},
            "3.12.1",
            ["PYTHON=python3.11"],
            {},
            "{venv} has Python 3.12.1, not the 3.11.7 of PYTHON=python3.11: rm -rf {venv} to rebuild it with that, "
            "or leave PYTHON unset to keep it",
        ),
        ({"python3_11": "3.11.7"}, "3.10.4", [], {}, f"{{venv}} has Python 3.10.4; {NEEDS}: rm -rf {{venv}}"),
        (
            {"python3_11": "3.11.7"},
            None,
            [],
            {},
            "{venv} was made by Python 3.11.7 (/gone/python-3.11.7/bin/python3.11), which no longer runs: "
            "rm -rf {venv}, then make again",
        ),
    ],
    ids=["too-old", "no-python", "PYTHON-too-old", "PYTHON-missing", "venv-other-version", "venv-too-old", "venv-gone"],
)
def test_make_says_in_one_line_what_it_needs_and_leaves_the_venv_alone(
    tmp_path, interpreters, venv, args, env, message
):
    if venv is not False:
        _venv(tmp_path, venv)
    before = _tree(tmp_path / "venv")
    result = _make(tmp_path, _bin(tmp_path, **interpreters), *args, env=env)
    assert result.returncode == 2
    lines = [line for line in result.stderr.splitlines() if not line.startswith("make: ***")]
    assert len(lines) == 1 and lines[0].startswith(message.format(venv=tmp_path / "venv")), result.stderr
    assert _tree(tmp_path / "venv") == before  # none made, none changed


def _tree(directory):
    """Each path under `directory` with its link target or its text; None if there is no such directory."""
    if not directory.exists():
        return None
    return sorted(
        (str(p), str(p.readlink()) if p.is_symlink() else p.is_file() and p.read_text()) for p in directory.rglob("*")
    )


def test_make_keeps_a_working_venv_of_another_supported_version_and_says_so(tmp_path):
    _venv(tmp_path, "3.12.1")
    result = _make(tmp_path, _bin(tmp_path, python3_11="3.11.7"))
    venv = tmp_path / "venv"
    assert result.stderr.splitlines()[:2] == [
        f"keeping {venv} (Python 3.12.1); a new one would use python3.11 (3.11.7): rm -rf {venv} to switch",
        "fake python 3.12.1: -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements.txt",
    ]  # it goes on to install with the venv's own Python (which, here, refuses)


def test_make_creates_the_venv_with_the_python_it_found(tmp_path):
    result = _make(tmp_path, _bin(tmp_path, python3_12="3.12.1", python3_13="3.13.0"))
    venv = tmp_path / "venv"
    assert f"creating {venv} with python3.12 (Python 3.12.1)" in result.stdout.splitlines()
    assert result.stderr.splitlines()[0] == f"fake python 3.12.1: -m venv {venv}"
    assert not venv.exists()
