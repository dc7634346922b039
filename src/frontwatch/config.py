"""Where frontwatch finds its inputs and keeps what it derives.

Everything derived (gazetteer, models, the default ledger) lives under one data directory so that a
fresh checkout rebuilds it and nothing derived is ever committed.
"""
from __future__ import annotations

import os
from pathlib import Path

SOURCE_ROOT = Path(__file__).resolve().parents[2]


def _from_source_tree() -> bool:
    return (SOURCE_ROOT / "pyproject.toml").exists()


def data_dir() -> Path:
    """Directory for derived files: $FRONTWATCH_HOME, else var/ in the checkout, else ~/.local/share."""
    env = os.environ.get("FRONTWATCH_HOME")
    if env:
        path = Path(env)
    elif _from_source_tree():
        path = SOURCE_ROOT / "var"
    else:
        path = Path.home() / ".local" / "share" / "frontwatch"
    path.mkdir(parents=True, exist_ok=True)
    return path


def shared_dir() -> Path:
    """The read-only third-party data folder: $FRONTWATCH_SHARED, else ../shared beside the checkout."""
    env = os.environ.get("FRONTWATCH_SHARED")
    return Path(env) if env else SOURCE_ROOT.parent / "shared"


def gazetteer_path() -> Path:
    env = os.environ.get("FRONTWATCH_GAZETTEER")
    return Path(env) if env else data_dir() / "gazetteer.sqlite"


def database_url() -> str:
    """The ledger: $FRONTWATCH_DB (an SQLAlchemy URL or a file path), else an SQLite file in data_dir()."""
    env = os.environ.get("FRONTWATCH_DB")
    if not env:
        return f"sqlite:///{data_dir() / 'frontwatch.sqlite'}"
    return env if "://" in env else f"sqlite:///{Path(env).resolve()}"
