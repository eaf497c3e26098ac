"""The version of accords, in one place (read by the package, the CLI and every record)."""

__all__ = ["__version__"]

__version__ = "0.2.0"
