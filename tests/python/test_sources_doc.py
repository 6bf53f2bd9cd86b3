"""docs/sources.md is generated from the rulebook's `basis:` entries; it must
match the rule files (a basis changed without regenerating fails here)."""
import os
import pathlib
import subprocess
import sys

ROOT = pathlib.Path(os.environ.get("SHENPI_SOURCE_DIR", pathlib.Path(__file__).resolve().parents[2]))


def test_sources_table_matches_the_rules(tmp_path):
    out = tmp_path / "sources.md"
    subprocess.run([sys.executable, "docs/gen_sources.py", str(out)], cwd=ROOT, check=True)
    assert out.read_text(encoding="utf-8") == (ROOT / "docs/sources.md").read_text(encoding="utf-8")


def test_no_basis_cites_a_document_that_does_not_exist_or_was_repealed():
    # Issue #17: 《印铸刻字业暨公章刻制业治安管理办法》 does not exist and
    # 《社会保险登记管理暂行办法》 was repealed (comments may still name them).
    import yaml

    cited = []
    for path in (ROOT / "rules").glob("*/items/**/*.yaml"):
        item = yaml.safe_load(path.read_text(encoding="utf-8"))["item"]
        cited += [b["title"] for b in item.get("basis", [])]
    for path in (ROOT / "rules").glob("*/materials.yaml"):
        cited += [m["basis"] for m in yaml.safe_load(path.read_text(encoding="utf-8"))["materials"].values()]
    assert len(cited) > 100
    for gone in ("印铸刻字业暨公章刻制业治安管理办法", "社会保险登记管理暂行办法"):
        assert not [c for c in cited if gone in c]
