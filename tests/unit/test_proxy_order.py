"""Behind nginx (FACILITATOR_TRUSTED_PROXIES) the proxy's word about the phone (https, the
public host, its address) must reach Socket.IO's handshake too, not only the pages: the socket's
Origin check compares the two, so ProxyFix has to wrap Socket.IO's middleware, not sit inside
it. (Found behind a real nginx: every phone's socket was refused as "fra en fremmed side".)"""

from __future__ import annotations

import os
import subprocess
import sys

STACK = """
from facilitator import create_app
app = create_app({"TRUSTED_PROXIES": 1})
layer, names = app.wsgi_app, []
while layer is not None and len(names) < 5:
    names.append(type(layer).__name__)
    layer = getattr(layer, "app", None) or getattr(layer, "wsgi_app", None)
print(" ".join(names))
"""


def test_the_proxy_fix_wraps_the_socket_handshake(tmp_path) -> None:
    env = {**os.environ, "FACILITATOR_INSTANCE_PATH": str(tmp_path)}
    env.pop("FACILITATOR_DATABASE_URL", None)
    layers = subprocess.run(
        [sys.executable, "-c", STACK],
        env=env,
        check=True,
        capture_output=True,
        text=True,
        timeout=60,
    ).stdout.split()
    assert layers[0] == "ProxyFix" and layers[1] == "_SocketIOMiddleware", layers
