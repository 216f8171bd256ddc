"""`tt-opt --list-passes` documents every tt pass and target with its options, as `-p` spells
them, their allowed values and defaults; `--help` points to it."""

from __future__ import annotations

import dataclasses

from tt_dialect.tools.pass_help import listing
from tt_dialect.universe import get_all_passes, get_all_targets


def test_list_passes_shows_every_pass_with_its_options(tt_opt, tmp_path):
    result = tt_opt("--list-passes", cwd=tmp_path)
    assert result.returncode == 0 and result.stderr == ""
    text = result.stdout
    assert text == listing(get_all_passes(), get_all_targets())
    lines = text.splitlines()
    for name, getter in {**get_all_passes(), **get_all_targets()}.items():
        assert name in lines
        for field in dataclasses.fields(getter()):
            if field.name != "name":
                assert any(line.startswith(f"  {field.name.replace('_', '-')}=") for line in lines), (name, field)


def test_list_passes_gives_values_defaults_and_descriptions(tt_opt, tmp_path):
    text = tt_opt("--list-passes", cwd=tmp_path).stdout
    pipeline = text[text.index("\ntt-pipeline\n"):]
    assert "\n  device=n150|n300|p100|p150  (default: unset)\n      Target card: its architecture, compute grid," in pipeline
    assert "\n  cb-depth=N  (default: 2)\n" in pipeline
    assert "\n  math-fidelity=lofi|hifi2|hifi3|hifi4  (default: hifi4)\n      Math fidelity of the compute kernel.\n" in pipeline
    assert "\n  coarsen-blocks=true|false  (default: true)\n" in pipeline
    # Every option has a description line under it.
    lines = text.splitlines()
    for index, line in enumerate(lines):
        if line.startswith("  ") and not line.startswith("   "):
            assert lines[index + 1].startswith("      "), line


def test_help_mentions_list_passes(tt_opt, tmp_path):
    result = tt_opt("--help", cwd=tmp_path)
    assert result.returncode == 0
    assert "--list-passes" in result.stdout
    assert "tt-opt --list-passes shows every tt pass with its options and defaults." in result.stdout
