"""The `facilitator` console script. For `serve` under gevent, the standard library is patched
before Flask, SQLAlchemy or the database drivers are imported, as gevent requires."""

from __future__ import annotations

import os
import sys

SERVE_DEFAULT_ASYNC_MODE = "gevent"


def serve_async_mode(args: list[str], environ: dict[str, str] | os._Environ[str]) -> str | None:
    """The async mode `serve` will run in, or None for every other command."""
    if not args or args[0] != "serve":
        return None
    return environ.get("FACILITATOR_ASYNC_MODE") or SERVE_DEFAULT_ASYNC_MODE


def main() -> None:
    mode = serve_async_mode(sys.argv[1:], os.environ)
    if mode == "gevent":
        from gevent import monkey

        monkey.patch_all()
    if mode is not None:
        os.environ["FACILITATOR_ASYNC_MODE"] = mode
    from facilitator.cli.main import main as cli

    cli()


if __name__ == "__main__":
    main()
