"""Reading and checking corpus directories, and the embedded default corpus."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from accords.corpus.files import AGREEMENTS_DIR
from accords.corpus.parse import check_corpus, parse_corpus
from accords.exceptions import CorpusDefect, CorpusError
from accords.model import Corpus

__all__ = ["DEFAULT_CORPUS", "default_corpus_path", "load_corpus", "read_corpus", "validate_corpus"]

#: Name of the embedded default corpus.
DEFAULT_CORPUS = "ukraine-2025"

_MAX_TEXT_BYTES = 20_000_000
_cache: dict[Path, Corpus] = {}


def default_corpus_path() -> Path:
    """The directory of the embedded ``ukraine-2025`` corpus inside the installed package."""
    return Path(str(resources.files("accords.data") / DEFAULT_CORPUS))


def read_corpus(path: str | Path) -> Corpus:
    """Read and check a corpus directory.

    Raises
    ------
    CorpusError
        With every defect, each as ``file:line: message``.
    """
    documents, texts = _read_files(Path(path))
    corpus = parse_corpus(documents, texts)
    return corpus.model_copy(update={"directory": str(Path(path))})


def validate_corpus(path: str | Path) -> list[CorpusDefect]:
    """Every defect of the corpus directory at ``path`` (empty when it is sound).

    Examples
    --------
    >>> validate_corpus(default_corpus_path())
    []
    """
    try:
        documents, texts = _read_files(Path(path))
    except CorpusError as err:
        return list(err.defects)
    return check_corpus(documents, texts)


def load_corpus(path: str | Path | None = None) -> Corpus:
    """Load a corpus: the embedded default when ``path`` is None (cached after the first read).

    Examples
    --------
    >>> corpus = load_corpus()
    >>> corpus.id
    'ukraine-2025'
    """
    if path is not None:
        return read_corpus(path)
    key = default_corpus_path()
    if key not in _cache:
        _cache[key] = read_corpus(key)
    return _cache[key]


def _read_files(root: Path) -> tuple[dict[str, str], dict[str, str]]:
    if not root.exists():
        raise CorpusError([CorpusDefect(str(root), None, "no such directory; give a corpus dir")])
    if not root.is_dir():
        raise CorpusError(
            [CorpusDefect(str(root), None, "not a directory; give a directory with corpus.yaml")]
        )
    if not (root / "corpus.yaml").is_file():
        raise CorpusError(
            [
                CorpusDefect(
                    str(root),
                    None,
                    "not a corpus: no corpus.yaml; a corpus directory holds corpus.yaml, "
                    "sources.yaml, parties.yaml, issues.yaml and agreements/*.yaml",
                )
            ]
        )
    documents: dict[str, str] = {}
    texts: dict[str, str] = {}
    defects: list[CorpusDefect] = []
    for file in sorted(root.rglob("*")):
        if not file.is_file() or any(
            part.startswith(".") for part in file.parts[len(root.parts) :]
        ):
            continue
        name = file.relative_to(root).as_posix()
        is_yaml = file.suffix in {".yaml", ".yml"}
        if is_yaml and file.suffix == ".yml":
            defects.append(CorpusDefect(name, None, "use the .yaml extension, not .yml"))
            continue
        if not is_yaml and file.stat().st_size > _MAX_TEXT_BYTES:
            continue
        try:
            content = file.read_text(encoding="utf-8")
        except UnicodeDecodeError as exc:
            if is_yaml:
                defects.append(
                    CorpusDefect(name, None, f"not UTF-8 text ({exc.reason}); save it as UTF-8")
                )
            continue
        if is_yaml and (file.parent == root or file.parent.name == AGREEMENTS_DIR):
            documents[name] = content
        elif is_yaml:
            defects.append(
                CorpusDefect(name, None, f"unexpected YAML file; only {AGREEMENTS_DIR}/ may nest")
            )
        else:
            texts[name] = content
    if defects:
        raise CorpusError(defects)
    return documents, texts
