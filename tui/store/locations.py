"""Where the data folder and the config file are (command line, then environment, then the
platform's user folders), and the name of every file and folder inside the data folder: file
names are spelled here and nowhere else."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from platformdirs import user_config_path, user_data_path

from tui.store.names import APP_NAME as APP_NAME
from tui.store.names import CONFIG_ENV as CONFIG_ENV
from tui.store.names import DATA_DIR_ENV as DATA_DIR_ENV
from tui.store.names import LISTING_FILE

# Inside the paper cache folder (see store/cache.py).
CACHE_PINNED = "pinned.json"
CACHE_INDEX = "index.json"
CACHE_DAY_COUNTS = "days.json"
CACHE_TOPS = "tops"  # a folder: the top rows of each day (store/day_tops.py)


@dataclass(frozen=True, eq=False)  # never compared: no __eq__/__hash__ to generate at start
class DataFiles:
    """Every file and folder of one data folder."""

    root: Path

    @property
    def marks_dir(self) -> Path:
        return self.root / "marks"

    @property
    def cache_dir(self) -> Path:
        return self.root / "cache"

    @property
    def feed_state_file(self) -> Path:
        return self.root / "feeds.json"

    @property
    def feed_list_file(self) -> Path:
        return self.root / "feed_list.json"

    @property
    def first_screen_file(self) -> Path:
        return self.root / "first_screen.json"

    @property
    def listing_file(self) -> Path:
        """What plain `list --offline` printed last, kept (store/listing.py)."""
        return self.root / LISTING_FILE

    @property
    def cite_keys_file(self) -> Path:
        """The cite keys handed out (store/cite_keys.py)."""
        return self.root / "cite_keys.json"

    @property
    def venues_file(self) -> Path:
        return self.root / "venues.json"

    @property
    def zotero_sent_file(self) -> Path:
        return self.root / "zotero.json"

    @property
    def seen_file(self) -> Path:
        return self.root / "seen.json"

    @property
    def clipboard_overflow_file(self) -> Path:
        return self.root / "clipboard.txt"

    @property
    def hub_links_file(self) -> Path:
        """The models, datasets and Spaces Hugging Face links to papers (`H`)."""
        return self.root / "hub_links.json"

    @property
    def trending_file(self) -> Path:
        """Hugging Face's trending order of the days, weeks and months asked (`O`)."""
        return self.root / "trending.json"

    @property
    def paper_texts_dir(self) -> Path:
        """The papers read with `R`, one Markdown file each."""
        return self.root / "papers"


@dataclass(frozen=True, eq=False)  # never compared: no __eq__/__hash__ to generate at start
class Locations:
    """The data folder (marks, cache, feed state) and the config file."""

    data_dir: Path
    config_file: Path

    @property
    def files(self) -> DataFiles:
        return DataFiles(self.data_dir)


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
