"""The quote pairs the shared scorer scores for speakers: gold and predicted quotations matched by
token overlap (≥ 0.5, the scorer's own `match`), gold quotes whose speaker is a pronoun left out,
as in its headline speaker accuracy. Used by speaker-errors.py and train_speaker.py."""
import sys


def scorer(scorer_dir):
    """The shared scorer module (`../shared/tools/quotes_score.py`)."""
    sys.path.insert(0, scorer_dir)
    import quotes_score  # noqa: E402

    return quotes_score


def pairs(qs, gold_article, predicted_quotes):
    """(gold quote, predicted quote) for each scored pair of one article."""
    text = gold_article["text"]
    toks = [(m.start(), m.end()) for m in qs.TOKEN_RE.finditer(text)]
    gs = [qs.canon(text, q["start"], q["end"]) for q in gold_article["quotes"]]
    ps = [qs.canon(text, q["start"], q["end"]) for q in predicted_quotes]
    for gi, pi in qs.match(gs, ps, toks, "overlap", 0.5):
        gq = gold_article["quotes"][gi]
        if not gq.get("speaker_is_pronoun"):
            yield gq, predicted_quotes[pi]
