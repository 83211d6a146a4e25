"""Supply chain: every action pinned to a commit SHA, a lock that hashes every package and names nothing local, and
no write token in a job that runs the project's code. Each check takes a path, so each is also shown to fail on a
deliberately broken copy."""

import re
import shutil
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.y*ml"))
PUBLISH = ROOT / ".github" / "workflows" / "publish.yml"
SCHEDULED = ROOT / ".github" / "workflows" / "scheduled.yml"
LOCK = ROOT / "requirements.txt"
BINDER = ROOT / "binder" / "requirements.txt"

USES_LINE = re.compile(r"^\s*(?:-\s+)?uses:\s*(?P<value>.*?)\s*$")
PINNED = re.compile(r"""^["']?[\w.-]+/[\w./-]+@[0-9a-f]{40}["']?\s+#\s*v\d+(?:\.\d+)*\b""")
PROJECT_CODE = re.compile(r"(?<![\w.-])(?:make|python[\d.]*|pip[\d.]*|pytest|jupyter-book)(?![\w-])")
LOCAL_PATH = re.compile(r"file://\S*|(?:^|[\s=])(?:/|~/|[A-Za-z]:[\\/])\S*", re.MULTILINE)
SOURCE_OPTION = re.compile(r"(?:^|\s)(?:--find-links|--extra-index-url|--index-url|-f|-i)(?:[\s=]|$)")
INCLUDE = re.compile(r"^(?:-r|--requirement|-c|--constraint)[\s=]+(?P<path>\S+)$")


def _steps_and_jobs_uses(workflow: dict):
    for job in (workflow.get("jobs") or {}).values():
        if "uses" in job:
            yield job["uses"]
        yield from (step["uses"] for step in job.get("steps", []) if "uses" in step)


def unpinned_actions(workflow: Path) -> list[str]:
    """`uses:` values not pinned to a 40-hex commit SHA followed by a `# vX...` comment (local `./` actions aside)."""
    text = workflow.read_text()
    values = [match["value"] for match in map(USES_LINE.match, text.splitlines()) if match]
    problems = [value for value in values if not value.strip("\"'").startswith("./") and not PINNED.match(value)]
    declared = len(list(_steps_and_jobs_uses(yaml.safe_load(text))))
    if declared != len(values):  # a flow mapping such as `- {uses: ...}` hides from the line check
        problems.append(f"{declared} uses: in the YAML, {len(values)} on lines of their own")
    return problems


def _can_write(permissions) -> bool:
    """A `write` scope, write-all, or nothing set at all (then the repository's default token, which may write)."""
    if permissions is None:
        return True
    if isinstance(permissions, str):
        return permissions == "write-all"
    return "write" in permissions.values()


def privileged_jobs_running_code(workflow: Path) -> list[str]:
    """Steps of jobs whose token can write that check out the repository or run make, python, pip, pytest or
    jupyter-book (or a local action or workflow)."""
    document = yaml.safe_load(workflow.read_text())
    problems = []
    for name, job in (document.get("jobs") or {}).items():
        if not _can_write(job.get("permissions", document.get("permissions"))):
            continue
        if str(job.get("uses", "")).startswith("./"):
            problems.append(f"{name}: uses {job['uses']}")
        for step in job.get("steps", []):
            uses, run = str(step.get("uses", "")), str(step.get("run", ""))
            if uses.startswith(("actions/checkout@", "./")) or PROJECT_CODE.search(run):
                problems.append(f"{name}: {uses or run}")
    return problems


def lock_problems(requirements: Path) -> list[str]:
    """Requirements without a sha256 hash, index or find-links options and local paths, following `-r` includes."""
    text = requirements.read_text()
    problems = [f"{requirements.name}: local path {hit.strip()}" for hit in LOCAL_PATH.findall(text)]
    found = 0
    for line in re.sub(r"\\\n", " ", text).splitlines():
        line = re.sub(r"(?:^|\s+)#.*", "", line).strip()
        if not line:
            continue
        if include := INCLUDE.match(line):
            target = requirements.parent / include["path"]
            problems += lock_problems(target) if target.is_file() else [f"{line}: no such file"]
            found += 1
        elif SOURCE_OPTION.search(line):
            problems.append(f"{requirements.name}: {line}")
        elif not line.startswith("-") or line.startswith(("-e", "--editable")):
            found += 1
            if "--hash=sha256:" not in line:
                problems.append(f"{requirements.name}: no hash: {line}")
    return problems + ([] if found else [f"{requirements.name}: no requirement"])


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=lambda path: path.name)
def test_every_action_is_pinned_to_a_commit_sha_with_its_tag(workflow):
    assert unpinned_actions(workflow) == []


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=lambda path: path.name)
def test_no_job_with_a_write_token_runs_the_projects_code(workflow):
    assert privileged_jobs_running_code(workflow) == []


@pytest.mark.parametrize("requirements", [LOCK, BINDER], ids=["requirements.txt", "binder"])
def test_the_lock_hashes_every_package_and_names_nothing_local(requirements):
    assert lock_problems(requirements) == []


def test_the_workflows_are_found():
    assert PUBLISH in WORKFLOWS and SCHEDULED in WORKFLOWS


def _broken_copy(source: Path, tmp_path: Path, edit) -> Path:
    """A copy of `source` in tmp_path with `edit` (text -> text) applied; the edit must change something."""
    text = source.read_text()
    broken = edit(text)
    assert broken != text, "the edit no longer matches the file"
    copy = tmp_path / source.name
    copy.write_text(broken)
    return copy


def _sub(pattern: str, replacement: str):
    return lambda text: re.sub(pattern, replacement, text, count=1)


@pytest.mark.parametrize(
    "edit",
    [
        _sub(r"(actions/checkout)@\S+ # \S+", r"\1@v4"),
        _sub(r"(actions/checkout@\S+) # \S+", r"\1"),
        _sub(r"(actions/cache@[0-9a-f]{12})[0-9a-f]{28}", r"\1"),
        _sub(r"(actions/upload-artifact@\S+) # \S+", r"\1 # main"),
        _sub(r"- id: deployment\n\s+uses: (actions/deploy-pages)@\S+ # \S+", r"- {id: deployment, uses: \1@v4}"),
    ],
    ids=["tag", "no comment", "short sha", "comment not a version", "flow mapping"],
)
def test_an_unpinned_action_is_caught(tmp_path, edit):
    assert unpinned_actions(_broken_copy(PUBLISH, tmp_path, edit))


def _job_edit(workflow: str, job: str, change):
    """An edit that reloads the workflow, applies `change(document, job)`, and dumps it again."""

    def edit(text):
        document = yaml.safe_load(text)
        change(document, document["jobs"][job])
        return yaml.safe_dump(document, sort_keys=False)

    return workflow, edit


@pytest.mark.parametrize(
    ("workflow", "edit"),
    [
        _job_edit("scheduled.yml", "rebuild", lambda doc, job: job["permissions"].update(issues="write")),
        _job_edit("scheduled.yml", "report", lambda doc, job: job["steps"].insert(0, {"uses": "actions/checkout@x"})),
        _job_edit("scheduled.yml", "report", lambda doc, job: job["steps"].append({"run": "python3 -m x"})),
        _job_edit("scheduled.yml", "rebuild", lambda doc, job: [job.pop("permissions"), doc.pop("permissions")]),
        _job_edit("publish.yml", "test", lambda doc, job: doc.update(permissions="write-all")),
        _job_edit("publish.yml", "deploy", lambda doc, job: job["steps"].append({"run": ".venv/bin/jupyter-book x"})),
    ],
    ids=["write scope", "checkout", "python", "default token", "write-all", "jupyter-book"],
)
def test_a_write_token_near_project_code_is_caught(tmp_path, workflow, edit):
    assert privileged_jobs_running_code(_broken_copy(ROOT / ".github" / "workflows" / workflow, tmp_path, edit))


@pytest.mark.parametrize(
    "edit",
    [
        _sub(r"(\n[\w.-]+==\S+) \\\n(?:\s+--hash=\S+(?: \\)?\n)+", r"\1\n"),
        lambda text: "--extra-index-url file:///opt/pypi/simple\n" + text,
        lambda text: "--find-links /opt/wheels\n" + text,
        lambda text: "--index-url https://mirror.example/simple\n" + text,
        lambda text: text + "torch==2.13.0\n",
        lambda text: text + "/opt/wheels/torch.whl --hash=sha256:" + "0" * 64 + "\n",
        lambda text: text + "-e .\n",
        lambda text: "# nothing pinned\n",
    ],
    ids=["no hash", "file index", "find-links", "index-url", "unhashed pin", "absolute path", "editable", "empty"],
)
def test_a_lock_with_an_unhashed_or_local_source_is_caught(tmp_path, edit):
    broken = _broken_copy(LOCK, tmp_path, edit)
    assert lock_problems(broken)
    binder = tmp_path / "binder"
    binder.mkdir()
    shutil.copy(BINDER, binder / BINDER.name)
    assert lock_problems(binder / BINDER.name), "binder/requirements.txt must reach the lock it includes"


def test_binder_requirements_must_reach_the_lock(tmp_path):
    (tmp_path / "binder").mkdir()
    shutil.copy(BINDER, tmp_path / "binder" / BINDER.name)
    assert lock_problems(tmp_path / "binder" / BINDER.name)  # ../requirements.txt is missing here
