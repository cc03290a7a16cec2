"""`python -m tui.demo.screenshots [FOLDER]`: write the docs' screenshots (SVG, and PNG where
`rsvg-convert` is installed) from the bundled demo with a fixed clock."""

from __future__ import annotations

import asyncio
import shutil
import subprocess
import sys
from pathlib import Path

from tui.demo.shots import SHOTS, render_all

DEFAULT_FOLDER = Path(__file__).resolve().parents[2] / "screenshots"


def write_screenshots(folder: Path, *, png: bool = True) -> list[Path]:
    """Render every shot into `folder`; returns the files written."""
    folder.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    for name, svg in asyncio.run(render_all(SHOTS)).items():
        path = folder / f"{name}.svg"
        path.write_text(svg, encoding="utf-8")
        written.append(path)
        converter = shutil.which("rsvg-convert")
        if png and converter:
            target = path.with_suffix(".png")
            done = subprocess.run([converter, str(path), "-o", str(target)], check=False)
            if done.returncode == 0:
                written.append(target)
    return written


def main(argv: list[str]) -> int:
    folder = Path(argv[1]) if len(argv) > 1 else DEFAULT_FOLDER
    for path in write_screenshots(folder):
        print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
