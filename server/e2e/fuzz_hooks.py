"""Schemathesis hooks for server/e2e/fuzz.test.ts (loaded through SCHEMATHESIS_HOOKS=fuzz_hooks).

The fuzzer may send anything the OpenAPI document allows, except one thing: an ingestion from the
Yahoo provider would make the sidecar call the internet. Such requests are sent with the offline
sample provider instead, so every byte of the run stays on this machine.
"""

import schemathesis


def _offline(value):
    if isinstance(value, dict) and value.get("provider") == "yahoo":
        value["provider"] = "sample"


@schemathesis.hook
def before_call(context, case, kwargs):
    body = case.body
    if isinstance(body, dict):
        _offline(body)  # POST /data/ingest
        _offline(body.get("params"))  # POST /schedules, PUT /schedules/{id}: an ingest schedule's params


_client = 0


@schemathesis.hook("before_call")
def as_many_clients(context, case, kwargs):
    """The sidecar trusts X-Forwarded-For from loopback (JupyterLab's proxy) and limits mutating
    requests per client (600 a minute, tested in security.test.ts). Each request here comes from a
    client of its own, so the limit never answers in place of the route under test."""
    global _client
    _client += 1
    case.headers = {**(case.headers or {}), "X-Forwarded-For": f"198.18.{_client // 256 % 256}.{_client % 256}"}
