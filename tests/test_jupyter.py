"""Maps draw in Jupyter with nothing set, and a notebook saved from Jupyter is the notebook a fresh run writes."""

import json
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import nbformat

from caucasus_atlas import load_as_of, load_countries, load_disputed_areas, load_events
from caucasus_atlas.geography import boundary_features
from caucasus_atlas.jupyter import as_fresh_run, pre_save_hook
from caucasus_atlas.maps import borders_map
from caucasus_atlas.paths import REPO_ROOT

BORDERS = REPO_ROOT / "chapters" / "borders.ipynb"
STANDALONE = "data:text/javascript;base64"


def written(notebook) -> str:
    """A notebook as a file, as nbformat and Jupyter write it."""
    return nbformat.writes(notebook) + "\n"


def borders_map_html() -> str:
    drawn = {f["properties"]["id"] for f in boundary_features("disputed")["features"]}
    return borders_map(load_countries(), load_disputed_areas(), load_events(), drawn, load_as_of())._repr_html_()


def saved_from_jupyter(monkeypatch) -> nbformat.NotebookNode:
    """The borders chapter as a Jupyter session would save it: a standalone map, session counts, timing."""
    monkeypatch.delenv("ATLAS_MAPS", raising=False)  # as in Jupyter: nothing set
    monkeypatch.chdir(BORDERS.parent)  # a kernel runs in its notebook's folder
    notebook = nbformat.read(BORDERS, as_version=4)
    code = [cell for cell in notebook.cells if cell.cell_type == "code" and cell.source.strip()]
    for count, cell in zip([4, 9, 10, 12, 15], code, strict=True):
        cell.execution_count = count
        cell.metadata["execution"] = {"iopub.status.busy": "2026-12-01T10:00:00Z"}
    mapped = next(cell for cell in code if "borders_map(" in cell.source)
    mapped.outputs[0]["data"]["text/html"] = borders_map_html()
    return notebook


def test_maps_in_jupyter_carry_their_files(monkeypatch):
    monkeypatch.delenv("ATLAS_MAPS", raising=False)
    assert STANDALONE in borders_map_html()


def test_a_notebook_saved_from_jupyter_is_the_one_a_fresh_run_writes(monkeypatch):
    saved = saved_from_jupyter(monkeypatch)
    assert STANDALONE in nbformat.writes(saved)
    assert written(as_fresh_run(saved, BORDERS.parent)) == BORDERS.read_text(encoding="utf-8")


def test_the_pre_save_hook_rewrites_notebooks_only(monkeypatch):
    class Contents:
        root_dir = str(REPO_ROOT)

    notebook = saved_from_jupyter(monkeypatch)
    model = {"type": "notebook", "content": notebook}
    pre_save_hook(model, "chapters/borders.ipynb", Contents())
    assert written(model["content"]) == BORDERS.read_text(encoding="utf-8")
    text = {"type": "file", "content": STANDALONE}
    pre_save_hook(text, "notes.txt", Contents())
    assert text == {"type": "file", "content": STANDALONE}


def test_make_lab_and_binder_start_jupyter_with_the_hook():
    config = (REPO_ROOT / "jupyter_server_config.py").read_text(encoding="utf-8")
    assert 'c.ContentsManager.pre_save_hook = "caucasus_atlas.jupyter.pre_save_hook"' in config
    assert "jupyter lab --config=jupyter_server_config.py" in (REPO_ROOT / "Makefile").read_text(encoding="utf-8")
    assert "cp jupyter_server_config.py ~/.jupyter/" in (REPO_ROOT / "binder" / "postBuild").read_text(encoding="utf-8")


def test_jupyter_started_in_the_repository_saves_through_the_hook(monkeypatch, tmp_path):
    """A real Jupyter server, started as `make lab` starts it, saving over its API."""
    saved = saved_from_jupyter(monkeypatch)
    folder = REPO_ROOT / "_build" / "jupyter-save-test"
    folder.mkdir(parents=True, exist_ok=True)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen(
        [str(Path(sys.executable).with_name("jupyter")), "server", "--no-browser", f"--port={port}",
         "--ServerApp.ip=127.0.0.1", "--IdentityProvider.token=test", f"--ServerApp.root_dir={REPO_ROOT}",
         "--allow-root", "--config=jupyter_server_config.py"],
        cwd=REPO_ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        api, token = f"http://127.0.0.1:{port}/api", {"Authorization": "token test"}
        for _ in range(300):  # until the server answers
            try:
                urllib.request.urlopen(urllib.request.Request(f"{api}/status", headers=token), timeout=5).close()
                break
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                time.sleep(0.2)
        body = json.dumps({"type": "notebook", "format": "json", "content": saved}).encode()
        request = urllib.request.Request(
            f"{api}/contents/_build/jupyter-save-test/borders.ipynb",
            data=body, method="PUT", headers={**token, "Content-Type": "application/json"},
        )  # fmt: skip
        urllib.request.urlopen(request, timeout=120).close()  # once: the hook's first save imports the package
        on_disk = (folder / "borders.ipynb").read_text(encoding="utf-8")
    finally:
        server.terminate()
        server.wait(timeout=10)
        shutil.rmtree(folder, ignore_errors=True)
    expected = as_fresh_run(saved_from_jupyter(monkeypatch), folder)
    assert STANDALONE not in on_disk
    assert json.loads(on_disk)["cells"] == json.loads(written(expected))["cells"]
