"""Build the book: validate the data, keep the execution cache honest, run Jupyter Book.

jupyter-cache keys a notebook on its code cells only, so a change to the data or
to this package would reuse stale outputs. The cache is therefore tied to a
fingerprint of everything notebooks read, and dropped when that changes. A cache
that jupyter-cache cannot read (a build killed while writing it, a deleted folder)
is dropped too: otherwise every later build would fail on it. A build that finds the cache, the
notebooks and the book's configuration byte for byte as the last successful build left them checks
neither again, and does not import jupyter-cache (half a second of a rebuild after a prose edit).

Notebooks the cache lacks are run first, in parallel (``execution``), so that Jupyter
Book finds them all cached. That step and Jupyter Book each run in a process group of
their own. SIGINT or SIGTERM to the build reaches that group and the notebook kernels
it started (each in a session of its own), and the build then fails, whatever the
step's exit status.
"""

import hashlib
import os
import shutil
import signal
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import TYPE_CHECKING

import psutil

from caucasus_atlas.assets import book_environment
from caucasus_atlas.book.contents import book_notebooks
from caucasus_atlas.fingerprint import build_code_fingerprint, input_fingerprint
from caucasus_atlas.paths import REPO_ROOT
from caucasus_atlas.problems import DataError
from caucasus_atlas.validation import validate_package

if TYPE_CHECKING:
    from jupyter_cache.cache.main import JupyterCacheBase

BUILD_DIR = REPO_ROOT / "_build"
CACHE_DIR = BUILD_DIR / ".jupyter_cache"
CACHE_KEY = BUILD_DIR / ".jupyter_cache.inputs"
BUILD_CODE_KEY = BUILD_DIR / ".build_code.inputs"
SETTLED_KEY = BUILD_DIR / ".execution.settled"  # the execution state the last successful build left
DOCTREES = BUILD_DIR / ".doctrees"  # Sphinx's environment: what it has read, and when
STRICT_FLAGS = ["-W", "-n", "--keep-going"]
INTERRUPTS = (signal.SIGINT, signal.SIGTERM)
POLL_SECONDS = 0.2  # how soon a noted interrupt is acted on
STOP_GRACE_SECONDS = 5.0  # how long Jupyter Book and its kernels get to stop before SIGKILL


class BuildInterrupted(KeyboardInterrupt):
    """The build was stopped by a signal; ``exit_code`` is the shell's 128 + its number.

    A ``KeyboardInterrupt``, so that nothing catching ``Exception`` carries on, and pytest stops too.
    """

    def __init__(self, signum: int):
        super().__init__(f"The build was stopped by {signal.Signals(signum).name}.")
        self.exit_code = 128 + signum


def refresh_execution_cache(settled: bool = False) -> bool:
    """Drop the execution cache if its inputs changed or it is damaged; return whether it was dropped.

    A ``settled`` cache (``execution_state`` as the last successful build left it) is not checked for damage.
    Sphinx's record of the pages it has read goes with it: Sphinx sees no change in a notebook whose
    data changed, and without a fresh read it would neither run it again nor drop its old outputs.
    """
    stale = changed_since_last_build(CACHE_KEY, input_fingerprint())
    if stale:
        shutil.rmtree(CACHE_DIR, ignore_errors=True)
    dropped = stale or (not settled and drop_damaged_cache(CACHE_DIR))
    if dropped:
        shutil.rmtree(DOCTREES, ignore_errors=True)
    return dropped


def refresh_pages() -> bool:
    """Drop Sphinx's record of the pages it has read if the build-time code changed; return whether it did.

    Sphinx rewrites only the pages whose sources changed, so without this an edit to the Sphinx extension would
    reach no page until a clean build. The notebooks' outputs stay cached: no notebook imports that code.
    """
    stale = changed_since_last_build(BUILD_CODE_KEY, build_code_fingerprint())
    if stale:
        shutil.rmtree(DOCTREES, ignore_errors=True)
    return stale


def execution_state() -> str:
    """SHA-256 over the execution cache's files and what decides which notebooks it must hold: the book's
    configuration, contents and notebooks."""
    digest = hashlib.sha256()
    cached = sorted(path for path in CACHE_DIR.rglob("*") if path.is_file())
    for path in [*cached, REPO_ROOT / "_config.yml", REPO_ROOT / "_toc.yml", *book_notebooks()]:
        digest.update(str(path).encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def changed_since_last_build(record: Path, fingerprint: str) -> bool:
    """Whether ``fingerprint`` differs from the one ``record`` holds (or there is none); record it if so."""
    if record.exists() and record.read_text() == fingerprint:
        return False
    BUILD_DIR.mkdir(exist_ok=True)
    record.write_text(fingerprint)
    return True


def drop_damaged_cache(cache_dir: Path) -> bool:
    """Delete the cache in ``cache_dir``, with one line on stderr, if it is damaged; return whether it was."""
    damage = cache_damage(cache_dir)
    if damage:
        print(f"{cache_dir}: damaged execution cache dropped, notebooks will run again ({damage})", file=sys.stderr)
        shutil.rmtree(cache_dir, ignore_errors=True)
    return damage is not None


def cache_damage(cache_dir: Path) -> str | None:
    """Why jupyter-cache could not use the cache in ``cache_dir``, or None if it could (or there is none)."""
    if not cache_dir.exists():
        return None
    from jupyter_cache import get_cache

    try:
        cache = get_cache(cache_dir)
        check_database(cache)
        records = cache.list_cache_records()
    except Exception as err:  # whatever stops it opening is damage
        return describe(err)
    for record in records:
        if damage := record_damage(cache, record.pk):
            return damage
    return None


def check_database(cache: "JupyterCacheBase") -> None:
    """Raise unless SQLite finds the cache's database intact (a file cut inside its last page still answers queries)."""
    with cache.db.connect() as connection:
        verdict = connection.exec_driver_sql("PRAGMA quick_check").scalar()
    if verdict != "ok":
        raise RuntimeError(f"global.db fails SQLite's quick_check: {verdict}")


def record_damage(cache: "JupyterCacheBase", pk: int) -> str | None:
    """Why the notebook cached as record ``pk`` cannot be read back as the build reads it, or None."""
    try:
        cache.get_cache_bundle(pk)  # raises if the notebook file is missing or does not parse
    except Exception as err:
        return f"record {pk}: {describe(err)}"
    return None


def describe(err: Exception) -> str:
    """An exception as one short line."""
    return textwrap.shorten(f"{type(err).__name__}: {err}", width=200, placeholder=" ...")


def jupyter_book_command() -> list[str]:
    """The Jupyter Book command line that builds the book with warnings as errors."""
    return [sys.executable, "-m", "caucasus_atlas.book.jupyter_book_cli", "build", str(REPO_ROOT), *STRICT_FLAGS]


def execution_command() -> list[str] | None:
    """The command line that runs, in parallel, the notebooks the execution cache lacks; None if it has them all."""
    from caucasus_atlas.book.execution import outdated_notebooks

    outdated = outdated_notebooks(CACHE_DIR)
    if not outdated:
        return None
    return [sys.executable, "-m", "caucasus_atlas.book.execution", str(CACHE_DIR), *map(str, outdated)]


def build_book(quiet: bool = False) -> Path:
    """Build the HTML book with warnings as errors; return the folder of the HTML.

    ``quiet`` keeps each step's log to itself unless it fails. Raises ``CalledProcessError`` if a
    notebook or Jupyter Book fails, ``BuildInterrupted`` if SIGINT or SIGTERM arrives while either runs.
    A cache settled since the last successful build (``execution_state``) lacks no notebook and is sound.
    """
    problems = validate_package()
    if problems:
        raise DataError(problems)
    settled = SETTLED_KEY.is_file() and SETTLED_KEY.read_text() == execution_state()
    SETTLED_KEY.unlink(missing_ok=True)  # until this build succeeds
    dropped = refresh_execution_cache(settled)
    refresh_pages()
    steps = [jupyter_book_command()] if settled and not dropped else [execution_command(), jupyter_book_command()]
    for command in steps:
        if command:
            run_step(command, quiet)
    SETTLED_KEY.write_text(execution_state())
    return BUILD_DIR / "html"


def run_step(command: list[str], quiet: bool) -> None:
    """Run a step of the build; raise ``CalledProcessError`` (showing its log, if ``quiet`` kept it) if it fails."""
    result = run_in_session(command, quiet)
    if result.returncode:
        if quiet:
            print(result.stdout, result.stderr, sep="\n", file=sys.stderr)
        raise subprocess.CalledProcessError(result.returncode, result.args)


def run_in_session(command: list[str], quiet: bool) -> subprocess.CompletedProcess:
    """Run ``command`` in a session of its own; on SIGINT or SIGTERM stop it, its kernels, and raise."""
    with noted_interrupts() as interrupts:
        process = subprocess.Popen(
            command,
            cwd=REPO_ROOT,
            stdout=subprocess.PIPE if quiet else None,
            stderr=subprocess.PIPE if quiet else None,
            text=True,
            env=book_environment(),
            start_new_session=True,
        )
        stdout, stderr = wait_or_stop(process, interrupts)
    if interrupts:
        raise BuildInterrupted(interrupts[0])
    return subprocess.CompletedProcess(process.args, process.returncode, stdout, stderr)


@contextmanager
def noted_interrupts() -> Iterator[list[int]]:
    """Within the block, SIGINT and SIGTERM are only noted, in the list yielded."""
    noted: list[int] = []
    previous = {signum: signal.signal(signum, lambda signum, _frame: noted.append(signum)) for signum in INTERRUPTS}
    try:
        yield noted
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)


def wait_or_stop(process: subprocess.Popen, interrupts: list[int]) -> tuple[str | None, str | None]:
    """Wait for ``process`` and return its output; once an interrupt is noted, stop it first."""
    while not interrupts:
        with suppress(subprocess.TimeoutExpired):
            return process.communicate(timeout=POLL_SECONDS)
    stop(process, interrupts[0])
    return process.communicate()


def stop(process: subprocess.Popen, signum: int) -> None:
    """Pass ``signum`` to the process group of ``process`` (SIGKILL after a grace period), then end its descendants."""
    descendants = descendants_of(process.pid)  # kernels have sessions of their own: list them while it is their parent
    signal_group(process.pid, signum)
    try:
        process.wait(STOP_GRACE_SECONDS)
    except subprocess.TimeoutExpired:
        signal_group(process.pid, signal.SIGKILL)
        process.wait()
    end(descendants)


def end(processes: list[psutil.Process]) -> None:
    """SIGTERM ``processes``, then SIGKILL those still running after a grace period."""
    for child in processes:
        with suppress(psutil.NoSuchProcess):
            child.terminate()
    for child in psutil.wait_procs(processes, timeout=STOP_GRACE_SECONDS)[1]:
        with suppress(psutil.NoSuchProcess):
            child.kill()


def descendants_of(pid: int) -> list[psutil.Process]:
    """The processes below ``pid``, or none if it has gone."""
    try:
        return psutil.Process(pid).children(recursive=True)
    except psutil.NoSuchProcess:
        return []


def signal_group(pgid: int, signum: int) -> None:
    """Send ``signum`` to process group ``pgid``, if it still has members."""
    with suppress(ProcessLookupError):
        os.killpg(pgid, signum)
