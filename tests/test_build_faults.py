"""The build survives faults: a damaged execution cache is dropped, and SIGINT or SIGTERM stop it all."""

import os
import shutil
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import nbformat
import psutil
import pytest
from jupyter_cache import get_cache
from jupyter_cache.base import CacheBundleIn

from caucasus_atlas.book import build


def cached_sum(cache_dir: Path) -> Path:
    """A real jupyter-cache in ``cache_dir`` holding one executed notebook; returns its folder of outputs."""
    cell = nbformat.v4.new_code_cell("1 + 1", execution_count=1)
    cell.outputs = [nbformat.v4.new_output("execute_result", {"text/plain": "2"}, execution_count=1)]
    bundle = CacheBundleIn(nbformat.v4.new_notebook(cells=[cell]), "sum.ipynb")
    record = get_cache(cache_dir).cache_notebook_bundle(bundle, check_validity=False)
    return cache_dir / "executed" / record.hashkey


def halve(path: Path) -> None:
    os.truncate(path, path.stat().st_size // 2)


def clip(path: Path, count: int) -> None:
    """Cut ``count`` bytes off the end of ``path``."""
    os.truncate(path, path.stat().st_size - count)


def database(outputs: Path) -> Path:
    return outputs.parent.parent / "global.db"


DAMAGE = {  # how the cache is damaged: what the notice names as the reason
    "outputs folder deleted": (shutil.rmtree, "KeyError"),
    "cached notebook truncated": (lambda outputs: halve(outputs / "base.ipynb"), "NotJSONError"),
    "database truncated": (lambda outputs: halve(database(outputs)), "malformed"),
    "database cut inside its last page": (lambda outputs: clip(database(outputs), 100), "quick_check"),
    "database emptied": (lambda outputs: os.truncate(database(outputs), 0), "Unexpected error"),
}


def test_a_sound_cache_is_kept(tmp_path, capsys):
    outputs = cached_sum(tmp_path / "cache")
    assert not build.drop_damaged_cache(tmp_path / "cache")
    assert (outputs / "base.ipynb").exists()
    assert capsys.readouterr().err == ""


def test_no_cache_is_no_damage(tmp_path):
    assert not build.drop_damaged_cache(tmp_path / "cache")


@pytest.mark.parametrize("damage", DAMAGE)
def test_a_damaged_cache_is_dropped_with_one_line_saying_where_and_why(tmp_path, capsys, damage):
    spoil, reason = DAMAGE[damage]
    spoil(cached_sum(tmp_path / "cache"))
    assert build.drop_damaged_cache(tmp_path / "cache")
    assert not (tmp_path / "cache").exists()
    [notice] = capsys.readouterr().err.splitlines()
    assert notice.startswith(f"{tmp_path / 'cache'}: damaged execution cache dropped") and reason in notice


def test_the_cache_is_dropped_when_its_inputs_change_or_it_is_damaged(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(build, "BUILD_DIR", tmp_path)
    monkeypatch.setattr(build, "CACHE_DIR", tmp_path / "cache")
    monkeypatch.setattr(build, "CACHE_KEY", tmp_path / "cache.inputs")
    monkeypatch.setattr(build, "DOCTREES", tmp_path / "doctrees")
    monkeypatch.setattr(build, "input_fingerprint", lambda: "old data")
    assert build.refresh_execution_cache()  # no record of its inputs
    outputs = cached_sum(tmp_path / "cache")
    build.DOCTREES.mkdir()
    assert not build.refresh_execution_cache() and build.DOCTREES.exists()
    monkeypatch.setattr(build, "input_fingerprint", lambda: "new data")
    assert build.refresh_execution_cache() and not outputs.exists() and not build.DOCTREES.exists()
    assert capsys.readouterr().err == ""
    halve(cached_sum(tmp_path / "cache") / "base.ipynb")
    build.DOCTREES.mkdir()
    assert build.refresh_execution_cache() and not (tmp_path / "cache").exists() and not build.DOCTREES.exists()
    assert len(capsys.readouterr().err.splitlines()) == 1


def failing_step(command: list[str], quiet: bool) -> None:
    raise subprocess.CalledProcessError(1, command)


def test_a_cache_left_as_the_last_successful_build_left_it_is_checked_again_only_once_anything_changes(
    tmp_path, monkeypatch
):
    """Damage and missing notebooks are looked for unless the cache and the notebooks are byte for byte as the last
    successful build left them."""
    monkeypatch.setattr(build, "BUILD_DIR", tmp_path)
    for name in ("CACHE_DIR", "CACHE_KEY", "BUILD_CODE_KEY", "SETTLED_KEY", "DOCTREES"):
        monkeypatch.setattr(build, name, tmp_path / name.lower())
    notebook = tmp_path / "chapter.ipynb"
    notebook.write_text("{}")
    monkeypatch.setattr(build, "book_notebooks", lambda: [notebook])
    monkeypatch.setattr(build, "validate_package", lambda: [])
    monkeypatch.setattr(build, "input_fingerprint", lambda: "data")
    monkeypatch.setattr(build, "build_code_fingerprint", lambda: "code")
    checks = []
    monkeypatch.setattr(build, "drop_damaged_cache", lambda cache_dir: checks.append("damage") or False)
    monkeypatch.setattr(build, "execution_command", lambda: checks.append("outdated"))
    monkeypatch.setattr(build, "run_step", lambda command, quiet: None)

    def checks_of_a_build() -> list[str]:
        checks.clear()
        build.build_book()
        return checks

    both = ["damage", "outdated"]
    assert checks_of_a_build() == ["outdated"]  # the first: no cache to damage
    assert checks_of_a_build() == []
    outputs = cached_sum(build.CACHE_DIR)
    assert checks_of_a_build() == both and checks_of_a_build() == []
    notebook.write_text('{"cells": []}')
    assert checks_of_a_build() == both and checks_of_a_build() == []
    halve(outputs / "base.ipynb")  # the damage check is stubbed: it keeps the cache
    assert checks_of_a_build() == both and checks_of_a_build() == []
    monkeypatch.setattr(build, "run_step", failing_step)
    with pytest.raises(subprocess.CalledProcessError):
        build.build_book()
    monkeypatch.setattr(build, "run_step", lambda command, quiet: None)
    assert checks_of_a_build() == both  # after a failed build


def test_an_edit_to_the_build_code_rereads_the_pages_but_keeps_the_notebooks_outputs(tmp_path, monkeypatch):
    monkeypatch.setattr(build, "BUILD_DIR", tmp_path)
    monkeypatch.setattr(build, "BUILD_CODE_KEY", tmp_path / "build_code.inputs")
    monkeypatch.setattr(build, "DOCTREES", tmp_path / "doctrees")
    monkeypatch.setattr(build, "build_code_fingerprint", lambda: "old code")
    assert build.refresh_pages()
    build.DOCTREES.mkdir()
    assert not build.refresh_pages() and build.DOCTREES.exists()
    monkeypatch.setattr(build, "build_code_fingerprint", lambda: "new code")
    assert build.refresh_pages() and not build.DOCTREES.exists()


FAKE_JUPYTER_BOOK = """
import os, signal, subprocess, sys, time

pids, mode = sys.argv[1:]
if mode == "swallows SIGINT":  # as Jupyter Book did once while writing output: stop, and report success
    signal.signal(signal.SIGINT, lambda *_: sys.exit(0))
elif mode == "ignores SIGINT":  # inherited by the children started below
    signal.signal(signal.SIGINT, signal.SIG_IGN)
worker = subprocess.Popen(["sleep", "60"])
kernel = subprocess.Popen(["sleep", "60"], start_new_session=True)  # as jupyter_client starts kernels
with open(pids + ".part", "w") as file:
    file.write(f"{os.getpid()} {worker.pid} {kernel.pid}")
os.rename(pids + ".part", pids)
time.sleep(60)
"""

BUILD_WITH_FAKE = """
import sys
from pathlib import Path
from caucasus_atlas import __main__ as cli
from caucasus_atlas.book import build

build.validate_package = lambda: []  # the real data is checked elsewhere
build.refresh_execution_cache = lambda settled: False  # leave the real _build alone
build.refresh_pages = lambda: False
build.STOP_GRACE_SECONDS = 1
fake, pids, mode, step = sys.argv[1:]
build.SETTLED_KEY = Path(pids + ".settled")
later = [sys.executable, "-c", f"open({pids!r} + '.later', 'w')"]  # a step that must not run after a stop
build.execution_command = lambda: [sys.executable, fake, pids, mode] if step == "notebooks" else None
build.jupyter_book_command = lambda: [sys.executable, fake, pids, mode] if step == "jupyter book" else later
sys.exit(cli.build())
"""


def running(pid: int) -> bool:
    try:
        return psutil.Process(pid).status() != psutil.STATUS_ZOMBIE
    except psutil.NoSuchProcess:
        return False


def wait_for(condition, seconds: float = 15) -> bool:
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.05)
    return True


@pytest.mark.parametrize(
    ("signum", "mode", "exit_code"),
    [
        (signal.SIGTERM, "default", 143),
        (signal.SIGINT, "swallows SIGINT", 130),
        (signal.SIGINT, "ignores SIGINT", 130),
    ],
)
@pytest.mark.parametrize("step", ["notebooks", "jupyter book"])
def test_a_signal_stops_the_step_running_and_its_kernels_and_fails_the_build(tmp_path, signum, mode, exit_code, step):
    (tmp_path / "jupyter-book").write_text(textwrap.dedent(FAKE_JUPYTER_BOOK))
    pids = tmp_path / "pids"
    with open(tmp_path / "log", "w") as log:
        command = [sys.executable, "-c", BUILD_WITH_FAKE, str(tmp_path / "jupyter-book"), str(pids), mode, step]
        wrapper = subprocess.Popen(command, stdout=log, stderr=log)
    try:
        assert wait_for(pids.exists), "the fake Jupyter Book did not start"
        wrapper.send_signal(signum)
        assert wrapper.wait(timeout=15) == exit_code
        assert wait_for(lambda: not any(running(int(pid)) for pid in pids.read_text().split()), seconds=5)
        assert f"stopped by {signal.Signals(signum).name}" in (tmp_path / "log").read_text()
        assert not (tmp_path / "pids.later").exists()
    finally:
        wrapper.kill()
