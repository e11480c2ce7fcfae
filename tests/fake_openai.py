"""A loopback server that speaks enough of the OpenAI chat API to inject faults, one scripted answer a request."""

from __future__ import annotations

import http.server
import json
import re
import threading
import time
from collections.abc import Callable
from typing import Any

Behaviour = tuple[Any, ...]


def perfect_answer(body: dict[str, Any], verdict: str = "yes") -> str:
    """A model that states every numbered sentence as a fact, word for word; asked whether two quotes report
    one fact, it gives one answer to every pair (by default "yes": a careless judge, which only the guards can
    stop); asked for a claim's line, it copies the first quote it is given."""
    schema = json.dumps(body.get("response_format", {}))
    if "same_fact" in schema:
        return json.dumps({"same_fact": verdict})
    if is_line_request(body):  # asked for a claim's line: its first quote, as a model that copies would write it
        first = re.search(r'^1\. "(.+)"$', body["messages"][-1]["content"], re.MULTILINE)
        return json.dumps({"line": first.group(1) if first else ""})
    numbered = re.compile(r"^\[S\d+\] ", re.MULTILINE)
    user = next(m["content"] for m in body["messages"] if m["role"] == "user" and numbered.search(m["content"]))
    facts = [
        {"statement": text, "kind": "event", "evidence": [sid]}
        for sid, text in re.findall(r"^\[(S\d+)\] (.+)$", user, re.MULTILINE)
    ]
    return json.dumps({"facts": facts})


def is_line_request(body: dict[str, Any]) -> bool:
    """A request for a claim's written line (model/lines.py), not for facts or a same-fact verdict."""
    return '"line"' in json.dumps(body.get("response_format", {}))


class _Server(http.server.ThreadingHTTPServer):
    # socketserver's listen backlog is 5: twenty clients connecting at once overflow it, the kernel drops
    # their SYNs and they retry a second later, which showed up as a 2 s wall time at concurrency 20.
    request_queue_size = 128


class FakeOpenAI:
    """Answers POST /v1/chat/completions with the next behaviour of its script, then with perfect answers.

    Behaviours: ("ok",), ("content", text), ("status", code, headers), ("reset",), ("hang", seconds),
    ("length",), or a callable taking the request body and returning one of these.
    """

    def __init__(
        self, script: list[Behaviour | Callable[[dict[str, Any]], Behaviour]] | None = None, verdict: str = "yes"
    ) -> None:
        self.script = list(script or [])
        self.verdict = verdict
        self.bodies: list[dict[str, Any]] = []
        self.lock = threading.Lock()
        self.in_flight = 0
        self.max_in_flight = 0
        owner = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = json.loads(self.rfile.read(int(self.headers["content-length"])))
                with owner.lock:
                    owner.bodies.append(body)
                    step = owner.script.pop(0) if owner.script else ("ok",)
                    owner.in_flight += 1
                    owner.max_in_flight = max(owner.max_in_flight, owner.in_flight)
                behaviour = step(body) if callable(step) else step
                try:
                    owner.respond(self, body, behaviour)
                finally:
                    with owner.lock:
                        owner.in_flight -= 1

            def log_message(self, *args: Any) -> None:
                pass

        self.server = _Server(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}/v1"

    def __enter__(self) -> FakeOpenAI:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()

    def respond(self, handler: http.server.BaseHTTPRequestHandler, body: dict[str, Any], behaviour: Behaviour) -> None:
        kind = behaviour[0]
        if kind == "reset":
            handler.close_connection = True
            handler.connection.close()
            return
        if kind == "hang":
            time.sleep(behaviour[1])
            behaviour = ("ok",)
            kind = "ok"
        if kind == "status":
            payload = json.dumps({"error": {"message": f"injected {behaviour[1]}", "type": "fault"}}).encode()
            handler.send_response(behaviour[1])
            for name, value in (behaviour[2] if len(behaviour) > 2 else {}).items():
                handler.send_header(name, value)
            handler.send_header("content-type", "application/json")
            handler.send_header("content-length", str(len(payload)))
            handler.end_headers()
            handler.wfile.write(payload)
            return
        content = behaviour[1] if kind == "content" else perfect_answer(body, self.verdict)
        finish = "length" if kind == "length" else "stop"
        completion = {
            "id": "fake", "object": "chat.completion", "created": 0, "model": body["model"],
            "choices": [{"index": 0, "message": {"role": "assistant", "content": content}, "finish_reason": finish}],
            "usage": {"prompt_tokens": 100, "completion_tokens": 50, "total_tokens": 150},
            # as llama-server reports where its time went, beside the OpenAI fields
            "timings": {"prompt_n": 100, "prompt_ms": 500.0, "predicted_n": 50, "predicted_ms": 2500.0},
        }  # fmt: skip
        payload = json.dumps(completion).encode()
        try:
            handler.send_response(200)
            handler.send_header("content-type", "application/json")
            handler.send_header("content-length", str(len(payload)))
            handler.end_headers()
            handler.wfile.write(payload)
        except OSError:
            pass  # the client gave up (a timeout test)
