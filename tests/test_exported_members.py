"""The public API is what ``accords.__all__`` says, and nothing in it is missing."""

from __future__ import annotations

import accords


def test_all_members_exist_and_are_sorted() -> None:
    exported = [name for name in accords.__all__ if name != "__version__"]
    assert exported == sorted(exported, key=str)
    for name in accords.__all__:
        assert hasattr(accords, name), name


def test_public_classes_and_functions_are_exported() -> None:
    public = {
        name
        for name, value in vars(accords).items()
        if not name.startswith("_") and (callable(value) or isinstance(value, type))
    }
    assert public <= set(accords.__all__)
