"""The README's "Load it elsewhere" commands work as written, on a real knowledge base."""

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
