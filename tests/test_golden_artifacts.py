"""Every emitted byte of the artifact corpus is pinned (`tests/golden_corpus.py`).

A compiler change that changes generated code, on purpose or not, fails here with the
cases and files that changed; regenerate the manifest with
`python tests/golden_corpus.py --write` when the change is intended, so the review shows it.
"""

from __future__ import annotations

from golden_corpus import MANIFEST, digests


def test_artifacts_match_the_pinned_digests() -> None:
    expected = MANIFEST.read_text().splitlines()
    actual = digests()
    changed = sorted(set(expected) ^ set(actual))
    cases = sorted({line.split("  ", 1)[1] for line in changed})
    assert actual == expected, "artifacts changed:\n" + "\n".join(cases)
