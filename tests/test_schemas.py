"""schemas/ is generated from the models: a model change without `make schemas` fails here."""

from __future__ import annotations

import json

from briefing.cli import main
from briefing.models import SCHEMA_MODELS

from .conftest import ROOT


def test_committed_schemas_match_the_models() -> None:
    for name, model in SCHEMA_MODELS.items():
        committed = json.loads((ROOT / "schemas" / f"{name}.schema.json").read_text(encoding="utf-8"))
        assert committed == model.model_json_schema(), f"schemas/{name}.schema.json is stale: run `make schemas`"


def test_schemas_check_reports_drift(tmp_path: object) -> None:
    from pathlib import Path

    out = Path(str(tmp_path))
    assert main(["schemas", "--out", str(out)]) == 0
    assert main(["schemas", "--out", str(out), "--check"]) == 0
    (out / "raw_fact.schema.json").write_text("{}\n")
    assert main(["schemas", "--out", str(out), "--check"]) == 1
