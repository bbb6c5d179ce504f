"""The README is a tested front door: its commands run as written, and every pattern it or a guide in
docs/ shows passes `extract patterns check` and `test`."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from extract.cli import main

from .conftest import CORPUS, ROOT


def _commands() -> list[str]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Load it elsewhere", 1)[1].split("\n## ", 1)[0]
    block = re.search(r"```sh\n(.*?)```", section, re.S)
    assert block, "README: no ```sh block under 'Load it elsewhere'"
    return [line for line in block.group(1).splitlines() if line.strip()]


@pytest.fixture(scope="module")
def kb_folder(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("readme")
    result = CliRunner().invoke(main, ["run", str(CORPUS), "-o", str(folder / "kb.jsonl"), "--quiet"])
    assert result.exit_code == 0, result.stderr
    return folder


@pytest.mark.parametrize("command", _commands())
def test_readme_command_runs(command: str, kb_folder: Path) -> None:
    tool = command.split()[0]
    if tool == "jq" and shutil.which("jq") is None:
        pytest.skip("jq is not installed")
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"}
    done = subprocess.run(command, shell=True, cwd=kb_folder, env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip(), f"{command!r} printed nothing"


def test_ci_runs_exactly_the_readme_test_command() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("Install and run the tests", 1)[1]
    command = re.search(r"```sh\n(.*?)\n```", section, re.S).group(1).strip()
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8").strip().splitlines()[-1]
    assert ci == command


def _section(title: str) -> str:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    return readme.split(f"## {title}\n", 1)[1].split("\n## ", 1)[0]


def _shown_rules() -> list[str]:
    """Every pattern line the README and the guides in docs/ show (a JSON line with a label and a pattern)."""
    pages = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
    blocks = [block for page in pages for block in re.findall(r"```json\n(.*?)```", page.read_text(encoding="utf-8"), re.S)]
    lines = [line.strip() for block in blocks for line in block.splitlines()]
    return [line for line in lines if line.startswith("{") and '"label"' in line and '"pattern"' in line]


def test_the_readme_shows_a_pattern() -> None:
    assert _shown_rules()


@pytest.mark.parametrize("rule", _shown_rules())
def test_every_pattern_the_readme_shows_passes_check_and_test(rule: str, tmp_path: Path) -> None:
    (tmp_path / "rules.jsonl").write_text(rule + "\n", encoding="utf-8")
    for action in ("check", "test"):
        result = CliRunner().invoke(main, ["patterns", action, str(tmp_path)])
        assert result.exit_code == 0, f"patterns {action}: {result.output}{result.stderr}"


def test_the_quick_start_runs_as_written(tmp_path: Path) -> None:
    """Every command of the quick start but the install, in a fresh folder holding the corpus,
    with the pattern it shows written where it says."""
    section = _section("Quick start")
    blocks = re.findall(r"```sh\n(.*?)```", section, re.S)
    rule = re.search(r"```json\n(.*?)```", section, re.S).group(1).strip()
    rule_file = re.search(r"`(my_rules/[\w.]+\.jsonl)`", section).group(1)
    (tmp_path / "corpus").symlink_to(CORPUS, target_is_directory=True)
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"}
    for number, block in enumerate(blocks):
        if number == 1:
            (tmp_path / rule_file).write_text(rule + "\n", encoding="utf-8")
        for command in block.splitlines():
            if not command.strip() or command.startswith("python3 -m venv"):
                continue
            done = subprocess.run(
                command, shell=True, cwd=tmp_path, env=env, capture_output=True, text=True, timeout=300
            )
            assert done.returncode == 0, f"{command}: {done.stderr}"
    assert (tmp_path / "report.html").is_file() and (tmp_path / "kb.jsonl").stat().st_size
