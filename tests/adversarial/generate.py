"""Cases generated from one valid rulebook: each mutates one thing and
states the diagnostic it must cause.

The base is tests/fixtures/evaluate/basic (every kind of condition and
material) with its calendar beside it. A rule mutation replaces one exact
piece of an item file (it must occur exactly once, so a fixture change that
breaks a mutation fails loudly instead of testing nothing); an application
mutation edits a parsed copy of a valid application.
"""
import json
import os
import shutil
import sys

from run import HERE, ROOT, Case

BASE = os.path.join(ROOT, "tests", "fixtures", "evaluate")
ITEM = os.path.join("items", "licence.yaml")

# (name, exact text in licence.yaml, replacement, expected codes)
RULE_MUTATIONS = [
    # Structure: wrong YAML types.
    ("code-list", "  code: T-EV-0001", "  code: [T-EV-0001]", ["SP103"]),
    ("name-map", "  name: 测试经营许可\n", "  name: { a: 1 }\n", ["SP103"]),
    ("basis-scalar", "  basis:\n    - { id: credit", "  basis: 7\n  x:\n    - { id: credit", ["SP103"]),
    ("service-list", "  service: { online: full, max_visits: 0 }", "  service: [full, 0]", ["SP103"]),
    ("visits-text", "max_visits: 0 }", "max_visits: many }", ["SP103"]),
    ("visits-float", "max_visits: 0 }", "max_visits: 0.5 }", ["SP103"]),
    ("conditions-map", "conditions:\n  - id: not-dishonest", "conditions:\n  not-dishonest:", ["SP103", "SP101"]),
    ("on-fail-value", "    on_fail: reject", "    on_fail: refuse", ["SP108"]),
    ("on-fail-list", "    on_fail: reject", "    on_fail: [reject]", ["SP103"]),
    ("commitment-value", "    basis: law-2\n    commitment: allowed", "    basis: law-2\n    commitment: maybe", ["SP108"]),
    ("materials-scalar", "materials:\n  - id: form", "materials: form\nx:\n  - id: form", ["SP103"]),
    ("core-text", "    core: true", "    core: sometimes", ["SP103"]),
    ("tolerable-number", "    name: 经营场所平面图\n    tolerable: true", "    name: 经营场所平面图\n    tolerable: 1", ["SP103"]),
    ("form-copies-text", "copies: 1, electronic: true }", "copies: one, electronic: true }", ["SP103"]),
    ("form-copies-negative", "copies: 1, electronic: true }", "copies: -1, electronic: true }", ["SP108"]),
    ("required-number", "    required: never", "    required: 3", ["SP103", "SP203"]),
    ("max-missing-text", "  max_missing: 1", "  max_missing: one", ["SP103"]),
    ("max-missing-negative", "  max_missing: 1", "  max_missing: -2", ["SP108"]),
    ("letter-value", "  letter: required", "  letter: maybe", ["SP108"]),
    ("steps-map", "steps:\n  - { id: accept", "steps:\n  x: 1\n  y:\n  - { id: accept", ["SP10"]),
    ("outputs-scalar", "outputs:\n  - { id: test-licence", "outputs: none\nx:\n  - { id: test-licence", ["SP103"]),
    ("special-text", "{ id: review, name: 审查, takes: 4 working days }",
     "{ id: review, name: 审查, takes: 4 working days, special: often }", ["SP103"]),
    ("kind-value", "  kind: administrative_license", "  kind: licence", ["SP108"]),
    ("online-value", "online: full,", "online: always,", ["SP108"]),
    # Structure: unknown and missing keys.
    ("unknown-item-key", "  authority: 测试区行政审批局", "  authority: 测试区行政审批局\n  owner: x", ["SP102"]),
    ("unknown-top-key", "\nfacts:\n", "\nfactz: {}\nfacts:\n", ["SP102"]),
    ("unknown-condition-key", "    on_fail: reject", "    on_fail: reject\n    severity: high", ["SP102"]),
    ("unknown-material-key", "    core: true", "    core: true\n    mandatory: true", ["SP102"]),
    ("unknown-tolerance-key", "  max_missing: 1", "  max_missing: 1\n  min_missing: 0", ["SP102"]),
    ("unknown-time-key", "  extension: 10 working days", "  extension: 10 working days\n  grace: 1 day", ["SP102"]),
    ("unknown-step-key", "{ id: decide, name: 决定, takes: 1 working day }",
     "{ id: decide, name: 决定, takes: 1 working day, by: x }", ["SP102"]),
    ("typo-key-materials", "    name: 管理制度文本\n    commitment: allowed", "    name: 管理制度文本\n    comitment: allowed", ["SP102"]),
    ("missing-code", "  code: T-EV-0001\n", "", ["SP104"]),
    ("missing-name", "  name: 测试经营许可\n", "", ["SP104"]),
    ("missing-condition-id", "  - id: manager\n    text", "  - text", ["SP104"]),
    ("missing-condition-when", "    when: shop.has_manager\n", "", ["SP104"]),
    ("missing-material-id", "  - id: plan\n    name", "  - name", ["SP104"]),
    ("missing-material-name", "    name: 从业人员名单\n", "", ["SP104"]),
    ("missing-statutory", "  statutory: 20 working days\n", "", ["SP104"]),
    ("missing-supply", "  supply_within: 5 working days\n", "", ["SP104"]),
    ("missing-item", "item:\n  code", "itemz:\n  code", ["SP10"]),
    # Durations.
    ("duration-word", "  statutory: 20 working days", "  statutory: twenty working days", ["SP107"]),
    ("duration-unit", "  statutory: 20 working days", "  statutory: 20 weeks", ["SP107"]),
    ("duration-negative", "  statutory: 20 working days", "  statutory: -20 working days", ["SP107"]),
    ("duration-huge", "  statutory: 20 working days", "  statutory: 99999999999999999999 working days", ["SP107"]),
    ("duration-float", "  promised: 5 working days", "  promised: 2.5 working days", ["SP107"]),
    ("duration-empty", "  promised: 5 working days", "  promised: ''", ["SP107"]),
    ("duration-number", "  promised: 5 working days", "  promised: 5", ["SP107"]),
    ("duration-chinese-bad", "  promised: 5 working days", "  promised: 五个工作日", ["SP107"]),
    ("duration-step", "takes: 4 working days }", "takes: soon }", ["SP107"]),
    ("duration-supply", "  supply_within: 5 working days", "  supply_within: 5 fortnights", ["SP107"]),
    ("duration-extension-list", "  extension: 10 working days", "  extension: [10, working, days]", ["SP103", "SP107"]),
    # Domain lints that are errors.
    ("promised-over-statutory", "  promised: 5 working days", "  promised: 25 working days", ["SP305"]),
    ("core-tolerable", "    core: true", "    core: true\n    tolerable: true", ["SP306"]),
    ("vague-material-1", "    name: 经营场所平面图", "    name: 其他材料", ["SP301"]),
    ("vague-material-2", "    name: 经营场所平面图", "    name: 有关材料", ["SP301"]),
    ("vague-material-3", "    name: 经营场所平面图", "    name: 相关材料", ["SP301"]),
    ("vague-material-4", "    name: 经营场所平面图", "    name: 平面图等材料", ["SP301"]),
    ("vague-material-5", "    name: 经营场所平面图", "    name: 其他必要的文件", ["SP301"]),
    ("vague-material-6", "    name: 经营场所平面图", "    name: 审批机关要求提交的其他资料", ["SP301"]),
    ("vague-material-7", "    name: 经营场所平面图", "    name: 需要提交的兜底材料", ["SP301"]),
    ("vague-material-8", "    name: 经营场所平面图", "    name: 身份证、户口簿等证件", ["SP301"]),
    # Identity.
    ("duplicate-condition", "  - id: manager\n", "  - id: area\n", ["SP105"]),
    ("duplicate-material", "  - id: staff-list\n", "  - id: plan\n", ["SP105"]),
    ("duplicate-step", "{ id: decide, name: 决定", "{ id: review, name: 决定", ["SP105"]),
    ("duplicate-basis", "    - { id: law-3,", "    - { id: law-2,", ["SP105"]),
    ("dangling-basis", "    basis: credit", "    basis: nowhere", ["SP106"]),
    ("dangling-use", "  - use: business-license", "  - use: passport", ["SP106"]),
    # Expressions.
    ("expr-syntax-1", "    when: shop.has_manager", "    when: shop.has_manager ==", ["SP201"]),
    ("expr-syntax-2", "    when: shop.has_manager", "    when: (shop.has_manager", ["SP201"]),
    ("expr-syntax-3", "    when: shop.has_manager", "    when: shop.has_manager and and true", ["SP201"]),
    ("expr-syntax-4", "    when: shop.has_manager", "    when: '\"unterminated'", ["SP201"]),
    ("expr-syntax-5", "    when: shop.has_manager", "    when: shop.staff >>= 3", ["SP201"]),
    ("expr-syntax-6", "    when: shop.has_manager", "    when: ''", ["SP201"]),
    ("expr-syntax-7", "    when: shop.has_manager", "    when: '[1, 2'", ["SP201"]),
    ("expr-syntax-8", "    when: shop.has_manager", "    when: 2025-13-45 == shop.opened_on", ["SP201", "SP109"]),
    ("expr-deep", "    when: shop.has_manager", "    when: '" + "(" * 2000 + "true" + ")" * 2000 + "'", ["SP201"]),
    ("expr-deep-not", "    when: shop.has_manager", "    when: '" + "not " * 5000 + "true'", ["SP201"]),
    ("expr-long", "    when: shop.has_manager", "    when: '" + " or ".join(["shop.has_manager"] * 3000) + "'", []),
    ("expr-unknown-fact", "    when: shop.has_manager", "    when: shop.has_boss", ["SP202"]),
    ("expr-unknown-fact-prefix", "    when: shop.has_manager", "    when: shop", ["SP202"]),
    ("expr-type-1", "    when: shop.has_manager", "    when: shop.staff", ["SP203"]),
    ("expr-type-2", "    when: shop.has_manager", "    when: shop.staff == \"many\"", ["SP203"]),
    ("expr-type-3", "    when: shop.has_manager", "    when: shop.has_manager + 1 > 0", ["SP203"]),
    ("expr-type-4", "    when: shop.has_manager", "    when: shop.name < 3", ["SP203"]),
    ("expr-type-5", "    when: shop.has_manager", "    when: shop.opened_on > 3", ["SP203"]),
    ("expr-type-6", "    when: shop.has_manager", "    when: 3 in shop.scope", ["SP203"]),
    ("expr-type-7", "    when: shop.has_manager", "    when: not shop.staff", ["SP203"]),
    ("expr-type-8", "    when: shop.has_manager", "    when: shop.kind in [1, 2]", ["SP203", "SP201"]),
    ("expr-enum-typo", "    when: applicant.credit != \"dishonest\"", "    when: applicant.credit != \"dishonset\"", ["SP204"]),
    ("expr-enum-in", "    when: applicant.credit != \"dishonest\"", "    when: applicant.credit in [\"good\", \"bad\"]", ["SP204"]),
    ("expr-enum-reversed", "    when: applicant.credit != \"dishonest\"", "    when: '\"dishonset\" != applicant.credit'", ["SP204"]),
    ("expr-unknown-function", "    when: shop.has_manager", "    when: submitted_by(\"plan\")", ["SP205"]),
    ("expr-required-syntax", "    required: applicant.uses_agent", "    required: applicant.uses_agent ==", ["SP201"]),
    ("expr-required-type", "    required: applicant.uses_agent", "    required: applicant.credit", ["SP203"]),
    ("expr-tolerance-unknown", "  when: applicant.credit == \"good\" and", "  when: applicant.credits == \"good\" and", ["SP202"]),
    ("expr-nbsp", "    when: shop.has_manager", "    when: shop.has_manager\u00a0and true", ["SP201"]),
    ("expr-fullwidth", "    when: shop.has_manager", "    when: shop.has_manager　and true", ["SP201"]),
    ("expr-nul-escape", "    when: shop.has_manager", "    when: \"shop.has_manager\\0\"", ["SP201"]),
    # YAML syntax.
    ("yaml-tab", "  name: 测试经营许可\n", "\tname: 测试经营许可\n", ["SP101"]),
    ("yaml-unclosed-flow", "  service: { online: full, max_visits: 0 }", "  service: { online: full, max_visits: 0", ["SP101"]),
    ("yaml-unclosed-quote", "  name: 测试经营许可\n", "  name: \"测试经营许可\n", ["SP101"]),
    ("yaml-bad-indent", "  authority: 测试区行政审批局", "   authority: 测试区行政审批局", ["SP101"]),
    ("yaml-undefined-alias", "  authority: 测试区行政审批局", "  authority: *nowhere", ["SP101"]),
    ("yaml-colon-garbage", "  kind: administrative_license", "  kind: : :", ["SP101", "SP103", "SP108"]),
    ("yaml-duplicate-key", "  kind: administrative_license", "  kind: administrative_license\n  kind: filing", ["SP105", "SP101"]),
    # Issue #12 section 1 (legal): divisors, referrals, vague wording classes.
    ("divide-by-constant-zero", "    when: premises.area_m2 >= 10", "    when: premises.area_m2 / 0 >= 10", ["SP315"]),
    ("divide-by-zero-decimal", "    when: premises.area_m2 >= 10", "    when: premises.area_m2 / -0.0 >= 10", ["SP315"]),
    ("refer-to-without-reject", "    basis: law-2\n    commitment: allowed", "    basis: law-2\n    commitment: allowed\n    refer_to: 测试区市场监督管理局", ["SP317"]),
    ("refer-to-unknown-code", "    on_fail: reject\n", "    on_fail: reject\n    refer_to: T-EV-9999\n", ["SP317"]),
    ("refer-to-itself", "    on_fail: reject\n", "    on_fail: reject\n    refer_to: T-EV-0001\n", ["SP317"]),
    ("refer-to-empty", "    on_fail: reject\n", "    on_fail: reject\n    refer_to: ''\n", ["SP317"]),
    ("refer-to-list", "    on_fail: reject\n", "    on_fail: reject\n    refer_to: [a, b]\n", ["SP103"]),
    ("vague-material-9", "    name: 经营场所平面图", "    name: 其它有关的证件", ["SP301"]),
    ("vague-material-10", "    name: 经营场所平面图", "    name: 营业执照等有效证照", ["SP301"]),
    ("vague-material-11", "    name: 经营场所平面图", "    name: 场所使用相关的证明", ["SP301"]),
    ("tolerance-basis-unknown", "  supply_within: 5 working days", "  supply_within: 5 working days\n  basis: no-such-basis", ["SP106"]),
    ("yaml-second-document", "\noutputs:", "\n---\nitem: {}\n...\noutputs:", ["SP101"]),
]


def _write(path, text, mode="w"):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, mode, **({} if "b" in mode else {"encoding": "utf-8"})) as f:
        f.write(text)


def _rulebook(scratch, name):
    """A fresh copy of the base rulebook and its calendar; returns its path."""
    dest = os.path.join(scratch, name)
    shutil.copytree(os.path.join(BASE, "basic"), os.path.join(dest, "basic"))
    shutil.copytree(os.path.join(BASE, "calendar"), os.path.join(dest, "calendar"))
    return os.path.join(dest, "basic")


def rule_cases(shenpi, scratch):
    base_text = open(os.path.join(BASE, "basic", ITEM), encoding="utf-8").read()
    for name, old, new, codes in RULE_MUTATIONS:
        if base_text.count(old) != 1:
            raise SystemExit(f"generate.py: mutation {name}: {old!r} occurs {base_text.count(old)} times")
        book = _rulebook(scratch, "rule-" + name)
        _write(os.path.join(book, ITEM), base_text.replace(old, new))
        yield Case("rules/" + name, [shenpi, "check", book], 1 if codes else 0, codes)


def _byte_cases(base_bytes):
    """Encoding attacks on the raw bytes of the item file."""
    name_bytes = "测试经营许可".encode()
    yield "bytes-invalid-utf8-name", base_bytes.replace(name_bytes, b"\xff\xfe" + name_bytes), ["SP101"]
    yield "bytes-truncated-utf8", base_bytes.replace(name_bytes, name_bytes[:-1]), ["SP101"]
    yield "bytes-overlong-utf8", base_bytes.replace(name_bytes, b"\xc0\xaf" + name_bytes), ["SP101"]
    yield "bytes-nul", base_bytes.replace(name_bytes, name_bytes + b"\x00x"), ["SP101"]
    yield "bytes-utf16", base_bytes.decode().encode("utf-16"), ["SP101"]
    yield "bytes-binary", bytes(range(256)) * 64, ["SP101"]
    yield "bytes-only-bom", b"\xef\xbb\xbf", ["SP104", "SP103"]
    yield "bytes-empty", b"", ["SP104", "SP103"]
    yield "bytes-only-comment", b"# nothing here\n", ["SP104", "SP103"]
    yield "bytes-scalar-document", b"just a string\n", ["SP103"]
    yield "bytes-list-document", b"- 1\n- 2\n", ["SP103"]
    yield "bytes-cr-only", base_bytes.replace(b"\n", b"\r"), []
    yield "bytes-long-line", base_bytes.replace(name_bytes, b"x" * 2_000_000), []
    yield "bytes-alias-bomb", (b"a: &a [x, x, x, x, x, x, x, x, x, x]\n"
                               + b"".join(b"%c: &%c [*%c, *%c, *%c, *%c, *%c, *%c, *%c, *%c, *%c, *%c]\n"
                                          % ((98 + i,) * 2 + (97 + i,) * 10) for i in range(9))
                               + b"item: *j\n"), ["SP10"]
    yield "bytes-deep-nesting", b"item: " + b"[" * 10000 + b"]" * 10000 + b"\n", ["SP10"]
    yield "bytes-deep-maps", b"item:\n" + b"".join(b" " * i + b"a:\n" for i in range(1, 3000)), ["SP10"]


def byte_cases(shenpi, scratch):
    base_bytes = open(os.path.join(BASE, "basic", ITEM), "rb").read()
    for name, data, codes in _byte_cases(base_bytes):
        book = _rulebook(scratch, "rule-" + name)
        _write(os.path.join(book, ITEM), data, "wb")
        yield Case("rules/" + name, [shenpi, "check", book], 1 if codes else 0, codes)


def _app_mutations():
    """(name, function editing the application mapping, expected exit, codes)."""
    def drop(key):
        return lambda a: a.pop(key)

    def setf(path, value):
        return lambda a: a["facts"].__setitem__(path, value)

    def put(key, value):
        return lambda a: a.__setitem__(key, value)

    yield "missing-item", drop("item"), ["SP601"]
    yield "missing-date", drop("submitted_on"), ["SP601", "SP607"]
    yield "item-number", put("item", 7), ["SP601", "SP602"]
    yield "item-unknown", put("item", "T-EV-9999"), ["SP602"]
    yield "item-empty", put("item", ""), ["SP602", "SP601"]
    yield "date-garbage", put("submitted_on", "yesterday"), ["SP607"]
    yield "date-feb-30", put("submitted_on", "2025-02-30"), ["SP607"]
    yield "date-year-0", put("submitted_on", "0000-01-01"), ["SP607"]
    yield "date-year-9999", put("submitted_on", "9999-12-31"), ["SP607", "SP504"]
    yield "date-before-calendar", put("submitted_on", "1999-01-04"), ["SP607", "SP504"]
    yield "date-number", put("submitted_on", 20250926), ["SP607", "SP601"]
    yield "date-with-time", put("submitted_on", "2025-09-26T10:00:00"), ["SP607"]
    yield "facts-list", put("facts", ["a", "b"]), ["SP601"]
    yield "facts-scalar", put("facts", "none"), ["SP601"]
    yield "materials-scalar", put("materials", "form"), ["SP601"]
    yield "materials-map", put("materials", {"form": True}), ["SP601"]
    yield "materials-numbers", put("materials", [1, 2]), ["SP601", "SP605"]
    yield "material-unknown", put("materials", ["form", "passport"]), ["SP605"]
    yield "materials-many-unknown", put("materials", [f"m{i}" for i in range(20000)]), ["SP605"]
    yield "commitment-unknown", put("commitments", ["nothing"]), ["SP606"]
    yield "material-twice", put("materials", ["form", "plan", "form"]), ["SP601"]
    yield "commitment-twice", put("commitments", ["tolerance-letter", "tolerance-letter"]), ["SP601"]
    yield "commitment-condition-twice", put("commitments", ["area", "area"]), ["SP601"]
    yield "commitments-scalar", put("commitments", "tolerance-letter"), ["SP601"]
    yield "unknown-top-key", put("applicant", "x"), ["SP601"]
    yield "fact-unknown", setf("shop.owner", "x"), ["SP603"]
    yield "fact-bool-as-text", setf("shop.has_manager", "yes"), ["SP604"]
    yield "fact-int-as-text", setf("shop.staff", "three"), ["SP604"]
    yield "fact-int-as-float", setf("shop.staff", 3.5), ["SP604"]
    yield "fact-int-overflow", setf("shop.staff", 10**30), ["SP604"]
    yield "fact-decimal-as-text", setf("premises.area_m2", "big"), ["SP604"]
    yield "fact-decimal-as-list", setf("premises.area_m2", [1]), ["SP604"]
    yield "fact-enum-undeclared", setf("applicant.credit", "excellent"), ["SP604"]
    yield "fact-enum-number", setf("applicant.credit", 1), ["SP604"]
    yield "fact-date-bad", setf("shop.opened_on", "2025-02-30"), ["SP604", "SP607"]
    yield "fact-list-as-text", setf("shop.scope", "retail"), ["SP604"]
    yield "fact-list-of-maps", setf("shop.scope", [{"a": 1}]), ["SP604"]
    yield "fact-map", setf("shop.name", {"a": 1}), ["SP604"]


def _app_text_cases(valid):
    """Raw-text attacks on an application (JSON text, for exact bytes)."""
    text = json.dumps({"application": valid}, ensure_ascii=False)
    yield "text-empty", b"", ["SP601"]
    yield "text-null", b"null", ["SP601"]
    yield "text-list", b"[1, 2]", ["SP601"]
    yield "text-no-wrapper", json.dumps(valid).encode(), ["SP601"]
    yield "text-truncated", text.encode()[: len(text) // 2], ["SP601", "SP101", "SP608"]
    yield "text-invalid-utf8", text.replace("retail", "re\udcfftail").encode("utf-8", "surrogateescape"), ["SP60"]
    yield "text-nul", text.encode().replace(b"retail", b"re\x00tail"), ["SP60"]
    yield "text-binary", bytes(range(256)) * 16, ["SP601"]
    yield "text-duplicate-fact", text.replace('"shop.staff": 3', '"shop.staff": 3, "shop.staff": 4').encode(), ["SP601"]
    yield "text-duplicate-key", text.replace('"item":', '"item": "T-EV-0001", "item":').encode(), ["SP601"]
    yield "text-deep", b'{"application": ' + b"[" * 100000 + b"]" * 100000 + b"}", ["SP601"]
    many = dict(valid, facts={f"x.f{i}": 1 for i in range(100000)})
    yield "text-100k-facts", json.dumps({"application": many}).encode(), ["SP603"]
    yield "text-nan", text.replace('"shop.staff": 3', '"shop.staff": NaN').encode(), ["SP60"]
    yield "text-huge-number", text.replace('"premises.area_m2": 45', '"premises.area_m2": 1e400').encode(), ["SP604", "SP608"]


def app_cases(shenpi, scratch):
    valid_path = os.path.join(BASE, "applications", "held-up.yaml")
    import yaml  # python3-yaml, in .ci/setup

    valid = yaml.safe_load(open(valid_path, encoding="utf-8"))["application"]
    valid["submitted_on"] = str(valid["submitted_on"])
    book = _rulebook(scratch, "apps")
    for name, edit, codes in _app_mutations():
        app = json.loads(json.dumps(valid))
        edit(app)
        path = os.path.join(scratch, "apps", name + ".json")
        _write(path, json.dumps({"application": app}, ensure_ascii=False))
        yield Case("apps/" + name, [shenpi, "eval", book, path], 1, codes)
        yield Case("apps/" + name + "--json", [shenpi, "eval", book, path, "--json"], 1, codes)
    for name, data, codes in _app_text_cases(valid):
        path = os.path.join(scratch, "apps", name + ".json")
        _write(path, data, "wb")
        yield Case("apps/" + name, [shenpi, "eval", book, path], 1, codes)
    # YAML with CR alone between lines (old Mac editors): read as lines, not
    # as one comment line (an empty file, SP601); the mapping fact is SP604.
    lines = ["# CR only", "application:", "  item: " + valid["item"],
             "  submitted_on: " + valid["submitted_on"], "  facts:", "    shop.name: { a: 1 }"]
    path = os.path.join(scratch, "apps", "yaml-cr-only-map-fact.yaml")
    _write(path, "\r".join(lines).encode() + b"\r", "wb")
    yield Case("apps/yaml-cr-only-map-fact", [shenpi, "eval", book, path], 1, ["SP604"])


def file_cases(shenpi, scratch):
    """What can stand where a file belongs."""
    def book_with(name, make):
        book = _rulebook(scratch, "fs-" + name)
        make(os.path.join(book, "items"))
        return book

    yield Case("fs/fifo-in-items", [shenpi, "check", book_with("fifo", lambda d: os.mkfifo(os.path.join(d, "pipe.yaml")))],
               1, ["SP100"])
    yield Case("fs/dangling-symlink", [shenpi, "check", book_with(
        "dangling", lambda d: os.symlink(os.path.join(d, "gone.yaml"), os.path.join(d, "link.yaml")))], 1, ["SP100"])
    yield Case("fs/symlink-loop", [shenpi, "check", book_with(
        "loop", lambda d: (os.symlink(os.path.join(d, "b.yaml"), os.path.join(d, "a.yaml")),
                           os.symlink(os.path.join(d, "a.yaml"), os.path.join(d, "b.yaml"))))], 1, ["SP100"])
    yield Case("fs/dir-loop", [shenpi, "check", book_with(
        "dirloop", lambda d: os.symlink(d, os.path.join(d, "again")))], 1, ["SP100"])
    yield Case("fs/directory-named-yaml", [shenpi, "check", book_with(
        "dir-yaml", lambda d: os.mkdir(os.path.join(d, "folder.yaml")))], 1, ["SP100"])
    unreadable = book_with("unreadable", lambda d: None)
    no_calendar = _rulebook(scratch, "fs-no-calendar")
    shutil.rmtree(os.path.join(os.path.dirname(no_calendar), "calendar"))
    yield Case("fs/no-calendar-folder", [shenpi, "check", no_calendar], 1, ["SP505"])
    empty_calendar = _rulebook(scratch, "fs-empty-calendar")
    for f in os.listdir(os.path.join(os.path.dirname(empty_calendar), "calendar")):
        os.remove(os.path.join(os.path.dirname(empty_calendar), "calendar", f))
    yield Case("fs/empty-calendar-folder", [shenpi, "check", empty_calendar], 1, ["SP505"])
    facts_dir = _rulebook(scratch, "fs-facts-dir")
    os.remove(os.path.join(facts_dir, "facts.yaml"))
    os.mkdir(os.path.join(facts_dir, "facts.yaml"))
    yield Case("fs/facts-is-directory", [shenpi, "check", facts_dir], 1, ["SP100"])
    held = os.path.join(BASE, "applications", "held-up.yaml")
    yield Case("fs/eval-dev-zero", [shenpi, "eval", unreadable, "/dev/zero"], 1, ["SP100"])
    yield Case("fs/eval-dev-null", [shenpi, "eval", unreadable, "/dev/null"], 1, ["SP601", "SP100"])
    yield Case("fs/eval-directory", [shenpi, "eval", unreadable, scratch], 1, ["SP100"])
    yield Case("fs/eval-missing", [shenpi, "eval", unreadable, os.path.join(scratch, "nope.yaml")], 1, ["SP100"])
    yield Case("fs/check-dev-zero", [shenpi, "check", "/dev/zero"], 1, ["SP100"])
    yield Case("fs/check-missing", [shenpi, "check", os.path.join(scratch, "nope")], 1, ["SP100"])
    yield Case("fs/rules-is-application", [shenpi, "eval", held, held], 1, ["SP10"])
    big = os.path.join(scratch, "big.json")
    with open(big, "wb") as f:
        f.write(b'{"application": {"item": "' + b"x" * (17 << 20) + b'"}}')
    yield Case("fs/eval-over-16mib", [shenpi, "eval", unreadable, big], 1, ["SP100"])
    yield Case("fs/write-error", ["sh", "-c", f"'{shenpi}' eval '{unreadable}' '{held}' --json > /dev/full"], 1, [])
    yield Case("fs/write-error-text", ["sh", "-c", f"'{shenpi}' eval '{unreadable}' '{held}' > /dev/full"], 1, [])
    yield Case("fs/write-error-check", ["sh", "-c", f"'{shenpi}' check '{unreadable}' --format json > /dev/full"], 1, [])


def cache_cases(shenpi, scratch):
    """The parse-tree cache (--cache) damaged, foreign, unwritable or raced:
    cache_attack.py checks the load still reports what a cold one does."""
    import cache_attack

    base_text = open(os.path.join(BASE, "basic", ITEM), encoding="utf-8").read()
    for mode, warns in cache_attack.MODES.items():
        book = _rulebook(scratch, "cache-" + mode)
        # One rule error, so there is a located diagnostic to compare.
        _write(os.path.join(book, ITEM), base_text + "colour: red\n")
        yield Case("cache/" + mode, [sys.executable, os.path.join(HERE, "cache_attack.py"), shenpi, book, mode],
                   1, ["SP112"] if warns else ["SP102"])


def cases(shenpi, scratch):
    yield from cache_cases(shenpi, scratch)
    yield from rule_cases(shenpi, scratch)
    yield from byte_cases(shenpi, scratch)
    yield from app_cases(shenpi, scratch)
    yield from file_cases(shenpi, scratch)
