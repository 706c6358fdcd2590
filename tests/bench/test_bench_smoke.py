"""The bench program with tiny sizes, so `make bench` cannot rot between real runs.

No time is asserted: figures of a smoke run mean nothing. What is checked is the
shape of results.json (every metric with value, baseline, ratio, unit, goal),
and that the run wrote where it was told, not over bench/results.json.
"""

from __future__ import annotations

import json

from bench import markdown
from bench.__main__ import main
from bench.metrics import KEYS
from bench.run import DEFAULT_OUTPUT

ENTRY_FIELDS = {"value", "baseline", "ratio", "unit", "goal"}
MACHINE_FIELDS = {"cpu", "cores", "python", "date"}
COMPARED = {"at_rtt", "ftpget_1mib", "etget_8mib", "ftp_engine", "paced_goodput", "concurrent"}


def test_smoke_run_writes_every_metric(tmp_path, capsys):
    output = tmp_path / "results.json"
    before = DEFAULT_OUTPUT.read_bytes() if DEFAULT_OUTPUT.exists() else None

    assert main(["--smoke", "--output", str(output)]) == 0

    document = json.loads(output.read_text())
    assert document["smoke"] is True
    assert MACHINE_FIELDS <= document["machine"].keys()
    assert list(document["metrics"]) == list(KEYS)
    for key, entry in document["metrics"].items():
        assert ENTRY_FIELDS <= entry.keys(), key
        assert entry["error"] is None, f"{key}: {entry['error']}"
        assert isinstance(entry["value"], (int, float)), key
        assert entry["goal"]["text"], key
        if key in COMPARED:
            # a ratio against a baseline of the same run
            assert entry["baseline"] > 0 and entry["ratio"] > 0, key
        else:
            assert entry["baseline"] is None and entry["ratio"] is None, key
    table = capsys.readouterr().out
    assert all(key in table for key in KEYS)
    after = DEFAULT_OUTPUT.read_bytes() if DEFAULT_OUTPUT.exists() else None
    assert after == before

    markdown.main([str(output)])  # the RESULTS.md table from the same file

    rows = capsys.readouterr().out
    assert all(f"| {key} |" in rows for key in KEYS)


def test_only_runs_the_named_metrics(tmp_path):
    output = tmp_path / "only.json"

    main(["--smoke", "--only", "emulator_start", "--output", str(output)])

    assert list(json.loads(output.read_text())["metrics"]) == ["emulator_start"]
