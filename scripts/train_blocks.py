#!/usr/bin/env python3
"""Learns the body search's block values (src/pipeline/boilerplate/learned.rs).

Usage: train_blocks.py OUT_DIR CORPUS_DIR:EXPLAIN.jsonl [CORPUS_DIR:EXPLAIN.jsonl ...]
           [--l2 1.0] [--modes html,text]

Each EXPLAIN.jsonl is what `eval extraction CORPUS --explain FILE` writes: a header naming the
features, then per page and mode
(html, text) the blocks the search sees, each with its text and features. A block is labelled
body when most of its word 3-grams are in the page's gold body (a block under three words: when
its words occur in that order in the gold body); words are the scorer's (`\\w+`, lower case).
Pages of all five folds of ../shared/tools/partition.py are read; each fold's model is trained
on the other four, so that every page can be scored by a model that never saw it (decisions are
taken on the five-fold mean). Each page weighs the same in all: a block's weight is its share of
the page's characters.

Two logistic regressions (markup blocks, plain-text lines; --modes says which are learned, the
others keep the hand rules), L2-penalised, fitted by Newton's method; deterministic. Written
out as {"markup": {feature: weight}, "text": {...}, "notes": ...}:
  OUT_DIR/fold-K.json (K = 0..4)  trained on every fold but K, for `eval extraction
                                   --block-models OUT_DIR` (out-of-fold figures on every page);
                                   fold-0.json, trained without the check part, is the model to
                                   ship.
"""
import argparse
import json
import pathlib
import re

import numpy as np

WORD = re.compile(r"\w+")


def fold(corpus: str, doc_id: str) -> int:
    """The shared partition's fold (../shared/tools/partition.py, imported, not re-derived)."""
    return PARTITION.fold(corpus, doc_id)


def words(text):
    return WORD.findall(text.lower())


def label(block_words, gold_grams, gold_joined):
    if len(block_words) < 3:
        return 1.0 if block_words and f" {' '.join(block_words)} " in gold_joined else 0.0
    grams = [tuple(block_words[i:i + 3]) for i in range(len(block_words) - 2)]
    inside = sum(1 for g in grams if g in gold_grams)
    return 1.0 if inside * 2 >= len(grams) else 0.0


def lone(x, names):
    """A lone word or two that is no heading, list item or table row, and no body material: the
    hand rules value it (learned.rs), so it is no training example."""
    f = dict(zip(names, x))
    two_words = f["log_words"] <= np.log1p(2) / 6 + 1e-9
    kind = f["list_item"] or f["heading"] or f["table_row"]
    return two_words and not kind and not f["good"]


def fit(x, y, w, l2):
    """Weighted logistic regression by Newton's method; the bias is not penalised."""
    theta = np.zeros(x.shape[1])
    penalty = np.full(x.shape[1], l2)
    penalty[0] = 0.0
    for _ in range(50):
        p = 1.0 / (1.0 + np.exp(-(x @ theta)))
        grad = x.T @ (w * (p - y)) + penalty * theta
        hess = (x * (w * p * (1 - p))[:, None]).T @ x + np.diag(penalty + 1e-9)
        step = np.linalg.solve(hess, grad)
        theta -= step
        if np.max(np.abs(step)) < 1e-8:
            break
    return theta


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("out_dir")
    parser.add_argument("inputs", nargs="+")
    parser.add_argument("--l2", type=float, default=1.0)
    parser.add_argument("--modes", default="html,text")
    args = parser.parse_args()
    modes = args.modes.split(",")
    # Per mode: features, labels, weights and the fold of each block.
    rows = {"html": ([], [], [], []), "text": ([], [], [], [])}
    names = None
    for item in args.inputs:
        corpus_dir, explain = item.split(":", 1)
        corpus_dir = pathlib.Path(corpus_dir)
        corpus = corpus_dir.name
        gold = json.loads((corpus_dir / "ground-truth.json").read_text(encoding="utf-8"))
        for line in open(explain, encoding="utf-8"):
            page = json.loads(line)
            if "features" in page:
                names = page["features"]
                continue
            k = fold(corpus, page["id"])
            gold_words = words(gold[page["id"]]["articleBody"])
            grams = {tuple(gold_words[i:i + 3]) for i in range(len(gold_words) - 2)}
            joined = f" {' '.join(gold_words)} "
            blocks = page["blocks"]
            total = sum(len(b["text"]) for b in blocks) or 1
            xs, ys, ws, ks = rows[page["mode"]]
            for b in blocks:
                if lone(b["x"], names):
                    continue
                xs.append(b["x"])
                ys.append(label(words(b["text"]), grams, joined))
                ws.append(len(b["text"]) / total)
                ks.append(k)
    out = pathlib.Path(args.out_dir)
    out.mkdir(parents=True, exist_ok=True)
    data = {m: tuple(np.array(v) for v in rows[m]) for m in rows}
    for held in range(5):
        corpora = [pathlib.Path(i.split(":", 1)[0]).name for i in args.inputs]
        model = {"notes": {"trained_on": corpora, "without_fold": held, "l2": args.l2}}
        for mode, part in (("html", "markup"), ("text", "text")):
            if mode not in modes:
                continue
            x, y, w, ks = data[mode]
            keep = ks != held
            theta = fit(x[keep], y[keep], w[keep], args.l2)
            model[part] = {n: round(float(t), 6) for n, t in zip(names, theta)}
            if held == 0:
                p = 1.0 / (1.0 + np.exp(-(x[keep] @ theta)))
                right = (p >= 0.5) == (y[keep] >= 0.5)
                acc = float(np.sum(w[keep] * right) / np.sum(w[keep]))
                print(f"{mode}: {int(keep.sum())} blocks outside the check part (of {len(y)}), "
                      f"weighted accuracy on them (in sample) {acc:.3f}")
        (out / f"fold-{held}.json").write_text(json.dumps(model, indent=1) + "\n")


if __name__ == "__main__":
    import importlib.util

    tools = pathlib.Path(__file__).resolve().parent.parent.parent / "shared" / "tools"
    spec = importlib.util.spec_from_file_location("partition", tools / "partition.py")
    PARTITION = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(PARTITION)
    main()
