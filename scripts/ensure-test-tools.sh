#!/usr/bin/env bash
# What the tests need from Debian besides Node: Chromium for the browser tests (Playwright's own browser
# download is not reachable everywhere we run), xmllint (libxml2-utils) to validate the Akoma Ntoso
# exports against the OASIS schema, and pdftotext/pdftoppm (poppler-utils) to read the PDF exports back.
# Installs what is missing with apt when we may; otherwise says what to do.
set -euo pipefail
chromium="${CHROMIUM_PATH:-/usr/bin/chromium}"
missing=()
[ -x "$chromium" ] || missing+=(chromium)
command -v xmllint >/dev/null 2>&1 || missing+=(libxml2-utils)
command -v pdftotext >/dev/null 2>&1 || missing+=(poppler-utils)
if [ "${#missing[@]}" -eq 0 ]; then
  exit 0
fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "ensure-test-tools: installing Debian's ${missing[*]}" >&2
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  exit 0
fi
echo "ensure-test-tools: missing ${missing[*]}. Install them (Debian/Ubuntu: sudo apt-get install ${missing[*]})," >&2
echo "or, for the browser, set CHROMIUM_PATH to a Chromium or Chrome binary." >&2
exit 1
