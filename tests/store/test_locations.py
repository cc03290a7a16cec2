"""Where data and config live: explicit paths, then environment, then platform folders."""

from __future__ import annotations

from pathlib import Path

from platformdirs import user_config_path, user_data_path

from tui.store.locations import resolve_locations


def test_explicit_paths_win_over_the_environment(tmp_path: Path) -> None:
    env = {"DAILYPAPERS_DATA_DIR": "/env/data", "DAILYPAPERS_CONFIG": "/env/c.toml"}
    where = resolve_locations(tmp_path / "d", tmp_path / "c.toml", env=env)
    assert where.data_dir == tmp_path / "d"
    assert where.config_file == tmp_path / "c.toml"


def test_environment_wins_over_the_defaults() -> None:
    env = {"DAILYPAPERS_DATA_DIR": "/env/data", "DAILYPAPERS_CONFIG": "~/c.toml"}
    where = resolve_locations(env=env)
    assert where.data_dir == Path("/env/data")
    assert where.config_file == Path("~/c.toml").expanduser()


def test_defaults_are_the_platform_user_folders() -> None:
    where = resolve_locations(env={"DAILYPAPERS_DATA_DIR": "  "})
    assert where.data_dir == user_data_path("dailypapers")
    assert where.config_file == user_config_path("dailypapers") / "config.toml"
    assert where.files.marks_dir == where.data_dir / "marks"
    assert where.files.cache_dir == where.data_dir / "cache"
