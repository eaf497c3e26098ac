"""The core never imports the edges: typer, fastapi, sqlalchemy, rich or jinja2."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src" / "accords"
CORE = ["model", "analysis", "bargaining", "forecasting", "monitor"]
EDGE_LIBRARIES = {"typer", "fastapi", "sqlalchemy", "alembic", "rich", "jinja2", "negmas"}


def imports_of(path: Path) -> set[str]:
    imported: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            imported |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            imported.add(node.module.split(".")[0])
    return imported


def core_files() -> list[Path]:
    files = []
    for package in CORE:
        for path in sorted((SRC / package).rglob("*.py")):
            if "store" in path.relative_to(SRC).parts:
                continue
            files.append(path)
    return files


@pytest.mark.parametrize("path", core_files(), ids=lambda p: str(p.relative_to(SRC)))
def test_core_module_imports_no_edge_library(path: Path) -> None:
    imported = imports_of(path)
    assert not imported & EDGE_LIBRARIES, f"{path.name} imports {imported & EDGE_LIBRARIES}"


def test_no_runtime_import_of_negmas_anywhere() -> None:
    """NegMAS is AGPL: a test oracle and benchmark peer only, never imported by the package."""
    offenders = [p.name for p in SRC.rglob("*.py") if "negmas" in imports_of(p)]
    assert offenders == []


CLI = SRC / "cli"
#: A command module parses options, makes one library call and renders; computation is not its job.
MAX_CLI_LINES = 300
CLI_FORBIDDEN = {"numpy", "scipy", "highspy", "sqlalchemy", "alembic", "dask", "distributed"}


@pytest.mark.parametrize("path", sorted(CLI.glob("*.py")), ids=lambda p: p.name)
def test_cli_module_is_a_thin_shell(path: Path) -> None:
    n_lines = len(path.read_text(encoding="utf-8").splitlines())
    assert n_lines <= MAX_CLI_LINES, f"{path.name} has {n_lines} lines (at most {MAX_CLI_LINES})"
    forbidden = imports_of(path) & CLI_FORBIDDEN
    assert not forbidden, f"{path.name} imports {sorted(forbidden)}: that work is the library's"


def test_cli_commands_raise_instead_of_exiting() -> None:
    """Command code raises library errors; only cli/common.py turns them into exit codes."""
    offenders = [
        p.name
        for p in CLI.glob("*.py")
        if p.name not in {"common.py", "main.py"}
        and (
            "fail(" in p.read_text(encoding="utf-8")
            or "typer.Exit" in p.read_text(encoding="utf-8")
        )
    ]
    assert offenders == []
