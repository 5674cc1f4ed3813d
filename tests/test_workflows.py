"""The GitHub workflows cannot run here, so check their structure against a schema of what Actions needs."""
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))

STEP = {
    "type": "object",
    "properties": {"name": {"type": "string"}, "uses": {"type": "string", "pattern": r"^[\w.-]+/[\w.-]+@v\d+$"},
                   "run": {"type": "string"}, "with": {"type": "object"}, "env": {"type": "object"}},
    "additionalProperties": False,
    "oneOf": [{"required": ["uses"]}, {"required": ["run"]}],
}
WORKFLOW = {
    "type": "object",
    "required": ["name", True, "jobs"],  # PyYAML reads the key `on` as True
    "properties": {
        "name": {"type": "string"},
        "permissions": {"type": "object"},
        "jobs": {"type": "object", "minProperties": 1, "additionalProperties": {
            "type": "object", "required": ["runs-on", "steps"],
            "properties": {"runs-on": {"type": "string"}, "timeout-minutes": {"type": "integer"},
                           "steps": {"type": "array", "minItems": 1, "items": STEP}},
            "additionalProperties": False}},
    },
}


@pytest.mark.parametrize("path", WORKFLOWS, ids=[p.name for p in WORKFLOWS])
def test_workflow_structure(path):
    jsonschema = pytest.importorskip("jsonschema")
    data = yaml.safe_load(path.read_text())
    schema = dict(WORKFLOW, required=["name", "jobs"])
    jsonschema.validate(data, schema)
    assert True in data, "workflow has no `on:` trigger"


def test_ci_runs_dot_ci_run_and_release_builds_and_attaches():
    ci = yaml.safe_load((ROOT / ".github/workflows/ci.yml").read_text())
    assert any(s.get("run") == "bash .ci/run" for s in ci["jobs"]["test"]["steps"])
    release = yaml.safe_load((ROOT / ".github/workflows/release.yml").read_text())
    assert release[True]["push"]["tags"] == ["v*"]
    assert release["permissions"]["contents"] == "write"
    runs = "\n".join(s.get("run", "") for s in release["jobs"]["release"]["steps"])
    assert "bash .ci/run" in runs and "unlearn-bib release --out dist" in runs
    assert "sha256sum -c SHA256SUMS" in runs and "gh release create" in runs and "SOURCE_DATE_EPOCH" in runs


def test_update_workflow_runs_weekly_and_opens_a_pull_request_only_on_changes():
    from unlearn_bib.cli.bib import UPDATE_CHANGES

    flow = yaml.safe_load((ROOT / ".github/workflows/update.yml").read_text())
    assert flow[True]["schedule"][0]["cron"].split()[4] == "1" and "workflow_dispatch" in flow[True]
    assert flow["permissions"] == {"contents": "write", "pull-requests": "write"}
    runs = "\n".join(s.get("run", "") for s in flow["jobs"]["update"]["steps"])
    assert "unlearn-bib update --online --write" in runs and "gh pr create" in runs
    assert f'"$status" -ne {UPDATE_CHANGES}' in runs and '"$status" -eq 0' in runs  # exit codes as `update` documents
