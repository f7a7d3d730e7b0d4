"""``python -m graft`` and the ``graft`` command (``graft.cli.main`` does the work).

The cyclic garbage collector is switched off before the command line is even
imported: a run is short and builds no reference cycles, and a collection
triggered while the modules load only re-scans them (it cost a small run
more than half a millisecond)."""

import gc


def main() -> None:
    gc.disable()
    from graft.cli import main as run

    run()


if __name__ == "__main__":
    main()
