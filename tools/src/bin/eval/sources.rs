//! `eval sources`: how well the quote stage's source ranker (its features,
//! `pipeline::stages::quotes::source_features`) finds the head word of an attribution's source
//! among the nouns and pronouns of the content's sentences, learned from every attribution of
//! PolNeAR's train split (direct, mixed and indirect), five folds by article. Each article is
//! parsed by the analyser of its own fold (trained without it: `--syntax DIR`, as
//! `scripts/train-syntax` writes it), so the ranker learns from parses as wrong as the pipeline's.
//! Sentences are CoreNLP's (`train-syntax.jsonl.gz`). `--save DIR` writes each fold's model.

use std::collections::HashMap;
use std::io::Read;
use std::ops::Range;
use std::path::Path;
use std::rc::Rc;

use article_prep::pipeline::stages::quotes::{
    QuoteFrame, SourceRanker, governor, source_features, source_words,
};
use article_prep::pipeline::stages::syntax::{Analyser, Parse};
use rustc_hash::FxHashMap;
use serde_json::Value;

use crate::quotes::Syntax;
use crate::split::Split;
use crate::tagger::{Perceptron, write_model};

/// One attribution as the ranker learns it: the parsed sentences, the content's words and the
/// source's head word.
struct Example {
    fold: u8,
    parse: Rc<Parse>,
    quote: Range<usize>,
    source: usize,
}

/// Why attributions were not made examples, counted.
#[derive(Default, Debug)]
struct Skipped {
    no_source: usize,
    source_elsewhere: usize,
    not_parsed: usize,
    source_not_nominal: usize,
}

/// Byte offsets of each character of `text`, and one past the end.
fn char_bytes(text: &str) -> Vec<usize> {
    text.char_indices()
        .map(|(i, _)| i)
        .chain(std::iter::once(text.len()))
        .collect()
}

/// The first span of an annotation, in bytes, its ends trimmed of white space and quotation
/// marks (the quote stage's quotations stand inside their marks).
fn first_span(part: &Value, bytes: &[usize], text: &str) -> Option<Range<usize>> {
    let span = part["spans"].as_array()?.first()?;
    let (s, e) = (span[0].as_u64()? as usize, span[1].as_u64()? as usize);
    let (mut s, mut e) = (*bytes.get(s)?, *bytes.get(e)?);
    let marks = |c: char| c.is_whitespace() || "\"“”‘’'«»".contains(c);
    let inner = text.get(s..e)?;
    s += inner.len() - inner.trim_start_matches(marks).len();
    e -= inner.len() - inner.trim_end_matches(marks).len();
    (s < e).then_some(s..e)
}

/// The quoted part of a content (from its first opening mark to its last closing mark), as the
/// quote stage sees a quotation: the words around it (`Trump told Newsmax that Romney "had a
/// crazy policy"`: `Romney`) are words the ranker must learn to pass over.
fn quoted(text: &str, content: Range<usize>) -> Range<usize> {
    let inner = &text[content.clone()];
    let open = inner.find(['“', '"']);
    let close = inner.rfind(['”', '"']);
    match (open, close) {
        (Some(o), Some(c)) if c > o => {
            let start = content.start + o + inner[o..].chars().next().map_or(1, char::len_utf8);
            let end = content.start + c;
            if start < end { start..end } else { content }
        }
        _ => content,
    }
}

/// Every attribution of the train split with a source and a content, as examples.
fn examples(corpus: &Path, syntax: &Syntax) -> Result<(Vec<Example>, Skipped), String> {
    let split = Split::of(&corpus.join("../polnear-quotes/train.jsonl"));
    let read = |name: &str| {
        let path = corpus.join(name);
        std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))
    };
    let texts: HashMap<String, String> = read("../polnear-quotes/train.jsonl")?
        .lines()
        .filter_map(|l| serde_json::from_str::<Value>(l).ok())
        .map(|a| {
            (
                a["id"].as_str().unwrap_or_default().to_owned(),
                a["text"].as_str().unwrap_or_default().to_owned(),
            )
        })
        .collect();
    let path = corpus.join("train-syntax.jsonl.gz");
    let mut syntax_text = String::new();
    flate2::read::GzDecoder::new(
        std::fs::File::open(&path).map_err(|e| format!("{}: {e}", path.display()))?,
    )
    .read_to_string(&mut syntax_text)
    .map_err(|e| format!("{}: {e}", path.display()))?;
    // Each article's sentences, as character ranges.
    let mut sentences: HashMap<String, Vec<(usize, usize)>> = HashMap::new();
    for line in syntax_text.lines() {
        let article: Value = serde_json::from_str(line).map_err(|e| e.to_string())?;
        let ranges = article["sentences"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|s| {
                let tokens = s["tokens"].as_array()?;
                let start = tokens.first()?[1].as_u64()? as usize;
                let end = tokens.last()?[2].as_u64()? as usize;
                Some((start, end))
            })
            .collect();
        sentences.insert(
            article["id"].as_str().unwrap_or_default().to_owned(),
            ranges,
        );
    }
    let mut out = Vec::new();
    let mut skipped = Skipped::default();
    for line in read("train-attributions.jsonl")?.lines() {
        let article: Value = serde_json::from_str(line).map_err(|e| e.to_string())?;
        let id = article["id"].as_str().unwrap_or_default();
        let (Some(text), Some(ranges)) = (texts.get(id), sentences.get(id)) else {
            continue;
        };
        let fold = split.fold(id);
        let Some(analyser) = syntax.for_fold(fold) else {
            continue;
        };
        let bytes = char_bytes(text);
        let ranges: Vec<Range<usize>> = ranges
            .iter()
            .filter_map(|&(s, e)| Some(*bytes.get(s)?..*bytes.get(e)?))
            .collect();
        let mut parses: HashMap<(usize, usize), Option<Rc<Parse>>> = HashMap::new();
        for a in article["attributions"].as_array().into_iter().flatten() {
            let Some(content) = first_span(&a["content"], &bytes, text).map(|c| quoted(text, c))
            else {
                continue;
            };
            let Some(source) = first_span(&a["source"], &bytes, text) else {
                skipped.no_source += 1;
                continue;
            };
            let example = example(analyser, text, &ranges, &mut parses, content, source);
            match example {
                Ok((parse, quote, source)) => out.push(Example {
                    fold,
                    parse,
                    quote,
                    source,
                }),
                Err(Why::Elsewhere) => skipped.source_elsewhere += 1,
                Err(Why::NotParsed) => skipped.not_parsed += 1,
                Err(Why::NotNominal) => skipped.source_not_nominal += 1,
            }
        }
    }
    Ok((out, skipped))
}

enum Why {
    Elsewhere,
    NotParsed,
    NotNominal,
}

/// One attribution's parse (the sentences from the content's start to its end), its content's
/// words and its source's head word.
fn example(
    analyser: &Analyser,
    text: &str,
    ranges: &[Range<usize>],
    parses: &mut HashMap<(usize, usize), Option<Rc<Parse>>>,
    content: Range<usize>,
    source: Range<usize>,
) -> Result<(Rc<Parse>, Range<usize>, usize), Why> {
    let holding = |b: usize| ranges.iter().position(|r| r.start <= b && b < r.end);
    let first = holding(content.start).ok_or(Why::NotParsed)?;
    let last = holding(content.end - 1).unwrap_or(first).max(first);
    let range = ranges[first].start..ranges[last].end;
    if source.start < range.start || source.end > range.end {
        return Err(Why::Elsewhere);
    }
    let parse = parses
        .entry((range.start, range.end))
        .or_insert_with(|| analyser.parse(text, range).map(Rc::new))
        .clone()
        .ok_or(Why::NotParsed)?;
    let quote = parse.words_in(content);
    let head = parse
        .head_of(parse.words_in(source))
        .ok_or(Why::NotNominal)?;
    if !source_words(&parse, quote.clone()).any(|w| w == head) {
        return Err(Why::NotNominal);
    }
    Ok((parse, quote, head))
}

/// Each word that may be an example's source, with its features.
type Candidates = Vec<(usize, Vec<u64>)>;

/// The features of each word that may be the example's source.
fn candidates(e: &Example) -> Candidates {
    let frame = QuoteFrame::new(&e.parse, e.quote.clone());
    source_words(&e.parse, e.quote.clone())
        .map(|w| {
            let mut f = Vec::new();
            source_features(&e.parse, &frame, w, &mut f);
            (w, f)
        })
        .collect()
}

/// The rule the ranker replaces: the governing verb's nominal dependent nearest before it, else
/// the first after it.
fn governor_subject(e: &Example) -> Option<usize> {
    let (parse, quote) = (&e.parse, &e.quote);
    let g = governor(parse, quote.clone())?;
    let outside = |d: &usize| !quote.contains(d) && parse.kinds[*d].is_nominal();
    parse
        .dependents(g)
        .filter(|&d| d < g)
        .filter(outside)
        .last()
        .or_else(|| parse.dependents(g).filter(|&d| d > g).find(outside))
}

/// Trains the ranker on `train` (a perceptron: where the best-scored word is not the source,
/// towards the source's features and away from the guess's).
fn train(train: &[&Example], iterations: usize) -> SourceRanker {
    let mut model = Perceptron::default();
    let mut scores = Vec::new();
    let prepared: Vec<(usize, Candidates)> =
        train.iter().map(|e| (e.source, candidates(e))).collect();
    for _ in 0..iterations {
        for (source, words) in &prepared {
            let mut best: Option<(f32, usize)> = None;
            for (i, (_, f)) in words.iter().enumerate() {
                model.scores_into(f, 1, &mut scores);
                if best.is_none_or(|(s, _)| scores[0] > s) {
                    best = Some((scores[0], i));
                }
            }
            let (Some((_, guess)), Some(truth)) =
                (best, words.iter().position(|(w, _)| w == source))
            else {
                continue;
            };
            if guess != truth {
                model.update_ranked(&words[truth].1, &words[guess].1);
            } else {
                model.update_ranked(&[], &[]);
            }
        }
    }
    model.average();
    SourceRanker::new(model.into_model(&["source".to_owned()], FxHashMap::default(), 0.0))
}

/// Trains and scores the ranker on each fold; prints the share of held-out attributions whose
/// source head it ranks first, and what was skipped; `save` writes each fold's model.
pub fn run(
    corpus: &Path,
    syntax_dir: &Path,
    iterations: usize,
    save: Option<&Path>,
) -> Result<bool, String> {
    let syntax = Syntax::read(Some(syntax_dir))?;
    let (all, skipped) = examples(corpus, &syntax)?;
    println!(
        "{} attributions with their source in the content's sentences; skipped: {skipped:?}",
        all.len()
    );
    let (mut accuracies, mut baselines) = (Vec::new(), Vec::new());
    for fold in 0..5u8 {
        let (held, rest): (Vec<&Example>, Vec<&Example>) = all.iter().partition(|e| e.fold == fold);
        let ranker = train(&rest, iterations);
        let right = held
            .iter()
            .filter(|e| {
                let scores = ranker.scores(&e.parse, &QuoteFrame::new(&e.parse, e.quote.clone()));
                scores
                    .iter()
                    .max_by(|a, b| a.1.total_cmp(&b.1))
                    .is_some_and(|&(w, _)| w == e.source)
            })
            .count();
        let accuracy = right as f64 / held.len().max(1) as f64;
        accuracies.push(accuracy);
        let nearest_right = held
            .iter()
            .filter(|e| governor_subject(e) == Some(e.source))
            .count();
        baselines.push(nearest_right as f64 / held.len().max(1) as f64);
        let bytes = ranker.model().to_bytes();
        println!(
            "fold {fold}: {} held-out attributions, source head ranked first {accuracy:.4} \
             (the governing verb's nearest subject: {:.4}); model {} features, {:.2} MB",
            held.len(),
            baselines[usize::from(fold)],
            ranker.model().features(),
            bytes.len() as f64 / 1e6
        );
        if let Some(dir) = save {
            write_model(dir, &format!("source-fold-{fold}.model"), &bytes)?;
        }
    }
    let mean = |v: &[f64]| v.iter().sum::<f64>() / v.len().max(1) as f64;
    println!(
        "source head ranked first, mean of 5 folds: {:.4} ({iterations} iterations); the \
         governing verb's nearest subject: {:.4}",
        mean(&accuracies),
        mean(&baselines)
    );
    Ok(true)
}
