#!/usr/bin/env python3
"""Learns the region choice of the body search (src/pipeline/boilerplate/region.rs): which of
the search's candidate runs is the article, from pages with gold bodies.

Usage: train_regions.py SCORER_DIR OUT_DIR MODE CORPUS:EXPLAIN.jsonl ... [--l2 0.01]
                        [--objective best|expected]

EXPLAIN.jsonl is what `eval extraction --explain` writes: per page and mode its visible blocks
and the search's candidate runs (block ranges) with their features. A candidate's worth is the
shared scorer's F1 (`extraction_score.score_shingles`) of its blocks' text against the gold body.
The model is a conditional logit (a softmax over a page's candidates, linear scores, L2 penalty)
fitted by full-batch gradient descent, deterministic, one model per fold of
../shared/tools/partition.py trained on the other four folds of every corpus. The target of a
page is its best candidates (those within 0.01 of the best F1); pages with one candidate teach
nothing. Adds the weights to OUT_DIR/fold-K.json (the block model of the same fold, whose values
the candidates were found with) as `markup_regions` or `text_regions`. Prints, out of fold and per corpus, the mean F1 of the
candidate the rules choose and of the one the model chooses (the candidate's own text, before
the search widens it), with the paired bootstrap's 95% interval of the difference over pages.
"""
import argparse
import json
import pathlib
import random
import sys

import numpy as np


def load(scorer_dir, inputs, mode):
    sys.path.insert(0, scorer_dir)
    import extraction_score  # noqa: E402
    import partition  # noqa: E402

    pages, names = [], None
    for spec in inputs:
        corpus_dir, explain = spec.split(":", 1)
        corpus = pathlib.Path(corpus_dir).name
        gold = json.loads((pathlib.Path(corpus_dir) / "ground-truth.json").read_text("utf-8"))
        with open(explain, encoding="utf-8") as f:
            names = json.loads(f.readline())["region_features"]
            for line in f:
                page = json.loads(line)
                if page["mode"] != mode or not page["regions"]:
                    continue
                want = gold.get(page["id"], {})
                want = want.get("articleBody", "") if isinstance(want, dict) else want
                texts = [b["text"] for b in page["blocks"]]
                f1 = []
                for r in page["regions"]:
                    got = "\n".join(texts[r["start"]:r["end"]])
                    # One page: its F1 needs no bootstrap of the corpus figure.
                    f1.append(extraction_score.score_shingles(
                        {"p": want}, {"p": got}, n_bootstrap=0)["f1"])
                pages.append({
                    "corpus": corpus,
                    "fold": partition.fold(corpus, page["id"]),
                    "x": np.array([r["x"] for r in page["regions"]], dtype=np.float64),
                    "f1": np.array(f1),
                })
    return names, pages


def fit(pages, n_features, l2, objective, steps=2000, rate=0.5):
    """Full-batch gradient descent over every useful page's candidates at once: the rows of all
    pages stacked, each page a segment, softmax and sums taken per segment."""
    useful = [p for p in pages if len(p["f1"]) > 1]
    theta = np.zeros(n_features)
    if not useful:
        return theta
    x = np.concatenate([p["x"] for p in useful])
    f1 = np.concatenate([p["f1"] for p in useful])
    starts = np.cumsum([0] + [len(p["f1"]) for p in useful[:-1]])
    page = np.repeat(np.arange(len(useful)), [len(p["f1"]) for p in useful])
    best_f1 = np.maximum.reduceat(f1, starts)[page]
    best = (f1 >= best_f1 - 0.01).astype(np.float64)
    target = best / np.add.reduceat(best, starts)[page]
    for _ in range(steps):
        s = x @ theta
        e = np.exp(s - np.maximum.reduceat(s, starts)[page])
        prob = e / np.add.reduceat(e, starts)[page]
        if objective == "best":
            # The likelihood of the page's best candidates (those within 0.01 of its best F1).
            residual = prob - target
        else:
            # The expected F1 of the choice, ascended.
            expected = np.add.reduceat(prob * f1, starts)[page]
            residual = -prob * (f1 - expected)
        theta -= rate * (l2 * theta + x.T @ residual / len(useful))
    return theta


def chosen(page, theta, rules_column):
    if theta is None:
        picks = np.flatnonzero(page["x"][:, rules_column] > 0.5)
        return float(page["f1"][picks[0]]) if len(picks) else 0.0
    return float(page["f1"][int(np.argmax(page["x"] @ theta))])


def interval(diffs, seed=7, resamples=2000):
    rng = random.Random(seed)
    n = len(diffs)
    means = sorted(
        sum(diffs[rng.randrange(n)] for _ in range(n)) / n for _ in range(resamples))
    return means[int(0.025 * resamples)], means[int(0.975 * resamples) - 1]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("scorer_dir")
    parser.add_argument("out_dir")
    parser.add_argument("mode", choices=["html", "text"])
    parser.add_argument("inputs", nargs="+")
    parser.add_argument("--l2", type=float, default=0.01)
    parser.add_argument("--objective", choices=["best", "expected"], default="best")
    args = parser.parse_args()
    names, pages = load(args.scorer_dir, args.inputs, args.mode)
    rules_column = names.index("rules_choice")
    part = "markup" if args.mode == "html" else "text"
    out = pathlib.Path(args.out_dir)
    out.mkdir(parents=True, exist_ok=True)
    for held in range(5):
        theta = fit([p for p in pages if p["fold"] != held], len(names), args.l2, args.objective)
        # The region choice joins the block model of the same fold, whose values it was
        # trained on.
        path = out / f"fold-{held}.json"
        model = json.loads(path.read_text()) if path.exists() else {"notes": {}}
        model["notes"][f"{part}_regions"] = {"l2": args.l2, "objective": args.objective}
        model[f"{part}_regions"] = {n: round(float(t), 6) for n, t in zip(names, theta)}
        path.write_text(json.dumps(model, indent=1) + "\n")
        for p in pages:
            if p["fold"] == held:
                p["rules"] = chosen(p, None, rules_column)
                p["learned"] = chosen(p, theta, rules_column)
    for corpus in sorted({p["corpus"] for p in pages}) + ["pooled"]:
        mine = [p for p in pages if corpus in ("pooled", p["corpus"])]
        diffs = [p["learned"] - p["rules"] for p in mine]
        low, high = interval(diffs)
        rules = np.mean([p["rules"] for p in mine])
        learned = np.mean([p["learned"] for p in mine])
        moved = sum(1 for d in diffs if abs(d) > 1e-9)
        print(f"{args.mode} {corpus:30s} pages {len(mine):5d} moved {moved:4d}  "
              f"rules {rules:.4f}  learned {learned:.4f}  {learned - rules:+.4f} "
              f"95% [{low:+.4f}, {high:+.4f}]")
    shipped = json.loads((out / "fold-0.json").read_text())[f"{part}_regions"]
    for name, w in sorted(shipped.items(), key=lambda kv: -abs(kv[1])):
        print(f"  {name:18s} {w:+.3f}")


if __name__ == "__main__":
    main()
