#!/usr/bin/env python3
"""Learns the title choice (src/pipeline/metadata/title_choice.rs) from pages with gold titles.

Usage: train_titles.py SCORER_DIR EXPLAIN.jsonl METADATA.json OUT_DIR [--l2 0.01]

EXPLAIN.jsonl is what `eval metadata --explain-titles` writes: a header naming the features,
then per page its fold and every title candidate with its features, in the rules' order. A
candidate is right when the shared scorer's title rule (`metadata_score.title_correct`) accepts
it. The model is a conditional logit (a softmax over a page's candidates, linear scores, L2
penalty) fitted by full-batch gradient descent; deterministic. Pages with no right candidate, or
one candidate only, teach nothing and are left out of training (not of the figures).
Writes OUT_DIR/fold-K.json (trained without fold K); fold-0.json is the model to ship. Prints,
out of fold, the share of pages whose first candidate is right by the rules' order and by the
model, and the paired bootstrap's 95% interval of the difference over pages.
"""
import argparse
import json
import pathlib
import random
import sys

import numpy as np


def load(scorer_dir, explain, gold_path):
    sys.path.insert(0, scorer_dir)
    import metadata_score  # noqa: E402

    gold = json.loads(pathlib.Path(gold_path).read_text(encoding="utf-8"))
    lines = pathlib.Path(explain).read_text(encoding="utf-8").splitlines()
    names = json.loads(lines[0])["features"]
    pages = []
    for line in lines[1:]:
        page = json.loads(line)
        want = (gold.get(page["id"]) or {}).get("title")
        if not want:
            continue
        texts = [c[0] for c in page["candidates"]]
        pages.append({
            "fold": page["fold"],
            "x": np.array([c[1] for c in page["candidates"]], dtype=np.float64).reshape(
                len(texts), len(names)),
            "right": np.array([metadata_score.title_correct(t, want) for t in texts], dtype=bool),
        })
    return names, pages


def fit(pages, n_features, l2, steps=3000, rate=0.5):
    """Full-batch gradient descent over every useful page's candidates at once: the rows of all
    pages stacked, each page a segment, softmax and sums taken per segment."""
    useful = [p for p in pages if p["right"].any() and len(p["right"]) > 1]
    theta = np.zeros(n_features)
    if not useful:
        return theta
    x = np.concatenate([p["x"] for p in useful])
    right = np.concatenate([p["right"] for p in useful]).astype(np.float64)
    sizes = [len(p["right"]) for p in useful]
    starts = np.cumsum([0] + sizes[:-1])
    page = np.repeat(np.arange(len(useful)), sizes)
    target = right / np.add.reduceat(right, starts)[page]
    for _ in range(steps):
        s = x @ theta
        e = np.exp(s - np.maximum.reduceat(s, starts)[page])
        prob = e / np.add.reduceat(e, starts)[page]
        theta -= rate * (l2 * theta + x.T @ (prob - target) / len(useful))
    return theta


def first_right(page, theta):
    if len(page["right"]) == 0:
        return False
    if theta is None:
        return bool(page["right"][0])
    s = page["x"] @ theta
    # Ties keep the rules' order (the first of the best).
    return bool(page["right"][int(np.argmax(s))])


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("scorer_dir")
    parser.add_argument("explain")
    parser.add_argument("gold")
    parser.add_argument("out_dir")
    parser.add_argument("--l2", type=float, default=0.01)
    args = parser.parse_args()
    names, pages = load(args.scorer_dir, args.explain, args.gold)
    out = pathlib.Path(args.out_dir)
    out.mkdir(parents=True, exist_ok=True)
    rules, learned = [], []
    for held in range(5):
        theta = fit([p for p in pages if p["fold"] != held], len(names), args.l2)
        model = {
            "notes": {"trained_on": "pages with gold titles outside fold %d" % held, "l2": args.l2},
            "weights": {n: round(float(t), 6) for n, t in zip(names, theta)},
        }
        (out / f"fold-{held}.json").write_text(json.dumps(model, indent=1) + "\n", encoding="utf-8")
        for p in (p for p in pages if p["fold"] == held):
            rules.append(first_right(p, None))
            learned.append(first_right(p, theta))
    rules, learned = np.array(rules, dtype=float), np.array(learned, dtype=float)
    rng = random.Random(7)
    n = len(rules)
    diffs = sorted(
        float(np.mean([learned[i] - rules[i] for i in (rng.randrange(n) for _ in range(n))]))
        for _ in range(2000))
    reachable = sum(bool(p["right"].any()) for p in pages)
    print(f"{n} pages with a gold title, a right candidate on {reachable}")
    print(f"out of fold, first candidate right: rules {rules.mean():.4f}, learned {learned.mean():.4f}, "
          f"difference {learned.mean() - rules.mean():+.4f} 95% [{diffs[50]:+.4f}, {diffs[1949]:+.4f}]")
    shipped = json.loads((out / "fold-0.json").read_text(encoding="utf-8"))["weights"]
    for name, w in sorted(shipped.items(), key=lambda kv: -abs(kv[1])):
        print(f"  {name:16s} {w:+.3f}")


if __name__ == "__main__":
    main()
