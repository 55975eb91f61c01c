//! Searches for inputs whose cost grows faster than their size, instead of listing them.
//!
//! ```text
//! shapes [--sizes 65536,262144] [--only TEXT] [--check] [--max-ratio 5] [--max-seconds 2]
//!        [--max-mb 400] [--max-factor 100]
//! ```
//!
//! Every input is built from a grammar: a *unit* (each ASCII punctuation mark and symbol, digits,
//! letters, a word, CJK, combining marks, emoji, each kind of white space, quotation marks) placed
//! as a long run somewhere (inside prose, as a paragraph, as an attribute value or names, as
//! element names, in comments, scripts and styles, list items, table cells, link text, every
//! hint, meta authors and bylines), with
//! request options (defaults, `keepAllText` with small chunks, Markdown with links and images).
//! Each is prepared at two sizes in this process exactly as `batch` prepares a line (read the
//! JSON, run the pipeline, convert, stream the JSON out), timed, and its peak allocation measured.
//! A shape fails when its time grows more than `--max-ratio` for the sizes' ratio (and the larger
//! takes more than a few milliseconds: below that, the clock's noise), when the larger takes more
//! than `--max-seconds`, or when it allocates more than `--max-factor` times its payload or
//! `--max-mb`, whichever is less. Whatever fails becomes a named case in `scripts/complexity`.

use std::time::Instant;

use article_prep::api::jsonl;
use article_prep::config::ServerSettings;
use peak_alloc::PeakAlloc;
use serde_json::{Value, json};

#[global_allocator]
static ALLOCATED: PeakAlloc = PeakAlloc;

/// What a run is made of.
const UNITS: &[(&str, &str)] = &[
    ("letters", "a"),
    ("word", "budget "),
    ("digits", "7"),
    ("cjk", "中"),
    ("combining", "\u{301}"),
    ("emoji", "😀"),
    ("space", " "),
    ("tab", "\t"),
    ("newline", "\n"),
    ("crlf", "\r\n"),
    ("nbsp", "\u{a0}"),
    ("ideographic-space", "\u{3000}"),
    ("line-separator", "\u{2028}"),
    ("zero-width", "\u{200b}"),
    ("curly-quote", "\u{201c}"),
    ("guillemet", "\u{ab}"),
    ("corner-quote", "\u{300c}"),
    ("ellipsis", "\u{2026}"),
    ("dash", "\u{2014}"),
];

/// ASCII punctuation and symbols, each a unit of its own.
const ASCII_MARKS: &str = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";

/// Request options tried with every shape.
fn option_sets() -> Vec<(&'static str, Value)> {
    vec![
        ("defaults", Value::Null),
        (
            "keep-all, 16 tokens",
            json!({"keepAllText": true, "chunking": {"maxTokens": 16}}),
        ),
        (
            "markdown, links, images",
            json!({"textFormat": "TEXT_FORMAT_MARKDOWN", "keepLinks": true, "keepImages": true}),
        ),
    ]
}

const PROSE: &str = "The city council voted on Tuesday to approve a new budget after a debate \
                     that lasted most of the night.";

/// `unit` repeated to about `bytes`.
fn run_of(unit: &str, bytes: usize) -> String {
    unit.repeat((bytes / unit.len()).max(1))
}

/// HTML text: `<`, `>` and `&` written as references, so that a unit stays text.
fn escaped(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

fn page(body: &str) -> Value {
    json!({"html": format!("<html><head><title>Budget</title></head><body><article>\
        <h1>Budget</h1><p>{PROSE}</p>{body}<p>{PROSE}</p></article></body></html>")})
}

/// Where a run is placed: a payload of about `bytes` holding `unit` many times.
type Placement = fn(&str, usize) -> Value;

const PLACEMENTS: &[(&str, Placement)] = &[
    (
        "text: run inside prose",
        |u, n| json!({"text": format!("{PROSE}\n\nCouncil members said {} would change it.\n\n{PROSE}", run_of(u, n))}),
    ),
    (
        "text: run as a paragraph",
        |u, n| json!({"text": format!("{PROSE}\n\n{}\n\n{PROSE}", run_of(u, n))}),
    ),
    (
        "text: units as lines",
        |u, n| json!({"text": format!("{PROSE}\n\n{}\n\n{PROSE}", run_of(&format!("{u}\n"), n))}),
    ),
    ("html: run inside a paragraph", |u, n| {
        page(&format!(
            "<p>Members said {} would change it.</p>",
            escaped(&run_of(u, n))
        ))
    }),
    ("html: attribute value", |u, n| {
        let value = run_of(u, n).replace('"', "&quot;");
        page(&format!("<p data-x=\"{}\">{PROSE}</p>", escaped(&value)))
    }),
    ("html: distinct attribute names", |u, n| {
        let names: String = (0..n / (u.len() + 4))
            .map(|i| format!(" x{i}{}", attribute_name(u)))
            .collect();
        page(&format!("<p{names}>{PROSE}</p>"))
    }),
    // The parse foundation's own paths (src/pipeline/html/outline.rs, guard.rs): attributes on
    // an end tag, and a link closed inside the block it opened, repeated.
    ("html: end-tag attribute value", |u, n| {
        let value = run_of(u, n).replace('\'', "&#39;");
        page(&format!("<p>{PROSE}</p x='{}'>", escaped(&value)))
    }),
    ("html: links closed across blocks", |u, n| {
        page(&run_of(
            &format!("<a href=x><p>{}</a> {PROSE}</p>", escaped(u)),
            n,
        ))
    }),
    ("html: element names", |u, n| {
        let name = format!("x{}", attribute_name(u));
        page(&run_of(&format!("<{name}>{PROSE}</{name}>"), n))
    }),
    ("html: comment", |u, n| {
        page(&format!("<!--{}-->", run_of(u, n).replace("-->", "")))
    }),
    ("html: script and style", |u, n| {
        let run = run_of(u, n / 2).replace("</", "");
        page(&format!("<script>{run}</script><style>{run}</style>"))
    }),
    ("html: list items", |u, n| {
        page(&format!(
            "<ul>{}</ul>",
            run_of(&format!("<li>{}</li>", escaped(u)), n)
        ))
    }),
    ("html: table cells", |u, n| {
        page(&format!(
            "<table><tr>{}</tr></table>",
            run_of(&format!("<td>{}</td>", escaped(u)), n)
        ))
    }),
    ("hints: every field a run", |u, n| {
        let run = run_of(u, n / 5);
        json!({"text": PROSE, "hints": {"url": format!("https://example.com/{run}"),
            "title": run, "source": run, "publishedAt": format!("2025-01-01T{run}"), "language": run}})
    }),
    // The title choice's worst case: four distinct title sources, each a run, and a run for
    // the address its words are matched against.
    ("html: title sources and address", |u, n| {
        let run = escaped(&run_of(u, n / 5));
        let html = format!(
            "<html><head><title>{run} | Site</title><meta property=\"og:title\" content=\"{run} b\">\
             <script type=\"application/ld+json\">{{\"@type\": \"NewsArticle\", \"headline\": \"x {run}\"}}</script>\
             </head><body><article><h1>{run} a</h1><p>{PROSE}</p></article></body></html>"
        );
        let url = format!("https://example.com/{}", run_of(u, n / 5));
        json!({"html": html, "hints": {"url": url}})
    }),
    ("html: meta authors and bylines", |u, n| {
        let tag = format!(
            "<meta name=\"author\" content=\"{}\"><p class=\"byline\">By {}</p>",
            escaped(u),
            escaped(u)
        );
        page(&run_of(&tag, n))
    }),
    ("html: link texts", |u, n| {
        page(&format!(
            "<p>{}</p>",
            run_of(&format!("<a href=\"/x\">{}</a> ", escaped(u)), n)
        ))
    }),
];

/// The unit as it may stand in an attribute or element name (only letters, digits and a few
/// marks can): the unit itself when it can, else its code points written as letters.
fn attribute_name(unit: &str) -> String {
    if unit
        .chars()
        .all(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '.' | ':'))
    {
        unit.to_owned()
    } else {
        unit.chars()
            .map(|c| format!("u{:x}", u32::from(c)))
            .collect()
    }
}

/// One shape measured at one size.
struct Measured {
    seconds: f64,
    /// Peak bytes allocated while it ran, over what was allocated before.
    peak_bytes: usize,
    payload_bytes: usize,
}

fn measure(payload: &Value, options: &Value) -> Measured {
    let mut request = payload.clone();
    request["id"] = json!("shape");
    if !options.is_null() {
        request["options"] = options.clone();
    }
    let line = request.to_string();
    let payload_bytes = line.len();
    let before = ALLOCATED.current_usage();
    ALLOCATED.reset_peak_usage();
    let started = Instant::now();
    let result = jsonl::prepare_line(
        1,
        &line,
        ServerSettings::DEFAULT_MAX_MESSAGE_BYTES,
        None,
        &[],
    );
    // Written as `batch` writes it, to a sink of its own.
    let _ = jsonl::write_line(&result, &mut std::io::BufWriter::new(std::io::sink()));
    let seconds = started.elapsed().as_secs_f64();
    let peak_bytes = ALLOCATED.peak_usage().saturating_sub(before);
    Measured {
        seconds,
        peak_bytes,
        payload_bytes,
    }
}

struct Limits {
    max_ratio: f64,
    max_seconds: f64,
    max_mb: f64,
    max_factor: f64,
    /// Below this, time ratios are the clock's noise.
    noise_seconds: f64,
}

/// The command line: the two sizes, the shapes asked for, whether to fail, and the limits.
struct Args {
    small: usize,
    large: usize,
    only: String,
    check: bool,
    limits: Limits,
}

fn args() -> Args {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let flag = |name: &str| {
        args.iter()
            .position(|a| a == name)
            .and_then(|i| args.get(i + 1))
            .cloned()
    };
    let number = |name: &str, default: f64| {
        flag(name)
            .and_then(|v| v.parse::<f64>().ok())
            .unwrap_or(default)
    };
    let sizes: Vec<usize> = flag("--sizes")
        .unwrap_or_else(|| "65536,262144".to_owned())
        .split(',')
        .filter_map(|s| s.trim().parse().ok())
        .collect();
    let (Some(&small), Some(&large)) = (sizes.first(), sizes.last()) else {
        eprintln!("shapes: --sizes takes two sizes in bytes, e.g. 65536,262144");
        std::process::exit(2);
    };
    Args {
        small,
        large,
        only: flag("--only").unwrap_or_default(),
        check: args.iter().any(|a| a == "--check"),
        limits: Limits {
            max_ratio: number("--max-ratio", 5.0),
            max_seconds: number("--max-seconds", 2.0),
            max_mb: number("--max-mb", 400.0),
            max_factor: number("--max-factor", 100.0),
            noise_seconds: number("--noise-seconds", 0.02),
        },
    }
}

fn main() {
    let Args {
        small,
        large,
        only,
        check,
        limits,
    } = args();
    let mut units: Vec<(String, String)> = UNITS
        .iter()
        .map(|(n, u)| ((*n).to_owned(), (*u).to_owned()))
        .collect();
    units.extend(
        ASCII_MARKS
            .chars()
            .map(|c| (format!("'{c}'"), c.to_string())),
    );
    let size_ratio = large as f64 / small as f64;
    println!(
        "{:<48} {:>9} {:>9} {:>6} {:>8}  verdict",
        format!("shape ({small} -> {large} bytes)"),
        "s small",
        "s large",
        "ratio",
        "MB large"
    );
    let (mut shapes, mut failed, mut worst) = (0, Vec::new(), (0.0f64, String::new()));
    let started = Instant::now();
    for (option_name, options) in option_sets() {
        for (placement, build) in PLACEMENTS {
            for (unit_name, unit) in &units {
                let name = format!("{placement} / {unit_name} / {option_name}");
                if !name.contains(only.as_str()) {
                    continue;
                }
                shapes += 1;
                let (small_payload, large_payload) = (build(unit, small), build(unit, large));
                let mut a = measure(&small_payload, &options);
                let mut b = measure(&large_payload, &options);
                // A shared machine's hiccup looks like growth: a shape that seems to grow too
                // fast is measured twice more, its fastest times kept.
                for _ in 0..2 {
                    let ratio = b.seconds / a.seconds.max(1e-6);
                    if b.seconds <= limits.noise_seconds
                        || ratio <= limits.max_ratio * size_ratio / 4.0
                    {
                        break;
                    }
                    a.seconds = a.seconds.min(measure(&small_payload, &options).seconds);
                    b.seconds = b.seconds.min(measure(&large_payload, &options).seconds);
                }
                let ratio = b.seconds / a.seconds.max(1e-6);
                let mb = b.peak_bytes as f64 / 1e6;
                let memory_cap =
                    (limits.max_factor * b.payload_bytes as f64 / 1e6).min(limits.max_mb);
                let mut why = Vec::new();
                if b.seconds > limits.noise_seconds && ratio > limits.max_ratio * size_ratio / 4.0 {
                    why.push(format!("time x{ratio:.1}"));
                }
                if b.seconds > limits.max_seconds {
                    why.push(format!("{:.2} s", b.seconds));
                }
                if mb > memory_cap {
                    why.push(format!("{mb:.0} MB > {memory_cap:.0}"));
                }
                if b.seconds > worst.0 {
                    worst = (b.seconds, name.clone());
                }
                if why.is_empty() {
                    if !check {
                        println!(
                            "{name:<48} {:>9.4} {:>9.4} {ratio:>6.1} {mb:>8.1}  ok",
                            a.seconds, b.seconds
                        );
                    }
                } else {
                    println!(
                        "{name:<48} {:>9.4} {:>9.4} {ratio:>6.1} {mb:>8.1}  FAIL: {}",
                        a.seconds,
                        b.seconds,
                        why.join(", ")
                    );
                    failed.push(name);
                }
            }
        }
    }
    println!(
        "shapes: {shapes} searched in {:.0} s, {} failed; slowest at {large} bytes: {} ({:.3} s)",
        started.elapsed().as_secs_f64(),
        failed.len(),
        worst.1,
        worst.0
    );
    if check && !failed.is_empty() {
        std::process::exit(1);
    }
}
