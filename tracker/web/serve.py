"""Running the app: uvicorn in this process, one worker (never a scheduler in here)."""

from __future__ import annotations

import gc
import importlib.util
from typing import Any

from starlette.types import ASGIApp


def server_config(app: ASGIApp, host: str = "127.0.0.1", port: int = 8000) -> Any:
    """The uvicorn configuration `serve` uses: one worker, httptools and uvloop when there."""
    import uvicorn

    def available(module: str) -> bool:
        return importlib.util.find_spec(module) is not None

    return uvicorn.Config(
        app,
        host=host,
        port=port,
        workers=1,
        log_level="warning",
        log_config=None,  # its log lines go through the handlers `tracker` set up (timestamps)
        access_log=False,
        http="httptools" if available("httptools") else "h11",
        loop="uvloop" if available("uvloop") else "asyncio",
        server_header=False,
        # Nothing reads the client's address or scheme (links come from the base URL),
        # so the proxy-header layer would only cost time on every request.
        proxy_headers=False,
        lifespan="off",
    )


def serve(app: ASGIApp, host: str = "127.0.0.1", port: int = 8000) -> None:
    """Serve `app` on host:port with uvicorn until interrupted."""
    import uvicorn

    server = uvicorn.Server(server_config(app, host, port))
    # What is loaded by now lives as long as the server: keep it out of the collector's scans.
    gc.freeze()
    server.run()
