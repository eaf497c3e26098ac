"""``accords --help`` lists every command without importing it; running one imports its module."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
import typer

from accords.cli.main import COMMANDS, LazyGroup, app, load_all_commands


def _loaded_group() -> LazyGroup:
    group = typer.main.get_command(app)
    assert isinstance(group, LazyGroup)
    load_all_commands(group)
    return group


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_summary_is_the_commands_own_first_line(name: str) -> None:
    group = _loaded_group()
    command = group.commands[name]
    own = " ".join((command.help or "").split("\n\n")[0].split())
    assert own.startswith(COMMANDS[name][1].rstrip(".")), (name, own)


def test_every_registered_command_is_listed() -> None:
    group = _loaded_group()
    assert set(group.commands) == set(COMMANDS)


def test_help_imports_no_command_module() -> None:
    code = (
        "import sys\n"
        "from accords.cli.main import main\n"
        "sys.argv = ['accords', '--help']\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "import json\n"
        "heavy = ['numpy', 'pydantic', 'accords.corpus', 'accords.cli.common']\n"
        "sys.stderr.write(json.dumps([m for m in heavy if m in sys.modules]))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert json.loads(done.stderr.strip().splitlines()[-1]) == []
    for name in COMMANDS:
        assert name in done.stdout
