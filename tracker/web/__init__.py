"""The web app: server-rendered pages, a JSON API and the feeds, over one store.

`create_app(store, base_url)` builds the Starlette app; `serve(app, host, port)` runs it
with uvicorn. Every answer carries a strong ETag and the store's last ingest time as
Last-Modified, and is kept in memory until the next ingest.
"""

from __future__ import annotations

from tracker.web.app import create_app
from tracker.web.serve import serve, server_config

__all__ = ["create_app", "serve", "server_config"]
