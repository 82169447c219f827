"""As a user installs it: the wheel carries the rules; manifests never load the Hub client."""

from __future__ import annotations

import os
import subprocess
import sys
import sysconfig
import venv
from pathlib import Path

from clirunner import EXAMPLES, ROOT


def test_checking_a_manifest_never_imports_huggingface_hub() -> None:
    code = (
        "import sys\n"
        "from osai.cli import app\n"
        "try:\n"
        f"    app(['check', {str(EXAMPLES / 'pythia-70m.yml')!r}, '--format', 'json'])\n"
        "except SystemExit:\n"
        "    pass\n"
        "print('huggingface_hub' in sys.modules, file=sys.stderr)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
        env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"},
    )
    assert result.stderr.strip().splitlines()[-1] == "False", result.stderr


def test_the_built_wheel_ships_the_rules_and_runs_a_check(tmp_path: Path) -> None:
    wheel_dir = tmp_path / "dist"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(wheel_dir), str(ROOT)],
        check=True,
        capture_output=True,
        timeout=300,
    )
    (wheel,) = wheel_dir.glob("osai-*.whl")
    # The installed wheel, not a source tree on PYTHONPATH (as the test suite may be run).
    env = {name: value for name, value in os.environ.items() if name != "PYTHONPATH"}
    env_dir = tmp_path / "venv"
    venv.EnvBuilder(with_pip=False).create(env_dir)
    python = env_dir / "bin" / "python"
    _see_the_running_dependencies(python)
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "--python",
            str(python),
            "install",
            "-q",
            "--no-deps",
            # osai may already be installed where the dependencies are (CI installs it there),
            # and the .pth makes that visible: without this pip would skip the wheel, and
            # --force-reinstall would uninstall the running copy.
            "--ignore-installed",
            str(wheel),
        ],
        check=True,
        capture_output=True,
        timeout=300,
        env=env,
    )
    osai = env_dir / "bin" / "osai"
    result = subprocess.run(
        [str(osai), "check", str(EXAMPLES / "pythia-70m.yml"), "--format", "json"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        check=False,
        timeout=120,
        env=env,
    )
    assert result.returncode == 0, result.stderr
    assert '"outcome": "conformant"' in result.stdout
    where = subprocess.run(
        [str(python), "-c", "import osai.paths as p; print(p.rules_dir())"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        check=True,
        env=env,
    )
    assert "_rules" in where.stdout and str(env_dir) in where.stdout


def _see_the_running_dependencies(python: Path) -> None:
    """The new environment finds osai's dependencies where the tests found them (this
    interpreter's environment, which may itself be a virtualenv), after its own packages: a
    .pth file, not system_site_packages (which would mean the base interpreter's)."""
    purelib = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    running = {sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]}
    (Path(purelib) / "running-dependencies.pth").write_text("\n".join(sorted(running)) + "\n")


def test_no_merge_conflict_markers_are_committed() -> None:
    """A merge once left <<<<<<< markers in the README; the published docs must not show them."""
    tracked = subprocess.run(
        ["git", "ls-files", "*.md", "*.py", "*.yaml", "*.yml", "*.toml", "*.json"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    if tracked.returncode != 0:  # not a git checkout (an sdist): nothing to look at
        return
    markers = ("<<<<<<< ", ">>>>>>> ", "=======\n")
    found = [
        f"{name}:{number}"
        for name in tracked.stdout.splitlines()
        if (ROOT / name).is_file()
        for number, line in enumerate(
            (ROOT / name).read_text(encoding="utf-8", errors="replace").splitlines(True), 1
        )
        if line.startswith(markers) and (line != "=======\n" or name.endswith((".py", ".md")))
    ]
    assert found == []
