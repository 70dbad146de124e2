#!/usr/bin/env bash
# What the tests need from Debian besides Node: Chromium for the browser tests (Playwright's own browser
# download is not reachable everywhere we run); xmllint (libxml2-utils) to validate the Akoma Ntoso
# exports against the OASIS schema; pdftotext (poppler-utils) to read the PDF exports back; and
# LibreOffice's Writer, headless, as a second, independent reader of the DOCX exports; PostgreSQL's
# and Redis's server binaries, which the storage and multi-node tests start as real servers of their own
# (tests/services/), on free loopback ports, stopped at the end; and HAProxy, the balancer `dr.sh cluster`
# puts in front of its nodes (tests/server/cluster-script.test.ts runs it).
# Installs what is missing with apt when we may; otherwise says what to do.
set -euo pipefail
chromium="${CHROMIUM_PATH:-/usr/bin/chromium}"
missing=()
[ -x "$chromium" ] || missing+=(chromium)
command -v xmllint >/dev/null 2>&1 || missing+=(libxml2-utils)
command -v pdftotext >/dev/null 2>&1 || missing+=(poppler-utils)
# Writer alone, without the desktop and the fonts it recommends: the tests read its text, not its looks.
lean=()
command -v soffice >/dev/null 2>&1 || lean+=(libreoffice-writer-nogui)
compgen -G '/usr/lib/postgresql/*/bin/postgres' >/dev/null || lean+=(postgresql)
command -v redis-server >/dev/null 2>&1 || lean+=(redis-server)
# Debian puts it in /usr/sbin, which is not on everyone's PATH.
command -v haproxy >/dev/null 2>&1 || [ -x /usr/sbin/haproxy ] || lean+=(haproxy)
if [ "${#missing[@]}" -eq 0 ] && [ "${#lean[@]}" -eq 0 ]; then
  exit 0
fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "ensure-test-tools: installing Debian's ${missing[*]} ${lean[*]}" >&2
  apt-get update -qq
  if [ "${#missing[@]}" -gt 0 ]; then
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  fi
  if [[ " ${lean[*]} " == *" postgresql "* ]]; then
    # The binaries only: no cluster of the machine's own, no service on port 5432 (the tests start theirs).
    mkdir -p /etc/postgresql-common
    grep -qs '^create_main_cluster' /etc/postgresql-common/createcluster.conf ||
      echo 'create_main_cluster = false' >>/etc/postgresql-common/createcluster.conf
  fi
  if [ "${#lean[@]}" -gt 0 ]; then
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${lean[@]}" >/dev/null
  fi
  exit 0
fi
echo "ensure-test-tools: missing ${missing[*]} ${lean[*]}. Install them (Debian/Ubuntu: sudo apt-get install ${missing[*]} ${lean[*]})," >&2
echo "or, for the browser, set CHROMIUM_PATH to a Chromium or Chrome binary." >&2
exit 1
