"""Launching the notebooks elsewhere: the Binder button, and the environment Binder builds."""

import os
import re
import tomllib

import yaml

from caucasus_atlas.book.launch import repository_options
from caucasus_atlas.paths import REPO_ROOT

BINDER = REPO_ROOT / "binder"


def test_a_build_that_knows_its_repository_links_it_and_binder():
    options = repository_options("https://github.com/owner/atlas/", "trunk")
    assert options["repository_url"] == "https://github.com/owner/atlas"
    assert options["repository_branch"] == "trunk"
    assert options["launch_buttons"]["binderhub_url"] == "https://mybinder.org"


def test_a_build_that_does_not_know_its_repository_shows_no_launch_button():
    assert repository_options(None, None) == {} and repository_options("", "main") == {}


def test_binder_installs_the_lock_then_the_package_and_runs_standalone_maps():
    assert (BINDER / "requirements.txt").read_text().split() == ["-r", "../requirements.txt"]
    requires = tomllib.loads((REPO_ROOT / "pyproject.toml").read_text())["project"]["requires-python"]
    version = (BINDER / "runtime.txt").read_text().strip().removeprefix("python-")
    assert re.search(rf">={re.escape(version)}\b", requires), (version, requires)
    assert os.access(BINDER / "postBuild", os.X_OK), "binder/postBuild is not executable"
    assert "pip install --no-build-isolation --no-deps -e ." in (BINDER / "postBuild").read_text()


def test_the_publishing_workflow_tells_the_build_its_repository():
    workflow = yaml.safe_load((REPO_ROOT / ".github/workflows/publish.yml").read_text())
    env = workflow["jobs"]["test"]["env"]  # the job that builds the book it uploads
    assert env["ATLAS_REPOSITORY_URL"] == "${{ github.server_url }}/${{ github.repository }}"
    assert env["ATLAS_REPOSITORY_BRANCH"] == "${{ github.event.repository.default_branch }}"


def test_maps_find_the_books_static_folder_from_any_depth(tmp_path):
    from caucasus_atlas.assets import static_url
    from caucasus_atlas.paths import REPO_ROOT

    assert static_url(REPO_ROOT / "chapters") == "../_static"
    assert static_url(REPO_ROOT / "chapters" / "economy" / "trade") == "../../../_static"
    assert static_url(REPO_ROOT) == "_static"
