"""The generated 办事指南 site in headless Chromium: every page loads with no
console error and no request leaving the site, search finds items, the
inline SVGs carry the item and step names, and the 自助预审 form of
`shenpi serve` decides the shipped example applications as `shenpi eval`
does and shows the same notice."""
import json
import pathlib
import subprocess

import pytest
import yaml
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select, WebDriverWait

from conftest import ROOT

FOOD = "TJ-SCJG-XK-0012"
FOOD_NAME = "食品经营许可（新办）"
BUNDLE = "TJ-YJS-QYKB"


def open_page(browser, url):
    browser.get_log("browser")  # drop what earlier pages logged
    browser.get(url)
    WebDriverWait(browser, 30).until(lambda d: d.execute_script("return document.readyState") == "complete")


def console_errors(browser):
    return [e for e in browser.get_log("browser") if e["level"] == "SEVERE"]


def foreign_requests(browser, origin):
    urls = browser.execute_script("return performance.getEntriesByType('resource').map(e => e.name)")
    return [u for u in urls if not u.startswith(origin)]


def shot(browser, artefacts, name, element=None):
    path = artefacts / f"{name}.png"
    if element is not None:
        element.screenshot(str(path))
    else:
        browser.save_screenshot(str(path))
    assert path.stat().st_size > 0


def test_every_page_loads_cleanly(browser, site):
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 30  # both rulebooks: items and bundles
    for page in pages:
        open_page(browser, page.as_uri())
        assert console_errors(browser) == [], page
        assert foreign_requests(browser, "file://") == [], page
        assert browser.find_element(By.TAG_NAME, "h1").text.strip(), page


def test_index_groups_items_by_department(browser, site, artefacts):
    open_page(browser, (site / "index.html").as_uri())
    departments = [h.text for h in browser.find_elements(By.CSS_SELECTOR, "section.dept > h2")]
    assert "一件事一次办" in departments
    assert len(departments) > 5
    assert browser.find_elements(By.CSS_SELECTOR, ".kind h3")
    shot(browser, artefacts, "index")


def visible_entries(browser):
    return [li for li in browser.find_elements(By.CSS_SELECTOR, "li.entry") if li.is_displayed()]


@pytest.mark.parametrize("query", ["食品经营", FOOD, FOOD.lower()])
def test_search_finds_an_item(browser, site, artefacts, query):
    open_page(browser, (site / "index.html").as_uri())
    everything = len(visible_entries(browser))
    box = browser.find_element(By.ID, "search")
    box.send_keys(query)
    shown = visible_entries(browser)
    assert 0 < len(shown) < everything
    assert any(FOOD_NAME in li.text for li in shown)
    assert all(query.lower() in (li.get_attribute("data-search") or "").lower() for li in shown)
    assert "找到" in browser.find_element(By.ID, "search-count").text
    shown[0].find_element(By.TAG_NAME, "a").click()
    WebDriverWait(browser, 30).until(lambda d: "items/" in d.current_url)
    if query == FOOD:
        shot(browser, artefacts, "search-result")


def svg_text(browser, selector):
    return browser.execute_script(
        "const s = document.querySelector(arguments[0]);"
        "return s ? s.getAttribute('aria-label') + '\\n' + s.textContent : null;", selector)


def test_item_page_has_guide_and_flowchart(browser, site, artefacts):
    open_page(browser, (site / "items" / f"{FOOD}.html").as_uri())
    text = browser.find_element(By.TAG_NAME, "main").text
    for heading in ("基本信息", "设定依据", "受理条件", "申请材料", "容缺受理", "办理流程", "办理时限", "收费", "办理结果"):
        assert heading in text
    for mark in ("可容缺后补", "可告知承诺", "主审要件"):
        assert mark in text
    assert "申请人信用状况不是严重失信" in text  # a condition as a Chinese sentence
    svg = svg_text(browser, "#steps svg")
    assert FOOD_NAME in svg
    steps = [li.text.split("（")[0] for li in browser.find_elements(By.CSS_SELECTOR, "#steps ol > li")]
    assert steps
    for name in steps:
        assert name in svg
    shot(browser, artefacts, "item-flowchart", browser.find_element(By.CSS_SELECTOR, "#steps svg"))
    shot(browser, artefacts, "item-page")


def test_bundle_page_has_gantt_and_checklist(browser, site, artefacts, shenpi):
    open_page(browser, (site / "bundles" / f"{BUNDLE}.html").as_uri())
    svg = svg_text(browser, "#plan svg")
    plan = json.loads(subprocess.run(
        [shenpi, "graph", "rules/tianjin", BUNDLE, "--format", "json", "--start", "2025-09-26"],
        cwd=ROOT, capture_output=True, text=True, check=True).stdout)
    for node in plan["nodes"]:
        assert node["name"] in svg
    critical = browser.find_elements(By.CSS_SELECTOR, "#plan svg g.bar.critical")
    assert len(critical) == len(plan["critical_path"])
    assert "关键路径" in browser.find_element(By.ID, "plan").text
    rows = browser.find_elements(By.CSS_SELECTOR, "#checklist tr")
    assert len(rows) - 1 == len(plan["checklist"])
    shot(browser, artefacts, "bundle-gantt", browser.find_element(By.CSS_SELECTOR, "#plan svg"))
    shot(browser, artefacts, "bundle-page")


def test_static_copy_says_self_check_needs_the_service(browser, site):
    open_page(browser, (site / "items" / f"{FOOD}.html").as_uri())
    note = browser.find_element(By.ID, "self-check-offline")
    assert note.is_displayed()
    assert "需要连接审批服务" in note.text
    assert not browser.find_elements(By.ID, "self-check-form")


EXAMPLES = sorted(p for p in (ROOT / "examples/applications").glob("*.yaml")
                  if yaml.safe_load(p.read_text(encoding="utf-8"))["application"]["item"].startswith("TJ-"))


def fill(browser, form, app):
    browser.execute_script("arguments[0].value = arguments[1]", form.find_element(By.NAME, "submitted_on"),
                           str(app["submitted_on"]))
    for path, value in (app.get("facts") or {}).items():
        found = form.find_elements(By.CSS_SELECTOR, f"[data-fact='{path}']")
        if not found:
            continue  # a fact no rule of the item reads
        el = found[0]
        if el.tag_name == "select":
            Select(el).select_by_value(("true" if value else "false") if isinstance(value, bool) else str(value))
        else:
            text = "、".join(value) if isinstance(value, list) else str(value)
            browser.execute_script("arguments[0].value = arguments[1]", el, text)
    for group in ("material", "commitment"):
        for ident in app.get(group + "s") or []:
            boxes = form.find_elements(By.CSS_SELECTOR, f"input[name='{group}'][value='{ident}']")
            if boxes:
                boxes[0].click()


@pytest.mark.parametrize("example", EXAMPLES, ids=[p.stem for p in EXAMPLES])
def test_served_self_check_matches_eval(browser, server, artefacts, shenpi, example):
    app = yaml.safe_load(example.read_text(encoding="utf-8"))["application"]
    expected = json.loads(subprocess.run([shenpi, "eval", "rules/tianjin", str(example), "--json"],
                                         cwd=ROOT, capture_output=True, text=True).stdout)["outcome"]
    open_page(browser, f"{server}/items/{app['item']}.html")
    form = browser.find_element(By.ID, "self-check-form")
    assert not browser.find_element(By.ID, "self-check-offline").is_displayed()
    fill(browser, form, app)
    form.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
    outcome = WebDriverWait(browser, 30).until(lambda d: d.find_elements(By.ID, "self-check-outcome"))[0]
    assert outcome.get_attribute("data-outcome") == expected
    assert "预审结果" in outcome.text
    # The one-time notice the page shows is the one the clerk would hand over.
    notice = subprocess.run([shenpi, "eval", "rules/tianjin", str(example)], cwd=ROOT, capture_output=True,
                            text=True).stdout
    shown = browser.find_element(By.CSS_SELECTOR, "#self-check-result pre.notice").get_attribute("textContent")
    assert shown.strip() == notice.strip()
    assert console_errors(browser) == []
    assert foreign_requests(browser, server) == []
    result = browser.find_element(By.ID, "self-check-result")
    browser.execute_script("arguments[0].scrollIntoView()", result)
    shot(browser, artefacts, f"self-check-{example.stem}", result)
