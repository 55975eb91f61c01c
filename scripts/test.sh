#!/usr/bin/env bash
# The whole test suite: formatting, lints, unit + integration + property + snapshot tests, then the
# end-to-end run with the real grpcurl and a generated Python client. Installs what it needs.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo fmt --all -- --check
cargo clippy --all-targets --locked -- -D warnings
cargo test --locked
bash tests/e2e/grpcurl.sh
# Extraction quality on a sample of the shared corpus, where it exists (CI has ../shared): a
# regression below the floors fails the run. The full evaluation is `eval extraction` without --sample.
corpus=../shared/corpus/article-extraction-benchmark
if [ -d "$corpus" ]; then
  cargo run --locked --quiet --bin eval -- extraction "$corpus" --sample 40 --worst 3 \
    --out target/eval-sample --min-f1 html=0.94,text=0.90
fi
rules=../shared/corpus/golden-rules/en.json
if [ -f "$rules" ]; then
  cargo run --locked --quiet --bin eval -- sentences "$rules" --min-pass 48 | tail -n 1
fi
rules=../shared/corpus/golden-rules/multilingual.json
if [ -f "$rules" ]; then
  cargo run --locked --quiet --bin eval -- sentences "$rules" --min-pass 231 | tail -n 1
  cargo run --locked --quiet --bin eval -- languages "$rules" | tail -n 1
fi
pages=../shared/corpus/trafilatura-multilingual
if [ -d "$pages" ]; then
  cargo run --locked --quiet --bin eval -- snippets "$pages" --worst 0 --min-f1 0.945
fi
quotes=../shared/corpus/polnear-quotes/dev.jsonl
if [ -f "$quotes" ]; then
  cargo run --locked --quiet --bin eval -- quotes "$quotes" --misses 0 --out target/eval-sample \
    --min span=0.945,speaker=0.95,named=0.895
fi
pages=../shared/corpus/wcxb-metadata-dev
if [ -d "$pages" ]; then
  cargo run --locked --quiet --bin eval -- metadata "$pages" --worst 0 --out target/eval-sample \
    --min title=0.91,author=0.84,date=0.85
fi
