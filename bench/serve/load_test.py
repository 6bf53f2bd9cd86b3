#!/usr/bin/env python3
"""Load test of `shenpi serve` over loopback with wrk (Debian's), bounded in
time: every run lasts --seconds, the whole test about 5 × --seconds.

  bench/serve/load_test.py --shenpi build-release/bin/shenpi [--seconds 10]

Scenarios (docs/serve.md, "Load test"):
  single  keep-alive POST /v1/evaluate, one decision a request
  batch   POST /v1/evaluate-batch, --batch applications a request
  c1000   single requests over 1,000 concurrent connections; the server's
          resident memory (VmRSS) is sampled while they are open
  fault   single requests while the rules are broken and reloaded (refused),
          then mended and reloaded (accepted): no request may fail, and
          the server must have answered every request wrk counted
Prints one JSON object per scenario, then a summary."""
import argparse
import json
import os
import pathlib
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request

import yaml

HERE = pathlib.Path(__file__).resolve().parent
ROOT = HERE.parents[1]


class Server:
    def __init__(self, shenpi, rules, log, threads=()):
        self.log = log
        # stderr to a file: a pipe nobody reads during the run could fill and stall the server.
        self.stderr_path = log.with_suffix(".stderr")
        with open(self.stderr_path, "wb") as stderr:
            self.proc = subprocess.Popen([shenpi, "serve", *rules, "--port", "0", "--log", str(log), "--no-site",
                                          *threads], cwd=ROOT, stdout=subprocess.DEVNULL, stderr=stderr)
        self.port = None
        for _ in range(600):
            if log.exists():
                for line in log.read_text(encoding="utf-8").splitlines():
                    event = json.loads(line)
                    if event.get("event") == "listen":
                        self.port = event["port"]
            if self.port or self.proc.poll() is not None:
                break
            time.sleep(0.05)
        if not self.port:
            sys.exit("shenpi serve did not start: " + self.stderr_path.read_text(errors="replace"))
        self.url = f"http://127.0.0.1:{self.port}"

    def cpu_seconds(self):
        """User + system CPU time the server used so far."""
        fields = pathlib.Path(f"/proc/{self.proc.pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def rss_kib(self):
        for line in pathlib.Path(f"/proc/{self.proc.pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
        return 0

    def post(self, path):
        try:
            with urllib.request.urlopen(urllib.request.Request(self.url + path, data=b"", method="POST")) as r:
                return r.status, json.loads(r.read())
        except urllib.error.HTTPError as e:
            return e.code, json.loads(e.read())

    def evaluate_count(self):
        """Requests the server answered on /v1/evaluate, by status."""
        text = urllib.request.urlopen(self.url + "/metrics").read().decode()
        counts = {}
        for line in text.splitlines():
            if line.startswith('shenpi_http_requests_total{route="evaluate",'):
                status = line.split('status="')[1].split('"')[0]
                counts[status] = int(line.rsplit(" ", 1)[1])
        return counts

    def settled_count(self):
        """The evaluate counts once requests left over from an earlier run
        (wrk stops counting at its deadline, the server goes on answering)
        are all answered."""
        last = self.evaluate_count()
        for _ in range(100):
            time.sleep(0.5)
            now = self.evaluate_count()
            if now == last:
                return now
            last = now
        return last

    def stop(self):
        self.proc.send_signal(signal.SIGTERM)
        self.proc.wait(timeout=60)


def wrk(server, script, seconds, connections, threads, env):
    """One wrk run; besides wrk's own figures, the CPU seconds the server and
    wrk each used (they share the machine's cores)."""
    cmd = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--timeout", "10s", "-s", str(HERE / script),
           server.url]
    server_cpu = server.cpu_seconds()
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    out = subprocess.run(cmd, capture_output=True, text=True, env={**os.environ, **env}, timeout=seconds + 60)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    summary = json.loads(out.stdout.strip().splitlines()[-1])
    summary["per_second"] = summary["requests"] / (summary["duration_us"] / 1e6)
    summary["server_cpu_s"] = round(server.cpu_seconds() - server_cpu, 2)
    summary["wrk_cpu_s"] = round(after.ru_utime + after.ru_stime - children.ru_utime - children.ru_stime, 2)
    return summary


def fault(server, rules_dir, args, env):
    """Break the rules and reload mid-load, then mend and reload again."""
    food = rules_dir / "items/xuke/food-license.yaml"
    original = food.read_text(encoding="utf-8")
    before = server.settled_count()
    reloads = []

    def meddle():
        time.sleep(args.seconds / 3)
        food.write_text(original + "\nnot_a_key: 1\n", encoding="utf-8")
        reloads.append(server.post("/v1/reload"))
        time.sleep(args.seconds / 3)
        food.write_text(original + "\n# 修订\n", encoding="utf-8")
        reloads.append(server.post("/v1/reload"))

    t = threading.Thread(target=meddle)
    t.start()
    result = wrk(server, "evaluate.lua", args.seconds, args.connections, 1, env)
    t.join()
    after = server.evaluate_count()
    answered = {k: after.get(k, 0) - before.get(k, 0) for k in after}
    result["reload_broken"] = {"status": reloads[0][0], "accepted": reloads[0][1]["accepted"]}
    result["reload_mended"] = {"status": reloads[1][0], "accepted": reloads[1][1]["accepted"]}
    result["server_answered"] = answered
    # wrk stops counting at the deadline; requests still in flight then were
    # answered by the server but not counted: at most one per connection.
    total = sum(answered.values())
    result["ok"] = (result["errors"] == 0 and set(answered) <= {"200"} and
                    0 <= total - result["requests"] <= args.connections and
                    reloads[0][1]["accepted"] is False and reloads[1][1]["accepted"] is True)
    return result


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--shenpi", default=str(ROOT / "build/bin/shenpi"))
    p.add_argument("--seconds", type=int, default=10)
    p.add_argument("--connections", type=int, default=16)
    p.add_argument("--batch", type=int, default=100)
    p.add_argument("--threads", type=int, default=0, help="server worker threads (0: its default, one per core)")
    p.add_argument("--wrk-threads", type=int, default=1, help="wrk threads for the single-request run")
    p.add_argument("--app", default=str(ROOT / "examples/applications/food-tolerated.yaml"))
    args = p.parse_args()
    if not shutil.which("wrk"):
        sys.exit("wrk is not installed (Debian package wrk)")
    with tempfile.TemporaryDirectory() as tmp:
        tmp = pathlib.Path(tmp)
        app = tmp / "app.json"
        app.write_text(json.dumps(yaml.safe_load(open(args.app, encoding="utf-8")), default=str, ensure_ascii=False),
                       encoding="utf-8")
        env = {"SHENPI_APP": str(app), "SHENPI_BATCH_SIZE": str(args.batch)}
        shutil.copytree(ROOT / "rules/tianjin", tmp / "rules/tianjin")
        shutil.copytree(ROOT / "rules/calendar", tmp / "rules/calendar")
        threads = ("--threads", str(args.threads)) if args.threads else ()
        server = Server(args.shenpi, [str(tmp / "rules/tianjin")], tmp / "serve.log", threads)
        results = {"cores": os.cpu_count(), "load_average_at_start": os.getloadavg()[0], "rss_idle_kib": server.rss_kib()}
        try:
            results["single"] = single = wrk(server, "evaluate.lua", args.seconds, args.connections, args.wrk_threads, env)
            single["server_cpu_us_per_decision"] = round(single["server_cpu_s"] * 1e6 / single["requests"], 2)
            print(json.dumps({"single": results["single"]}), flush=True)
            batch = wrk(server, "batch.lua", args.seconds, 4, 1, env)
            batch["decisions_per_second"] = batch["per_second"] * args.batch
            batch["server_cpu_us_per_decision"] = round(batch["server_cpu_s"] * 1e6 / (batch["requests"] * args.batch), 2)
            results["batch"] = batch
            print(json.dumps({"batch": batch}), flush=True)
            peak = [0]
            sampling = threading.Event()

            def sample():
                while not sampling.is_set():
                    peak[0] = max(peak[0], server.rss_kib())
                    time.sleep(0.1)

            sampler = threading.Thread(target=sample)
            sampler.start()
            results["c1000"] = wrk(server, "evaluate.lua", args.seconds, 1000, 2, env)
            sampling.set()
            sampler.join()
            results["c1000"]["rss_peak_kib"] = peak[0]
            print(json.dumps({"c1000": results["c1000"]}), flush=True)
            results["fault"] = fault(server, tmp / "rules/tianjin", args, env)
            print(json.dumps({"fault": results["fault"]}), flush=True)
        finally:
            server.stop()
    single, batch = results["single"], results["batch"]
    print(f"single: {single['per_second']:.0f} decisions/s, p99 {single['p99_us'] / 1000:.2f} ms, "
          f"server CPU {single['server_cpu_us_per_decision']} µs a decision "
          f"(server {single['server_cpu_s']} s, wrk {single['wrk_cpu_s']} s CPU)")
    print(f"batch:  {batch['decisions_per_second']:.0f} decisions/s ({args.batch} a request), "
          f"p99 {batch['p99_us'] / 1000:.2f} ms a request, server CPU {batch['server_cpu_us_per_decision']} µs a decision "
          f"(server {batch['server_cpu_s']} s, wrk {batch['wrk_cpu_s']} s CPU)")
    print(f"c1000:  {results['c1000']['per_second']:.0f} decisions/s, p99 {results['c1000']['p99_us'] / 1000:.2f} ms, "
          f"RSS {results['rss_idle_kib'] / 1024:.1f} MiB idle, {results['c1000']['rss_peak_kib'] / 1024:.1f} MiB peak")
    print(f"fault:  {'ok' if results['fault']['ok'] else 'FAILED'}: {results['fault']['requests']} requests, "
          f"{results['fault']['errors']} errors, server answered {results['fault']['server_answered']}")
    return 0 if results["fault"]["ok"] else 1


if __name__ == "__main__":
    sys.exit(main())
