#!/usr/bin/env bash
# The whole test suite: formatting, lints, unit + integration + property + snapshot tests, then the
# end-to-end run with the real grpcurl and a generated Python client. Installs what it needs.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo fmt --all -- --check
cargo clippy --all-targets --locked -- -D warnings
cargo test --locked
bash tests/e2e/grpcurl.sh
