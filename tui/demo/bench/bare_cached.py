"""The bare app of the benchmark with the reader's code cache (`tui/code_cache.py`) installed
before Textual is imported, as the reader's launcher does: the like-for-like baseline that
shows what the reader's own code costs at start-up. `python -m tui.demo.bench.bare_cached`."""

from __future__ import annotations

from tui import code_cache


def main() -> None:
    code_cache.install()
    from tui.demo.bench.bare_app import BareApp

    class CachedBareApp(BareApp):
        """The bare app, keeping what it compiled once its line is painted."""

        def on_mount(self) -> None:
            self.call_after_refresh(code_cache.save)

    CachedBareApp().run()


if __name__ == "__main__":
    main()
