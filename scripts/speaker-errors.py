#!/usr/bin/env python3
"""Speaker errors by kind, with the shared scorer's own matching and speaker rule.

Usage: speaker-errors.py SCORER_DIR GOLD.jsonl PRED.jsonl
Prints JSON: pairs scored (overlap-matched, pronoun gold left out, as the scorer's headline
speaker accuracy), right, wrong (a speaker given and wrong, or given where gold has none) and
missing (none given where gold names one); `wrong_rate` is wrong / scored.
"""
import json
import pathlib
import sys

sys.path.insert(0, str(pathlib.Path(__file__).parent))
from speaker_pairs import pairs, scorer  # noqa: E402

qs = scorer(sys.argv[1])


def main():
    gold = qs.load(sys.argv[2])
    pred = qs.load(sys.argv[3])
    counts = {"scored": 0, "right": 0, "wrong": 0, "missing": 0}
    for gid, g in gold.items():
        for gq, pq in pairs(qs, g, pred.get(gid, {"quotes": []})["quotes"]):
            counts["scored"] += 1
            given = bool((pq.get("speaker") or "").strip())
            if qs.speaker_ok(gq, pq.get("speaker"), False):
                counts["right"] += 1
            elif given:
                counts["wrong"] += 1
            else:
                counts["missing"] += 1
    counts["wrong_rate"] = round(counts["wrong"] / counts["scored"], 4) if counts["scored"] else 0.0
    print(json.dumps(counts))


if __name__ == "__main__":
    main()
