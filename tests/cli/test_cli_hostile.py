"""Bad arguments and hostile files exit with a message and a documented code, never a traceback.

In-process through Typer's runner (an exception escaping a command is ``result.exception``),
and a few as subprocesses for what the runner cannot see (stdout, real terminals).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from accords.cli.main import app
from accords.corpus import default_corpus_path

runner = CliRunner()


def invoke(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise AssertionError(f"traceback for {args}") from result.exception
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture(scope="module")
def corpus_copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("corpus") / "ukraine"
    shutil.copytree(default_corpus_path(), root)
    return root


def test_simulate_negative_seed() -> None:
    code, _, err = invoke("simulate", "--seed", "-1")
    assert code == 2
    assert "seed must be a non-negative integer; got -1" in err


@pytest.mark.parametrize(
    ("db", "message"),
    [
        ("not a url://x", "is not a database URL"),
        ("sqlite:///", "is an in-memory database"),
        ("sqlite://", "is an in-memory database"),
    ],
)
def test_monitor_add_bad_db(tmp_path: Path, db: str, message: str) -> None:
    events = tmp_path / "e.jsonl"
    events.write_text('{"id": "a", "date": "2026-01-02", "type": "AID", "actors": ["us"]}\n')
    code, _, err = invoke("monitor", "add", str(events), "--db", db)
    assert code == 2
    assert message in err.replace("\n", "")


def test_monitor_add_rejects_unknown_actors_unless_allowed(tmp_path: Path) -> None:
    events = tmp_path / "e.jsonl"
    events.write_text(
        '{"id": "a", "date": "2026-01-02", "type": "AID", "actors": ["us"]}\n'
        '{"id": "b", "date": "2026-01-02", "type": "AID", "actors": ["atlantis"]}\n'
    )
    db = str(tmp_path / "e.sqlite")
    code, out, _ = invoke("monitor", "add", str(events), "--db", db, "--format", "json")
    data = json.loads(out)
    assert (code, data["n_inserted"], data["n_rejected"]) == (1, 1, 1)
    assert data["rejected"][0]["line"] == 2
    assert (
        "actors names party 'atlantis', which is not in the corpus"
        in data["rejected"][0]["message"]
    )
    code, out, _ = invoke(
        "monitor", "add", str(events), "--db", db, "--allow-unknown-actors", "--format", "json"
    )
    data = json.loads(out)
    assert (code, data["n_inserted"], data["n_unchanged"]) == (0, 1, 1)


def test_monitor_add_bad_bytes_prints_the_report(tmp_path: Path) -> None:
    events = tmp_path / "e.jsonl"
    good = [
        json.dumps({"id": f"e{i}", "date": "2026-01-02", "type": "AID", "actors": ["us"]})
        for i in range(5)
    ]
    events.write_bytes(
        ("\n".join(good[:2]) + "\n").encode()
        + b'{"id": "caf\xe9"}\n'
        + ("\n".join(good[2:]) + "\n").encode()
    )
    code, out, _ = invoke(
        "monitor", "add", str(events), "--db", str(tmp_path / "e.sqlite"), "-f", "json"
    )
    data = json.loads(out)
    assert (code, data["n_inserted"], data["n_rejected"], data["rejected"][0]["line"]) == (
        1,
        5,
        1,
        3,
    )


def test_replay_alias_bomb_exits_2(tmp_path: Path) -> None:
    lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, 10):
        lines.append(f"a{i}: &a{i} [{','.join([f'*a{i - 1}'] * 9)}]")
    path = tmp_path / "bomb.yaml"
    path.write_text("\n".join(lines) + "\nevents: []\n")
    code, _, err = invoke("monitor", "replay", "us-28-point-plan", str(path))
    assert code == 2
    assert "too many aliases" in err


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
def test_report_to_a_full_disk_names_the_file() -> None:
    code, _, err = invoke("report", "--out", "/dev/full")
    assert code == 2
    assert "/dev/full: No space left on device" in err.replace("\n", "")


@pytest.mark.parametrize(
    "args", [("validate", "/nonexistent"), ("list", "parties", "--corpus", "/nonexistent")]
)
def test_not_a_corpus_exits_2(args: tuple[str, ...]) -> None:
    code, _, err = invoke(*args)
    assert code == 2
    assert "no such directory" in err


def test_huge_integer_position(corpus_copy: Path, tmp_path: Path) -> None:
    root = tmp_path / "c"
    shutil.copytree(corpus_copy, root)
    issues = root / "issues.yaml"
    text = issues.read_text()
    assert "        position: 30\n" in text
    issues.write_text(
        text.replace("        position: 30\n", "        position: " + "9" * 5001 + "\n", 1)
    )
    code, _, err = invoke("validate", str(root))
    assert code == 1
    code, _, err = invoke("list", "issues", "--corpus", str(root))
    assert code == 2
    assert "characters is too long" in err


def test_escape_sequences_never_reach_the_terminal() -> None:
    """Every command prints through this console: control characters are stripped there."""
    from rich.text import Text

    from accords.cli.common import console

    with console.capture() as captured:
        console.print(Text("US \x1b[8mHIDDEN\x1b[0m \x1b]0;title\x07 \x9b2J"))
    assert "\x1b" not in captured.get()
    assert "\x9b" not in captured.get()
    assert "HIDDEN" in captured.get()


def test_subprocess_exit_codes_and_no_traceback(tmp_path: Path) -> None:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    script = "from accords.cli.main import main; main()"
    for args, expected in [
        (["validate", "/nonexistent"], 2),
        (["simulate", "--seed", "-1"], 2),
        (["monitor", "add", str(tmp_path / "none.jsonl"), "--db", "not a url://x"], 2),
    ]:
        done = subprocess.run(
            [sys.executable, "-c", script, *args],
            capture_output=True,
            text=True,
            env=env,
            timeout=120,
        )
        assert done.returncode == expected, (args, done.stderr)
        assert "Traceback" not in done.stderr, done.stderr


def test_every_console_is_a_safe_console() -> None:
    """Renderers print through accords' consoles; a bare rich Console would print ESC raw."""
    src = Path(__file__).resolve().parents[2] / "src" / "accords"
    offenders = [
        str(path.relative_to(src))
        for path in src.rglob("*.py")
        if path.name != "safe.py"
        and any(
            "Console(" in line and "SafeConsole(" not in line
            for line in path.read_text(encoding="utf-8").splitlines()
        )
    ]
    assert offenders == [], f"use accords.report.terminal.safe.SafeConsole in {offenders}"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (
            b"a0: &a0 [1,1,1,1,1,1,1,1,1]\n"
            + b"".join(
                f"a{i}: &a{i} [{','.join([f'*a{i - 1}'] * 9)}]\n".encode() for i in range(1, 10)
            ),
            "too many aliases",
        ),
        (b"us:\n  crimea:\n    x: " + b"9" * 5001 + b"\n", "characters is too long"),
        (b"us:\n  crimea:\n    x: .nan\n", "every value must be a number"),
        (b"us:\n  crimea:\n    x: 1e400\n", "every value must be a number"),
        (b"us:\n  crimea:\n    caf\xe9: 1\n", "not UTF-8 text"),
    ],
    ids=["alias-bomb", "5001-digits", "nan", "overflow", "latin-1"],
)
def test_bargain_values_file_hostile(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "values.yaml"
    path.write_bytes(content)
    code, _, err = invoke("bargain", "--values", str(path))
    assert code == 2
    assert message in err.replace("\n", " ")
