#!/usr/bin/env python3
"""Learns the speaker choice's weights (src/pipeline/quotes/ranking.rs) from annotated articles.

Usage: train_speaker.py SCORER_DIR GOLD.jsonl EXPLAIN.jsonl OUT_DIR [--max-wrong 0.05]

EXPLAIN.jsonl is what `eval quotes GOLD --explain` writes: a header naming the features, then
per article its fold and, per quote found, every candidate speaker with its features and the
features of naming nobody. Each quote the shared scorer matches to a gold quote (gold pronouns
left out, as in the scorer's speaker accuracy) is one training example; the options that are
right are the ones the scorer's own rule accepts (`quotes_score.speaker_ok`), nobody being right
when the gold names nobody.

The model is a conditional logit (a softmax over a quote's options, linear scores, L2 penalty),
fitted by full-batch Adam; deterministic (no sampling). Written out:
  OUT_DIR/fold-K.json   trained without fold K (for `eval quotes --models OUT_DIR`);
fold-0.json, trained without the check part (fold 0), is the model to ship. A speaker's
confidence is the model's probability of it among the quote's options (nobody included), mapped
by an isotonic fit on the out-of-fold choices to the share of such speakers right (written as
`calibration`); the script prints how reliable it is out of fold (of the speakers given with
confidence in a bin, the share right, each fold mapped by the fit on the other four) and writes as `min_confidence` the lowest confidence under which leaving speakers
out keeps the wrong-speaker rate within --max-wrong (default 5%) on the five folds' out-of-fold
choices: the default of the request option `min_speaker_confidence`.
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


def choose(w, v, e):
    """(candidate index or None, confidence): the best option, and the model's probability of
    it among all the quote's options (nobody included)."""
    floor = e["nobody"] @ v
    if not len(e["candidates"]):
        return None, 0.0
    scores = e["candidates"] @ w
    best = int(np.argmax(scores))
    top = max(floor, scores.max())
    total = np.exp(scores - top).sum() + np.exp(floor - top)
    confidence = float(np.exp(scores[best] - top) / total)
    return (best if scores[best] > floor else None), confidence


def out_of_fold(models, examples):
    """Each example's choice by the model trained without its fold: (given right?, confidence,
    best candidate right?) with given None when nobody is named."""
    rows = []
    for e in examples:
        w, v = models[e["fold"]]
        best, confidence = choose(w, v, e)
        given = None if best is None else bool(e["right"][best])
        scores = e["candidates"] @ w if len(e["candidates"]) else []
        always = bool(e["right"][int(np.argmax(scores))]) if len(scores) else bool(e["nobody_right"])
        rows.append((given, confidence, always, e["nobody_right"], e["fold"]))
    return rows


def isotonic(points):
    """Pool-adjacent-violators over (raw confidence, right) pairs: knots [raw upper bound, share
    right], rising, for a map from the model's softmax to the share of speakers right."""
    blocks = []  # [upper raw, right, count]
    for raw, right in sorted(points):
        blocks.append([raw, float(right), 1])
        while len(blocks) > 1 and blocks[-2][1] / blocks[-2][2] >= blocks[-1][1] / blocks[-1][2]:
            upper, r, n = blocks.pop()
            blocks[-1] = [upper, blocks[-1][1] + r, blocks[-1][2] + n]
    return [[round(u, 4), round(r / n, 4)] for u, r, n in blocks]


def calibrated(knots, raw):
    """The share right at `raw`, read linearly between the knots (so that the map keeps the
    softmax's order: the threshold loses no resolution), flat beyond them."""
    if not knots:
        return raw
    if raw <= knots[0][0]:
        return knots[0][1]
    for (u0, s0), (u1, s1) in zip(knots, knots[1:]):
        if raw <= u1:
            return s0 + (s1 - s0) * (raw - u0) / (u1 - u0) if u1 > u0 else s1
    return knots[-1][1]


def at_threshold(rows, t):
    """(accuracy, wrong rate, none given) when speakers under confidence t are left out."""
    right = wrong = none = 0
    for given, confidence, _, nobody_right, _ in rows:
        if given is None or confidence < t:
            right += nobody_right
            none += not nobody_right
        elif given:
            right += 1
        else:
            wrong += 1
    n = max(len(rows), 1)
    return right / n, wrong / n, none / n


def write(path, header, w, v, min_confidence, knots, about):
    model = {
        "about": about,
        "min_confidence": round(float(min_confidence), 2),
        "calibration": knots,
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
    ap.add_argument("--max-wrong", type=float, default=0.05)
    args = ap.parse_args()
    header, examples = load_examples(args.scorer_dir, args.gold, args.explain)
    folds = sorted({e["fold"] for e in examples})
    print(f"{len(examples)} quotes matched to gold in {len(folds)} folds; "
          f"{len(header['candidate'])} candidate and {len(header['nobody'])} nobody features")
    models = {k: fit([e for e in examples if e["fold"] != k]) for k in folds}
    rows = out_of_fold(models, examples)
    always = sum(r[2] for r in rows) / len(rows)
    print(f"out of fold, all five folds: the best candidate always given: accuracy {always:.4f}")
    # The confidence is the softmax mapped to the share right by an isotonic fit on the
    # out-of-fold choices; the table and the threshold read each fold mapped by the fit on the
    # other four (cross-fitted), the shipped map is fitted on all five.
    given_points = [(r[1], r[0], r[4]) for r in rows if r[0] is not None]
    fits = {k: isotonic([(c, g) for c, g, f in given_points if f != k]) for k in folds}
    rows = [(g, calibrated(fits[f], c) if g is not None else c, a, n, f) for g, c, a, n, f in rows]
    knots = isotonic([(c, g) for c, g, _ in given_points])
    print("reliability of the calibrated confidence (out of fold, cross-fitted): speakers given "
          "with confidence in the bin, and the share right")
    for lo in np.arange(0.0, 1.0, 0.1):
        given = [r for r in rows if r[0] is not None and lo <= r[1] < lo + 0.1 + 1e-9 * (lo >= 0.9)]
        if given:
            share = sum(r[0] for r in given) / len(given)
            print(f"  [{lo:.1f}, {lo + 0.1:.1f})  {len(given):5d}  right {share:.3f}")
    print("threshold  accuracy  wrong rate  none given")
    # The default: the lowest confidence under which a speaker is left out such that at most
    # --max-wrong of the scored quotations get a wrong one, on the five folds' out-of-fold choices.
    chosen = None
    for t in np.arange(0.0, 1.0, 0.01):
        accuracy, wrong, none = at_threshold(rows, t)
        if round(t * 100) % 10 == 0:
            print(f"  {t:7.2f}  {accuracy:8.4f}  {wrong:10.4f}  {none:10.4f}")
        if chosen is None and wrong <= args.max_wrong:
            chosen = t
    chosen = 0.0 if chosen is None else chosen
    accuracy, wrong, none = at_threshold(rows, chosen)
    print(f"default min_speaker_confidence {chosen:.2f}: accuracy {accuracy:.4f}, wrong rate "
          f"{wrong:.4f}, none given {none:.4f} (out of fold, five folds)")
    for k in folds:
        w, v = models[k]
        write(f"{args.out}/fold-{k}.json", header, w, v, chosen, knots,
              f"Speaker choice learned from the PolNeAR train split without fold {k} "
              "(scripts/train-speaker).")


if __name__ == "__main__":
    main()
