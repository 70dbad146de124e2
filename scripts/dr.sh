#!/usr/bin/env bash
# One command on any machine:
#   bash scripts/dr.sh start         the app with its default database and the demo meeting
#   bash scripts/dr.sh cluster [N]   N app nodes (default 3) behind HAProxy, with a Redis of their own, on
#                                    this machine, under data/cluster/ (scripts/cluster.ts, docs/deployment.md)
#   bash scripts/dr.sh test          everything CI runs (strict gate, unit and server tests, browser tests)
#   bash scripts/dr.sh dev           the Vite dev server
# It uses the machine's Node when it is 22.17 or newer, and otherwise Node 24 from the npm registry
# (scripts/node-env.sh); installs the dependencies when they are missing or older than the lockfile;
# and, for the tests, Debian's Chromium, libxml2-utils and poppler-utils when they are missing.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=scripts/node-env.sh
source scripts/node-env.sh

if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci
fi

case "${1:-}" in
  start) exec npm start ;;
  cluster)
    shift
    exec node scripts/cluster.ts "$@"
    ;;
  dev) exec npm run dev ;;
  test)
    bash scripts/ensure-test-tools.sh
    exec npm test
    ;;
  *)
    echo "usage: bash scripts/dr.sh start|cluster [N]|test|dev" >&2
    exit 2
    ;;
esac
