"""Where the data folder and the config file are: command line, then environment, then the
platform's user folders (platformdirs)."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from platformdirs import user_config_path, user_data_path

APP_NAME = "dailypapers"
DATA_DIR_ENV = "DAILYPAPERS_DATA_DIR"
CONFIG_ENV = "DAILYPAPERS_CONFIG"


@dataclass(frozen=True)
class Locations:
    """The data folder (marks, cache, feed state) and the config file."""

    data_dir: Path
    config_file: Path

    @property
    def marks_dir(self) -> Path:
        return self.data_dir / "marks"

    @property
    def cache_dir(self) -> Path:
        return self.data_dir / "cache"

    @property
    def feed_state_file(self) -> Path:
        return self.data_dir / "feeds.json"


def resolve_locations(
    data_dir: Path | None = None,
    config_file: Path | None = None,
    env: Mapping[str, str] | None = None,
) -> Locations:
    """The folders to use: an explicit path wins, then the environment, then the defaults."""
    environ = os.environ if env is None else env
    data = data_dir or _from_env(environ, DATA_DIR_ENV) or user_data_path(APP_NAME)
    config = (
        config_file or _from_env(environ, CONFIG_ENV) or user_config_path(APP_NAME) / "config.toml"
    )
    return Locations(data_dir=Path(data).expanduser(), config_file=Path(config).expanduser())


def _from_env(env: Mapping[str, str], name: str) -> Path | None:
    value = env.get(name, "").strip()
    return Path(value) if value else None
