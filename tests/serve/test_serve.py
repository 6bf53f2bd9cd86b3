"""`shenpi serve` as a process: endpoints over HTTP, parity with `shenpi eval
--json`, the body limit with a real large body, reload by SIGHUP and by
POST (good and broken), graceful shutdown on SIGTERM with a request in
flight, and the access log. Standard library only (http.client, urllib).

Run by CTest (serve.process) with SHENPI_CLI set to the built binary."""
import http.client
import json
import os
import pathlib
import shutil
import signal
import subprocess
import threading
import time

import pytest
import yaml

ROOT = pathlib.Path(__file__).resolve().parents[2]
CLI = os.environ.get("SHENPI_CLI", str(ROOT / "build/bin/shenpi"))
EXAMPLES = sorted((ROOT / "examples/applications").glob("*.yaml"))


class Service:
    """A `shenpi serve` child on a free 127.0.0.1 port, logging to a file."""

    def __init__(self, tmp_path, rules, *extra):
        self.log_path = tmp_path / "serve.log"
        # stderr to a file, not a pipe nobody reads while the server runs.
        self.stderr_path = tmp_path / "serve.stderr"
        with open(self.stderr_path, "wb") as stderr:
            self.proc = subprocess.Popen(
                [CLI, "serve", *rules, "--port", "0", "--log", str(self.log_path), *extra],
                stdout=subprocess.DEVNULL, stderr=stderr, cwd=ROOT)
        self.port = None
        deadline = time.monotonic() + 30
        while self.port is None and time.monotonic() < deadline:
            for event in self.events():
                if event.get("event") == "listen" and "port" in event:
                    self.port = event["port"]
            if self.proc.poll() is not None:
                raise AssertionError(self.stderr_path.read_text(encoding="utf-8", errors="replace"))
            time.sleep(0.05)
        assert self.port, "the service did not start listening"

    def events(self):
        if not self.log_path.exists():
            return []
        return [json.loads(line) for line in self.log_path.read_text(encoding="utf-8").splitlines() if line]

    def request(self, method, target, body=None, headers=None):
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        conn.request(method, target, body=body, headers=headers or {})
        resp = conn.getresponse()
        data = resp.read()
        conn.close()
        return resp.status, resp.getheader("Content-Type"), data

    def stop(self):
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
        return self.proc.wait(timeout=30)


@pytest.fixture()
def service(tmp_path):
    s = Service(tmp_path, ["rules/tianjin", "rules/tianshui"])
    yield s
    assert s.stop() == 0


def app_json(path):
    return json.dumps(yaml.safe_load(path.read_text(encoding="utf-8")), default=str, ensure_ascii=False)


def test_every_example_decides_as_the_cli(service):
    assert EXAMPLES
    for path in EXAMPLES:
        rules = "rules/tianshui" if "tianshui" in path.name else "rules/tianjin"
        cli = subprocess.run([CLI, "eval", rules, str(path), "--json"], capture_output=True, cwd=ROOT, check=True)
        status, ctype, body = service.request("POST", "/v1/evaluate", app_json(path).encode())
        assert (status, ctype) == (200, "application/json"), path.name
        assert body == cli.stdout, path.name


def test_batch_in_order_with_a_bad_one(service):
    apps = [json.loads(app_json(p)) for p in EXAMPLES if "tianshui" not in p.name]
    bad = {"application": {"item": "TJ-NOPE", "submitted_on": "2025-09-26"}}
    body = "\n".join(json.dumps(a, ensure_ascii=False) for a in [*apps, bad, apps[0]])
    status, ctype, data = service.request("POST", "/v1/evaluate-batch", body.encode())
    assert (status, ctype) == (200, "application/x-ndjson")
    rows = [json.loads(line) for line in data.decode().splitlines()]
    assert len(rows) == len(apps) + 2
    assert [r["item"]["code"] for r in rows[: len(apps)]] == [a["application"]["item"] for a in apps]
    assert rows[len(apps)]["diagnostics"][0]["code"] == "SP602"
    assert rows[-1] == rows[0]


def test_read_endpoints_and_errors(service):
    status, _, data = service.request("GET", "/v1/items")
    codes = [i["code"] for i in json.loads(data)["items"]]
    assert status == 200 and "TJ-SCJG-XK-0012" in codes
    assert service.request("GET", "/v1/items/TJ-SCJG-XK-0012")[0] == 200
    status, ctype, guide = service.request("GET", "/v1/items/TJ-SCJG-XK-0012/guide")
    assert ctype.startswith("text/plain") and "办事指南" in guide.decode()
    cli_guide = subprocess.run([CLI, "guide", "rules/tianjin", "TJ-SCJG-XK-0012"], capture_output=True, cwd=ROOT)
    assert guide == cli_guide.stdout
    assert json.loads(service.request("GET", "/v1/items/TJ-SCJG-XK-0012/guide",
                                      headers={"Accept": "application/json"})[2])["guide"] == guide.decode()
    assert service.request("GET", "/v1/bundles/TJ-YJS-QYKB/plan?start=2025-09-26")[0] == 200
    assert json.loads(service.request("GET", "/v1/calendar/add?date=2025-09-26&n=5")[2])["result"] == "2025-10-10"
    assert json.loads(service.request("GET", "/healthz")[2])["status"] == "ok"
    status, ctype, metrics = service.request("GET", "/metrics")
    assert ctype.startswith("text/plain; version=0.0.4") and b"shenpi_rulebook_info" in metrics
    for method, target, expected, code in [
        ("GET", "/v1/items/TJ-NOPE", 404, "SP903"),
        ("GET", "/v1/bundles/TJ-NOPE/plan", 404, "SP903"),
        ("GET", "/v1/nothing", 404, "SP903"),
        ("DELETE", "/v1/items", 405, "SP904"),
        ("GET", "/v1/evaluate", 405, "SP904"),
        ("GET", "/v1/calendar/add?date=2025-09-26", 400, "SP902"),
        ("GET", "/v1/calendar/add?date=2025-09-31&n=1", 400, "SP109"),
        ("POST", "/v1/evaluate", 400, "SP601"),
        ("POST", "/v1/evaluate-batch", 400, "SP905"),
    ]:
        status, ctype, data = service.request(method, target, b"[1" if "batch" in target else b"{}")
        assert (status, ctype) == (expected, "application/json"), target
        assert json.loads(data)["diagnostics"][0]["code"] == code, target


def test_site_is_served_at_root(service):
    status, ctype, page = service.request("GET", "/")
    assert status == 200 and ctype.startswith("text/html")
    assert "办事指南" in page.decode()


def test_large_body_gets_413_even_while_still_sending(tmp_path):
    s = Service(tmp_path, ["rules/tianjin"], "--body-limit", "100000")
    try:
        status, _, data = s.request("POST", "/v1/evaluate-batch", b"[" + b" " * 3_000_000 + b"]")
        assert status == 413
        assert json.loads(data)["diagnostics"][0]["code"] == "SP901"
    finally:
        assert s.stop() == 0


def copy_rules(tmp_path):
    shutil.copytree(ROOT / "rules/tianjin", tmp_path / "rules/tianjin")
    shutil.copytree(ROOT / "rules/calendar", tmp_path / "rules/calendar")
    return tmp_path / "rules/tianjin"


def wait_for(predicate, seconds=20):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.05)
    return False


def test_reload_by_sighup_and_post_good_and_broken(tmp_path):
    rules = copy_rules(tmp_path)
    s = Service(tmp_path, [str(rules)])
    try:
        digest = json.loads(s.request("GET", "/healthz")[2])["digest"]
        food = rules / "items/xuke/food-license.yaml"
        original = food.read_text(encoding="utf-8")
        food.write_text(original + "\nnot_a_key: 1\n", encoding="utf-8")
        s.proc.send_signal(signal.SIGHUP)
        assert wait_for(lambda: any(e.get("event") == "reload" for e in s.events()))
        refused = [e for e in s.events() if e.get("event") == "reload"][-1]
        assert refused["accepted"] is False and "继续使用原规则库" in refused["message"]
        health = json.loads(s.request("GET", "/healthz")[2])
        assert health["digest"] == digest and health["generation"] == 1
        assert s.request("POST", "/v1/evaluate", app_json(EXAMPLES[0]).encode())[0] == 200

        status, _, data = s.request("POST", "/v1/reload")
        report = json.loads(data)
        assert status == 400 and report["accepted"] is False
        assert report["diagnostics"][0]["code"] == "SP102"

        food.write_text(original + "\n# 修订\n", encoding="utf-8")
        s.proc.send_signal(signal.SIGHUP)
        assert wait_for(lambda: json.loads(s.request("GET", "/healthz")[2])["generation"] == 2)
        assert json.loads(s.request("GET", "/healthz")[2])["digest"] != digest
        status, _, data = s.request("POST", "/v1/reload")
        assert status == 200 and json.loads(data)["accepted"] is True
    finally:
        assert s.stop() == 0


def test_sigterm_lets_the_request_in_flight_finish(tmp_path):
    s = Service(tmp_path, ["rules/tianjin"])
    line = json.dumps(json.loads(app_json(ROOT / "examples/applications/food-supplement.yaml")), ensure_ascii=False)
    body = ("\n".join([line] * 4000)).encode()
    result = {}

    def slow_batch():
        result["reply"] = s.request("POST", "/v1/evaluate-batch", body)

    worker = threading.Thread(target=slow_batch)
    worker.start()
    assert wait_for(lambda: False, 0.3) is False  # let the batch start
    s.proc.send_signal(signal.SIGTERM)
    worker.join(timeout=60)
    status, _, data = result["reply"]
    assert status == 200 and len(data.decode().splitlines()) == 4000
    assert s.proc.wait(timeout=30) == 0
    events = [e["event"] for e in s.events()]
    assert "signal" in events and events[-1] == "stop"
    with pytest.raises(OSError):
        s.request("GET", "/healthz")


def test_access_log_has_one_json_line_per_request(service):
    service.request("GET", "/healthz")
    service.request("GET", "/v1/items/TJ-NOPE")
    # A line is written once the answer is sent, so the client may read the
    # answer a moment before the line is there, and two workers may write
    # their lines in either order.
    def logged():
        return {(e["target"], e["status"]): e for e in service.events() if e.get("event") == "request"}
    assert wait_for(lambda: {("/healthz", 200), ("/v1/items/TJ-NOPE", 404)} <= set(logged()))
    line = logged()[("/v1/items/TJ-NOPE", 404)]
    assert line["route"] == "item" and line["method"] == "GET"
    assert {"time", "remote", "bytes_in", "bytes_out", "duration_ms"} <= set(line)


def test_cli_errors(tmp_path):
    usage = subprocess.run([CLI, "serve", "rules/tianjin", "--port", "http"], capture_output=True, cwd=ROOT)
    assert usage.returncode == 2 and b"--port" in usage.stderr
    assert subprocess.run([CLI, "serve"], capture_output=True, cwd=ROOT).returncode == 2
    broken = copy_rules(tmp_path)
    (broken / "items/xuke/food-license.yaml").write_text("item: [", encoding="utf-8")
    failed = subprocess.run([CLI, "serve", str(broken), "--port", "0", "--log", str(tmp_path / "l")],
                            capture_output=True, cwd=ROOT, timeout=60)
    assert failed.returncode == 1 and b"error[SP101]" in failed.stderr
