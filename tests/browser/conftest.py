"""Fixtures of the browser tests: the shenpi executable, a generated site,
headless Chromium (Debian's chromium and chromedriver through Selenium) and
a running `shenpi serve`. Screenshots go to $SHENPI_ARTEFACTS (the build
folder), never into the source tree."""
import os
import pathlib
import shutil
import socket
import subprocess
import tempfile
import time
import urllib.request

import pytest
from selenium import webdriver
from selenium.webdriver.chrome.service import Service

ROOT = pathlib.Path(__file__).resolve().parents[2]
START = "2025-09-26"  # a day the shipped calendars cover; plans are dated from it


def _shenpi() -> str:
    path = os.environ.get("SHENPI_CLI") or shutil.which("shenpi")
    if not path:
        pytest.fail("set SHENPI_CLI to the shenpi executable")
    return path


@pytest.fixture(scope="session")
def shenpi() -> str:
    return _shenpi()


@pytest.fixture(scope="session")
def artefacts() -> pathlib.Path:
    out = pathlib.Path(os.environ.get("SHENPI_ARTEFACTS", ROOT / "build" / "browser-artefacts"))
    out.mkdir(parents=True, exist_ok=True)
    return out


@pytest.fixture(scope="session")
def site(shenpi, tmp_path_factory) -> pathlib.Path:
    out = tmp_path_factory.mktemp("site")
    proc = subprocess.run([shenpi, "site", "rules/tianjin", "rules/tianshui", "-o", str(out), "--start", START],
                          cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    return out


@pytest.fixture(scope="session")
def browser():
    options = webdriver.ChromeOptions()
    options.binary_location = shutil.which("chromium") or "/usr/bin/chromium"
    profile = tempfile.mkdtemp(prefix="shenpi-chromium-")
    for flag in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--disable-dev-shm-usage", "--window-size=1280,1600", "--lang=zh-CN", f"--user-data-dir={profile}"):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    service = Service(executable_path=shutil.which("chromedriver") or "/usr/bin/chromedriver")
    driver = webdriver.Chrome(service=service, options=options)
    driver.set_page_load_timeout(60)
    yield driver
    driver.quit()
    shutil.rmtree(profile, ignore_errors=True)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def server(shenpi, tmp_path_factory):
    """`shenpi serve rules/tianjin` on a free loopback port; its base URL.
    Its log and stderr go to files, never to a pipe nobody reads (a full
    pipe would stall the server)."""
    probe = subprocess.run([shenpi, "serve", "--help"], capture_output=True, text=True, timeout=30)
    if "unknown command" in probe.stderr:
        pytest.skip("this build has no `shenpi serve`")
    port = _free_port()
    logs = tmp_path_factory.mktemp("serve")
    log, errors = logs / "serve.log", logs / "serve.stderr"
    with open(errors, "wb") as stderr:
        proc = subprocess.Popen([shenpi, "serve", "rules/tianjin", "--port", str(port), "--bind", "127.0.0.1",
                                 "--log", str(log)], cwd=ROOT, stdout=subprocess.DEVNULL, stderr=stderr)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            with urllib.request.urlopen(base + "/healthz", timeout=2) as r:
                if r.status == 200:
                    break
        except OSError:
            pass
        if proc.poll() is not None or time.monotonic() > deadline:
            proc.kill()
            said = [p.read_text(encoding="utf-8", errors="replace") for p in (errors, log) if p.exists()]
            pytest.fail("shenpi serve did not start: " + "\n".join(said))
        time.sleep(0.2)
    yield base
    proc.terminate()
    try:
        proc.wait(timeout=30)
    except subprocess.TimeoutExpired:
        proc.kill()
