"""Audit data names a document one way (issue 31, item 7): every event's data written by the
product, read from the code, so a path no walk reaches is held to it too.

- ``decision_id`` is the id of a document of our register (a decision or a proposal letter);
- ``decision_number`` is that same document's number, and never appears without its id;
- the central level's decision recorded against a proposal is ``central_decision_number`` /
  ``central_decision_date``; a decision of the past typed into a declared history is
  ``declared_decision_number``;
- no key is a bare ``decision`` or ``proposal`` (it once held an id here and a number there).
"""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
WRITERS = {"record_event", "audit_transition", "_audit"}


def _data_dicts():
    for package in ("nominations", "workflows", "web"):
        for path in (ROOT / package).rglob("*.py"):
            if "migrations" in path.parts:
                continue
            tree = ast.parse(path.read_text(encoding="utf-8"))
            for call in ast.walk(tree):
                if not isinstance(call, ast.Call):
                    continue
                name = getattr(call.func, "id", None) or getattr(call.func, "attr", None)
                if name not in WRITERS:
                    continue
                for node in ast.walk(call):
                    if isinstance(node, ast.Dict):
                        keys = {k.value for k in node.keys if isinstance(k, ast.Constant)}
                        yield f"{path.relative_to(ROOT)}:{node.lineno}", keys


def test_the_scan_sees_the_audit_writers():
    seen = dict(_data_dicts())
    # The signing, the cancellation, the dossiers' own moves and the central result are all read.
    assert sum("decision_id" in keys for keys in seen.values()) >= 8, seen
    assert any("central_decision_number" in keys for keys in seen.values())


def test_a_document_is_named_by_decision_id_and_decision_number_only():
    wrong = []
    for where, keys in _data_dicts():
        if keys & {"decision", "proposal", "decision_date"}:
            wrong.append((where, sorted(keys & {"decision", "proposal", "decision_date"})))
        if "decision_number" in keys and "decision_id" not in keys:
            wrong.append((where, "decision_number without decision_id"))
    assert not wrong, wrong
