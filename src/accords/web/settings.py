"""Settings of the workbench (pydantic-settings: ``ACCORDS_`` environment variables too)."""

from __future__ import annotations

from pathlib import Path

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

from accords.exceptions import InputFormatError

__all__ = ["WebSettings", "read_token"]

#: The largest request body accepted (bytes); larger ones are answered 413.
MAX_BODY_BYTES = 1_000_000


class WebSettings(BaseSettings):
    """What the workbench serves and who may write.

    Parameters
    ----------
    corpus
        Corpus directory (default: the embedded ``ukraine-2025``).
    db
        Event database URL or SQLite file (default: ``$ACCORDS_DB`` or
        ``./accords-events.sqlite``), as for ``accords monitor``.
    token_file
        A file holding the secret token that writes need; without it, writes answer 403.
    max_body_bytes
        The largest request body accepted.
    """

    model_config = SettingsConfigDict(env_prefix="ACCORDS_WEB_", frozen=True)

    corpus: Path | None = None
    db: str | None = None
    token_file: Path | None = None
    max_body_bytes: int = Field(default=MAX_BODY_BYTES, gt=0)


def read_token(path: Path | None) -> str | None:
    """The token in ``path`` (surrounding white space removed), or None without a file.

    Raises
    ------
    InputFormatError
        If the file cannot be read or holds a token shorter than 16 characters.
    """
    if path is None:
        return None
    try:
        token = path.read_text(encoding="utf-8").strip()
    except (OSError, UnicodeDecodeError) as err:
        raise InputFormatError(str(path), None, f"cannot read the token file ({err})") from None
    if len(token) < 16:
        raise InputFormatError(
            str(path),
            None,
            f"the token must be at least 16 characters (got {len(token)}); "
            "make one with: python -c 'import secrets; print(secrets.token_urlsafe(32))'",
        )
    return token
