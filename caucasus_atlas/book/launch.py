"""The repository's link and the Binder button, when the build knows where the repository is."""

import os

from sphinx.application import Sphinx


def link_the_repository(app: Sphinx, config) -> None:
    """Give notebook pages a Binder button and the header a repository link, when the build knows the repository.

    The publishing workflow passes its forge's address in ``ATLAS_REPOSITORY_URL`` (and the
    branch in ``ATLAS_REPOSITORY_BRANCH``); a build without them, such as a contributor's, has neither.
    """
    options = repository_options(os.environ.get("ATLAS_REPOSITORY_URL"), os.environ.get("ATLAS_REPOSITORY_BRANCH"))
    if options:
        buttons = {**config.html_theme_options.get("launch_buttons", {}), **options.pop("launch_buttons")}
        config.html_theme_options.update(options, launch_buttons=buttons)


def repository_options(url: str | None, branch: str | None) -> dict:
    """The theme options for a repository at ``url`` (none without one): its button and Binder's."""
    if not url:
        return {}
    return {
        "repository_url": url.removesuffix("/"),
        "repository_branch": branch or "main",
        "path_to_docs": "",
        "use_repository_button": True,
        "launch_buttons": {"binderhub_url": "https://mybinder.org", "notebook_interface": "jupyterlab"},
    }
