#!/usr/bin/env python3
"""Learns the widening choice of the body search (src/pipeline/boilerplate/widening.rs): how far
an HTML page's run is widened (to no element, to the lowest element that holds it, or to one of
the elements above), from pages with gold bodies.

Usage: train_widening.py SCORER_DIR OUT_DIR CORPUS:EXPLAIN.jsonl ... [--l2 0.0001]
           [--objective expected|best] [--steps 5000] [--rate 5]

EXPLAIN.jsonl is what `eval extraction --explain` writes: per page its visible blocks and the
run's widenings, each with the blocks it keeps and its features. A widening's worth is the shared
scorer's F1 of the text it keeps against the gold body. The model is the region choice's
conditional logit (scripts/train_regions.py; by default ascending the expected F1 of the choice),
one model per fold of ../shared/tools/partition.py
trained on the other four folds of every corpus, added to OUT_DIR/fold-K.json as
`markup_widening`. Prints, out of fold and per corpus, the mean F1 of the rules' widening, of the
learned one and of the best one, with the paired bootstrap's 95% interval of learned − rules.
"""
import argparse
import json
import pathlib
import sys

import numpy as np

from train_regions import fit, interval


def load(scorer_dir, inputs):
    sys.path.insert(0, scorer_dir)
    import extraction_score  # noqa: E402
    import partition  # noqa: E402

    pages, names = [], None
    for spec in inputs:
        corpus_dir, explain = spec.split(":", 1)
        corpus = pathlib.Path(corpus_dir).name
        gold = json.loads((pathlib.Path(corpus_dir) / "ground-truth.json").read_text("utf-8"))
        with open(explain, encoding="utf-8") as f:
            names = json.loads(f.readline())["widening_features"]
            for line in f:
                page = json.loads(line)
                if page["mode"] != "html" or not page.get("widenings"):
                    continue
                want = gold.get(page["id"], {})
                want = want.get("articleBody", "") if isinstance(want, dict) else want
                texts = [b["text"] for b in page["blocks"]]
                f1 = [
                    extraction_score.score_shingles(
                        {"p": want}, {"p": "\n".join(texts[i] for i in w["kept"])},
                        n_bootstrap=0)["f1"]
                    for w in page["widenings"]
                ]
                pages.append({
                    "corpus": corpus,
                    "fold": partition.fold(corpus, page["id"]),
                    "x": np.array([w["x"] for w in page["widenings"]], dtype=np.float64),
                    "f1": np.array(f1),
                })
    return names, pages


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("scorer_dir")
    parser.add_argument("out_dir")
    parser.add_argument("inputs", nargs="+")
    # A light penalty and a long ascent: the defaults are those of the shipped model (chosen by
    # the out-of-fold figure this script prints, against L2 0.01 and 0.001 and the likelihood of
    # the best widenings).
    parser.add_argument("--l2", type=float, default=0.0001)
    parser.add_argument("--objective", choices=["best", "expected"], default="expected")
    parser.add_argument("--steps", type=int, default=5000)
    parser.add_argument("--rate", type=float, default=5.0)
    args = parser.parse_args()
    names, pages = load(args.scorer_dir, args.inputs)
    rules_column = names.index("rules_choice")
    out = pathlib.Path(args.out_dir)
    for held in range(5):
        theta = fit([p for p in pages if p["fold"] != held], len(names), args.l2, args.objective,
                    steps=args.steps, rate=args.rate)
        path = out / f"fold-{held}.json"
        model = json.loads(path.read_text())
        model["notes"]["markup_widening"] = {"l2": args.l2, "objective": args.objective}
        model["markup_widening"] = {n: round(float(t), 6) for n, t in zip(names, theta)}
        path.write_text(json.dumps(model, indent=1) + "\n")
        for p in pages:
            if p["fold"] == held:
                rules = np.flatnonzero(p["x"][:, rules_column] > 0.5)
                p["rules"] = float(p["f1"][rules[0]]) if len(rules) else 0.0
                p["learned"] = float(p["f1"][int(np.argmax(p["x"] @ theta))])
                p["best"] = float(p["f1"].max())
    for corpus in sorted({p["corpus"] for p in pages}) + ["pooled"]:
        mine = [p for p in pages if corpus in ("pooled", p["corpus"])]
        diffs = [p["learned"] - p["rules"] for p in mine]
        low, high = interval(diffs)
        moved = sum(1 for d in diffs if abs(d) > 1e-9)
        rules, learned, best = (np.mean([p[k] for p in mine]) for k in ("rules", "learned", "best"))
        print(f"html {corpus:30s} pages {len(mine):5d} moved {moved:4d}  rules {rules:.4f}  "
              f"learned {learned:.4f}  {learned - rules:+.4f} 95% [{low:+.4f}, {high:+.4f}]  "
              f"oracle {best:.4f}")
    shipped = json.loads((out / "fold-0.json").read_text())["markup_widening"]
    for name, w in sorted(shipped.items(), key=lambda kv: -abs(kv[1])):
        print(f"  {name:22s} {w:+.3f}")


if __name__ == "__main__":
    main()
