"""The README's library example, exactly as written there, against the built wheel installed alone in a fresh venv:
`mypy --strict` accepts it, and it runs (its model is the loopback test server, found as the example says, through
OPENAI_BASE_URL). About a minute: the wheel is built and installed (pip's cache serves the dependencies)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path
from typing import Any

import pytest

from .conftest import EXAMPLES, ROOT
from .fake_openai import FakeOpenAI

pytestmark = pytest.mark.slow


def readme_example() -> str:
    """The first Python block of the README's "Use it as a library" section."""
    section = (ROOT / "README.md").read_text(encoding="utf-8").split("## Use it as a library", 1)[1]
    found = re.search(r"```python\n(.*?)```", section.split("\n## ", 1)[0], re.DOTALL)
    assert found, "README.md: the library section has no ```python block"
    return found.group(1)


def run(command: list[str | Path], **options: Any) -> subprocess.CompletedProcess[str]:
    result = subprocess.run([str(c) for c in command], capture_output=True, text=True, **options)
    assert result.returncode == 0, f"{' '.join(map(str, command))}\n{result.stdout}\n{result.stderr}"
    return result


# What the wheel is built from, copied out first: building in the checkout would leave a build/ folder there,
# whose stale copies of removed modules a later wheel could pick up.
WHEEL_SOURCES = ("pyproject.toml", "README.md", "briefing", "prompts")


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    source, dist = tmp_path_factory.mktemp("source"), tmp_path_factory.mktemp("dist")
    for name in WHEEL_SOURCES:
        if (ROOT / name).is_dir():
            shutil.copytree(ROOT / name, source / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(ROOT / name, source / name)
    pip = [sys.executable, "-m", "pip", "--disable-pip-version-check"]
    run([*pip, "wheel", "--no-deps", "--quiet", "-w", dist, source])
    (built,) = dist.glob("briefing-*.whl")
    return built


@pytest.fixture(scope="module")
def venv_python(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh venv holding the wheel and its dependencies, nothing of this checkout."""
    venv = tmp_path_factory.mktemp("venv")
    run([sys.executable, "-m", "venv", "--clear", venv])
    python = venv / "bin" / "python"
    run([python, "-m", "pip", "install", "--quiet", "--disable-pip-version-check", wheel])
    return python


@pytest.fixture
def workdir(tmp_path: Path) -> Path:
    """A folder away from this checkout (so `import briefing` finds the installed wheel), with the example's
    articles/ and the README's code in example.py."""
    shutil.copytree(EXAMPLES / "articles", tmp_path / "articles")
    (tmp_path / "example.py").write_text(readme_example(), encoding="utf-8")
    return tmp_path


def test_the_wheel_ships_the_type_marker_prompts_templates_vocabulary_and_every_folder(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    assert {"briefing/py.typed", "briefing/prompts/system.j2", "briefing/page/templates/brief.md.j2",
            "briefing/model/data/minilm-vocab.txt", "briefing/model/data/minilm-vocab.NOTICE"} <= names  # fmt: skip
    folders = {p.parent.name for p in (Path(__file__).parent.parent / "briefing").glob("*/__init__.py")}
    assert {f"briefing/{folder}/__init__.py" for folder in folders} <= names


def test_the_readme_example_type_checks_strictly_against_the_wheel(venv_python: Path, workdir: Path) -> None:
    # mypy of the dev venv, reading the fresh venv's packages: only the wheel's own annotations (py.typed) count.
    mypy = [sys.executable, "-m", "mypy", "--strict", "--no-incremental", "--python-executable", venv_python]
    result = run([*mypy, "example.py"], cwd=workdir)
    assert "Success" in result.stdout


def test_the_readme_example_runs(venv_python: Path, workdir: Path) -> None:
    env = {
        key: value for key, value in os.environ.items()
        if key not in ("OPENAI_API_KEY", "OPENAI_BASE_URL", "BRIEF_MODEL", "PYTHONPATH")
    }  # fmt: skip
    with FakeOpenAI() as fake:
        env |= {"OPENAI_BASE_URL": fake.url, "BRIEF_CACHE_DIR": str(workdir / "cache")}
        result = run([venv_python, "example.py"], cwd=workdir, env=env, timeout=300)
    printed = result.stdout.strip().splitlines()
    assert printed and all(line.endswith("independent sources)") for line in printed)
    assert sorted(p.name for p in (workdir / "out").iterdir()) == ["brief.json", "brief.md"]
