"""The citation extractor on its development set (tests/fixtures/citations/): the set is built from its source,
and the extractor meets its goals there (scored by benchmarks/eval_citations.py)."""
from __future__ import annotations

import importlib.util
import json

from support import FIXTURES


def _eval_module():
    import eval_citations  # benchmarks/ is on the tests' path (pyproject.toml)

    return eval_citations


def test_devset_is_built_from_its_source(tmp_path):
    spec = importlib.util.spec_from_file_location("build_devset", FIXTURES / "citations" / "build_devset.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    out = tmp_path / "devset.jsonl"
    mod.build(dst=out)
    assert out.read_text(encoding="utf-8") == (FIXTURES / "citations" / "devset.jsonl").read_text(encoding="utf-8")
    rows = [json.loads(l) for l in out.read_text(encoding="utf-8").splitlines()]
    assert sum(len(r["citations"]) for r in rows) >= 220
    assert sum(1 for r in rows if not r["citations"]) >= 60


def test_devset_goals_and_no_wrong_ecli():
    ev = _eval_module()
    result = ev.evaluate()
    goals = ev.goals(result)
    assert result["wrong_ecli"] == 0, [e for e in result["errors"] if e[1] == "WRONG ECLI"]
    for name, (value, goal, ok) in goals.items():
        assert ok, f"{name} = {value:.3f} < {goal}; errors: {result['errors'][:20]}"
