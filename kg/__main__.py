"""``python -m kg`` and the ``kg`` console script.

The command line's own Ctrl-C handling starts once :mod:`kg.cli` is imported; a
Ctrl-C while it is still being imported (Typer, Click) is answered here the same
way: one line and exit 130, never a traceback.
"""

import sys


def main() -> None:
    try:
        from kg.cli import run

        run()
    except KeyboardInterrupt:
        sys.stderr.write("Error: interrupted\n")
        sys.exit(130)


if __name__ == "__main__":
    main()
