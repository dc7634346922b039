"""`frontwatch serve`: the API and the web map over HTTP (uvicorn)."""
from __future__ import annotations

import argparse
import os

from frontwatch.errors import FrontwatchError, SetupError


def register(subparsers) -> None:
    parser = subparsers.add_parser("serve", help="serve the API and the web map (http://127.0.0.1:8000)",
                                   description="Serve the ledger API (OpenAPI at /docs) and the web map.")
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    parser.add_argument("--port", type=_port, default=8000, help="port (default 8000)")
    parser.add_argument("--db", help="ledger: SQLAlchemy URL or SQLite file (default FRONTWATCH_DB or var/frontwatch.sqlite)")
    parser.add_argument("--workers", type=int, default=1, help="uvicorn worker processes (default 1)")
    parser.add_argument("--no-cache", action="store_true",
                        help="answer every request from the database (measures the cold path)")
    parser.set_defaults(func=serve)


def _port(value: str) -> int:
    try:
        port = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a port number") from None
    if not 1 <= port <= 65535:
        raise argparse.ArgumentTypeError(f"{port} is outside 1..65535")
    return port


def serve(args: argparse.Namespace) -> int:
    import uvicorn  # imported here: `frontwatch --help` need not load the web stack

    from frontwatch.api.app import NODE_MODULES, create_app, missing_vendor_packages

    missing = missing_vendor_packages()
    if missing:
        raise SetupError(f"{NODE_MODULES}: missing npm packages {', '.join(missing)} for the map: run `make` (npm ci)")
    if args.workers < 1:
        raise FrontwatchError(f"--workers {args.workers}: give at least 1")
    app = create_app(args.db, cache=not args.no_cache)  # opens and migrates the ledger now, so a bad --db fails before listening
    print(f"frontwatch: serving the map on http://{args.host}:{args.port}/ (API docs at /docs)", flush=True)
    if args.workers == 1:
        uvicorn.run(app, host=args.host, port=args.port, log_level="warning")
    else:
        # Worker processes build their own app from the environment, so the choices must travel there.
        if args.db:
            os.environ["FRONTWATCH_DB"] = args.db
        os.environ["FRONTWATCH_API_CACHE"] = "0" if args.no_cache else "1"
        uvicorn.run("frontwatch.api.app:app_from_environment", factory=True, host=args.host, port=args.port,
                    workers=args.workers, log_level="warning")
    return 0
