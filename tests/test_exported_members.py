"""The public API is what each ``__all__`` says: nothing missing, nothing unlisted.

``accords`` loads its names lazily, so the checks import every name through the package as a
user would, and compare each topic package's ``__all__`` with what it actually defines.
"""

from __future__ import annotations

import importlib
import inspect
import subprocess
import sys

import pytest

import accords
import accords.exceptions

TOPIC_PACKAGES = [
    "accords.analysis",
    "accords.bargaining",
    "accords.corpus",
    "accords.exceptions",
    "accords.forecasting",
    "accords.model",
    "accords.monitor",
    "accords.readwrite",
    "accords.report",
]


def test_all_members_exist_and_are_sorted() -> None:
    exported = [name for name in accords.__all__ if name != "__version__"]
    assert exported == sorted(exported, key=str)
    for name in accords.__all__:
        assert getattr(accords, name) is not None, name


def test_every_exception_is_exported_at_top_level() -> None:
    missing = set(accords.exceptions.__all__) - set(accords.__all__)
    assert not missing


def test_dir_lists_the_public_names() -> None:
    assert set(accords.__all__) <= set(dir(accords))


def test_unknown_attribute_raises_attribute_error() -> None:
    with pytest.raises(AttributeError, match="no attribute 'nonexistent'"):
        _ = accords.nonexistent  # type: ignore[attr-defined]


def test_import_accords_loads_no_topic() -> None:
    """``import accords`` stays cheap: the topics load on first use of one of their names."""
    code = (
        "import sys, accords; "
        "print(sorted(m for m in ('numpy', 'accords.analysis', 'accords.bargaining', "
        "'accords.monitor', 'pydantic') if m in sys.modules))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip() == "[]"


def _defined_public_names(module_name: str) -> set[str]:
    module = importlib.import_module(module_name)
    names = set()
    for name, value in vars(module).items():
        if name.startswith("_") or inspect.ismodule(value):
            continue
        if callable(value) or isinstance(value, type):
            names.add(name)
    return names


@pytest.mark.parametrize("module_name", TOPIC_PACKAGES)
def test_topic_all_is_unique_and_resolvable(module_name: str) -> None:
    module = importlib.import_module(module_name)
    exported = list(module.__all__)
    assert len(exported) == len(set(exported)), f"{module_name}.__all__ repeats a name"
    for name in exported:
        assert hasattr(module, name), f"{module_name}.__all__ names missing {name!r}"


@pytest.mark.parametrize("module_name", TOPIC_PACKAGES)
def test_topic_public_callables_are_all_exported(module_name: str) -> None:
    module = importlib.import_module(module_name)
    unlisted = _defined_public_names(module_name) - set(module.__all__)
    # Type aliases and typing helpers imported for annotations are not API.
    unlisted = {
        n for n in unlisted if getattr(getattr(module, n), "__module__", "").startswith("accords")
    }
    assert not unlisted, f"{module_name} defines public names not in __all__: {sorted(unlisted)}"
