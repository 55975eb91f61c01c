#!/usr/bin/env python3
"""Learns the speaker choice's weights (src/pipeline/quotes/ranking.rs) from annotated articles.

Usage: train_speaker.py SCORER_DIR GOLD.jsonl EXPLAIN.jsonl OUT_DIR [--max-wrong 0.04]

EXPLAIN.jsonl is what `eval quotes GOLD --explain` writes: a header naming the features, then
per article its fold and, per quote found, every candidate speaker with its features and the
features of naming nobody. Each quote the shared scorer matches to a gold quote (gold pronouns
left out, as in the scorer's speaker accuracy) is one training example; the options that are
right are the ones the scorer's own rule accepts (`quotes_score.speaker_ok`), nobody being right
when the gold names nobody.

The model is a conditional logit (a softmax over a quote's options, linear scores, L2 penalty),
fitted by full-batch Adam; deterministic (no sampling). Written out:
  OUT_DIR/fold-K.json   trained without fold K (for `eval quotes --models OUT_DIR`);
fold-0.json, trained without the check part (fold 0), is the model to ship, so the check
figures of `eval quotes` stay figures on articles the weights never saw. The nobody option's
bias is raised by a margin chosen on the out-of-fold choices of the tune folds only: the one
with the most right speakers less wrong ones (a wrong speaker costs what a right one gains),
or one as accurate whose wrong-speaker rate is within --max-wrong.
"""
import argparse
import json
import pathlib
import sys

import numpy as np

sys.path.insert(0, str(pathlib.Path(__file__).parent))
from speaker_pairs import pairs, scorer  # noqa: E402

L2 = 1e-3
STEPS = 600
RATE = 0.05
# The check part of every corpus (../shared/tools/partition.py): never used to choose.
CHECK_FOLD = 0


def load_examples(scorer_dir, gold_path, explain_path):
    qs = scorer(scorer_dir)
    gold = qs.load(gold_path)
    lines = open(explain_path, encoding="utf-8").read().splitlines()
    header = json.loads(lines[0])["features"]
    examples = []
    for line in lines[1:]:
        article = json.loads(line)
        g = gold.get(article["id"])
        if g is None:
            continue
        for gq, pq in pairs(qs, g, article["quotes"]):
            speakers = [c[0] for c in pq["candidates"]]
            examples.append({
                "fold": article["fold"],
                "candidates": np.array([c[1] for c in pq["candidates"]], dtype=np.float64).reshape(
                    len(speakers), len(header["candidate"])),
                "nobody": np.array(pq["nobody"], dtype=np.float64),
                "right": np.array([qs.speaker_ok(gq, s, False) for s in speakers], dtype=bool),
                "nobody_right": gq.get("speaker") is None,
            })
    return header, examples


def stack(examples):
    """Flattened options: candidate rows with their example index, nobody rows, labels."""
    xs, groups, right = [], [], []
    for i, e in enumerate(examples):
        xs.append(e["candidates"])
        groups.extend([i] * len(e["candidates"]))
        right.extend(e["right"])
    n_features = examples[0]["candidates"].shape[1]
    x = np.vstack(xs) if xs else np.zeros((0, n_features))
    z = np.vstack([e["nobody"] for e in examples])
    return (x, np.array(groups, dtype=np.int64), np.array(right, dtype=bool), z,
            np.array([e["nobody_right"] for e in examples], dtype=bool))


def fit(examples):
    x, groups, right, z, nobody_right = stack(examples)
    n = len(examples)
    # Examples with no right option teach nothing about the choice.
    useful = np.zeros(n, dtype=bool)
    np.logical_or.at(useful, groups, right)
    useful |= nobody_right
    w = np.zeros(x.shape[1])
    v = np.zeros(z.shape[1])
    m = [np.zeros_like(w), np.zeros_like(v)]
    s2 = [np.zeros_like(w), np.zeros_like(v)]
    for step in range(1, STEPS + 1):
        sc = x @ w
        sn = z @ v
        top = sn.copy()
        np.maximum.at(top, groups, sc)
        ec = np.exp(sc - top[groups])
        en = np.exp(sn - top)
        total = en.copy()
        np.add.at(total, groups, ec)
        good = en * nobody_right
        np.add.at(good, groups, ec * right)
        # d(-log good/total)/d score = p - q (q: share among the right options).
        pc = ec / total[groups]
        pn = en / total
        safe_good = np.where(good > 0, good, 1.0)
        qc = np.where(right, ec / safe_good[groups], 0.0)
        qn = np.where(nobody_right, en / safe_good, 0.0)
        weight = useful.astype(np.float64) / max(useful.sum(), 1)
        gc = (pc - qc) * weight[groups]
        gn = (pn - qn) * weight
        grads = [x.T @ gc + 2 * L2 * w, z.T @ gn + 2 * L2 * v]
        for k, (param, grad) in enumerate(zip([w, v], grads)):
            m[k] = 0.9 * m[k] + 0.1 * grad
            s2[k] = 0.999 * s2[k] + 0.001 * grad * grad
            mh = m[k] / (1 - 0.9 ** step)
            sh = s2[k] / (1 - 0.999 ** step)
            param -= RATE * mh / (np.sqrt(sh) + 1e-8)
    return w, v


def choose(w, v, e, margin):
    """(right, wrong, none): the outcome of the model's choice on one example."""
    floor = e["nobody"] @ v + margin
    if len(e["candidates"]):
        scores = e["candidates"] @ w
        best = int(np.argmax(scores))
        if scores[best] > floor:
            return (1, 0, 0) if e["right"][best] else (0, 1, 0)
    return (1, 0, 0) if e["nobody_right"] else (0, 0, 1)


def outcomes(models, examples, margin):
    totals = np.zeros(3)
    for e in examples:
        if e["fold"] == CHECK_FOLD:
            continue
        w, v = models[e["fold"]]
        totals += choose(w, v, e, margin)
    return totals


def write(path, header, w, v, margin, about):
    v = v.copy()
    v[header["nobody"].index("bias")] += margin
    model = {
        "about": about,
        "candidate": {n: round(float(x), 6) for n, x in zip(header["candidate"], w)},
        "nobody": {n: round(float(x), 6) for n, x in zip(header["nobody"], v)},
    }
    with open(path, "w", encoding="utf-8") as f:
        json.dump(model, f, indent=1)
        f.write("\n")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("scorer_dir")
    ap.add_argument("gold")
    ap.add_argument("explain")
    ap.add_argument("out")
    ap.add_argument("--max-wrong", type=float, default=0.04)
    args = ap.parse_args()
    header, examples = load_examples(args.scorer_dir, args.gold, args.explain)
    folds = sorted({e["fold"] for e in examples})
    print(f"{len(examples)} quotes matched to gold in {len(folds)} folds; "
          f"{len(header['candidate'])} candidate and {len(header['nobody'])} nobody features")
    models = {k: fit([e for e in examples if e["fold"] != k]) for k in folds}
    n = sum(e["fold"] != CHECK_FOLD for e in examples)
    print("margin  accuracy  wrong rate  none given   (out-of-fold, tune folds)")
    rows = []
    for margin in np.arange(-2.0, 4.01, 0.25):
        right, wrong, none = outcomes(models, examples, margin)
        rows.append((margin, right / n, wrong / n))
        print(f"{margin:6.2f}  {right / n:8.4f}  {wrong / n:10.4f}  {none / n:10.4f}")
    # A wrong speaker costs what a right one gains: the margin with the most right answers less
    # wrong ones, unless one meets the wrong-speaker ceiling while keeping as many right.
    margin = max(rows, key=lambda r: (r[1] - r[2], -r[2]))[0]
    best = next(r for r in rows if r[0] == margin)
    within = [r for r in rows if r[2] <= args.max_wrong and r[1] >= best[1]]
    if within:
        margin = max(within, key=lambda r: r[1])[0]
    right, wrong, none = outcomes(models, examples, margin)
    print(f"chosen margin {margin:.2f}: accuracy {right / n:.4f}, wrong rate {wrong / n:.4f}, "
          f"none given {none / n:.4f}")
    for k in folds:
        w, v = models[k]
        write(f"{args.out}/fold-{k}.json", header, w, v, margin,
              f"Speaker choice learned from the PolNeAR train split without fold {k} "
              "(scripts/train-speaker).")


if __name__ == "__main__":
    main()
