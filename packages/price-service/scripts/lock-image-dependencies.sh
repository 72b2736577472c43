#!/usr/bin/env bash
# Regenerates package-lock.json for the Docker image: the production dependencies of this package alone,
# resolved outside the workspace (the image's build context is this folder, where the root lockfile
# cannot be seen). Run it after changing "dependencies"; test/image.test.ts fails while the two disagree.
set -euo pipefail
cd "$(dirname "$0")/.."
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
# The image installs from package.json without devDependencies (they are workspace packages and test tools).
node -e '
  const manifest = require("./package.json");
  delete manifest.devDependencies;
  delete manifest.scripts;
  process.stdout.write(JSON.stringify(manifest, null, 2) + "\n");
' > "$scratch/package.json"
(cd "$scratch" && npm install --package-lock-only --ignore-scripts --no-audit --no-fund --workspaces=false >/dev/null)
cp "$scratch/package-lock.json" package-lock.json
echo "package-lock.json: $(node -e 'console.log(Object.keys(require("./package-lock.json").packages).length - 1)') packages locked"
