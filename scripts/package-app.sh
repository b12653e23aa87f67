#!/usr/bin/env bash
# npm run package: the deployable zip for App Service (build/dsar-app.zip). It holds the compiled app
# (dist/, without the dev tenant and local start-up), bin/dsar, package.json + lock, and production
# node_modules only: no sources, tests, Azurite, Playground or dev tenant (packages/m365-dev-tenant).
set -euo pipefail
cd "$(dirname "$0")/.."
rm -rf dist build/deploy build/dsar-app.zip
npm run build --silent
mkdir -p build/deploy
cp -r dist bin build/deploy/
# The workspaces (packages/*: the dev tenant) are not shipped, so the deployed package.json and lock must
# not name them, or npm ci would look for packages/ or link a missing folder.
npx tsx scripts/deploy-manifest.ts . build/deploy
(cd build/deploy && npm ci --omit=dev --ignore-scripts --no-audit --no-fund --loglevel=error)
for dev in dist/devtenant dist/local node_modules/m365-dev-tenant packages; do
  if [ -e "build/deploy/$dev" ]; then echo "package: $dev must not be deployed" >&2; exit 1; fi
done
if grep -rlq "m365-dev-tenant" build/deploy/dist build/deploy/package.json build/deploy/package-lock.json; then
  echo "package: the deploy build refers to the dev tenant (m365-dev-tenant)" >&2; exit 1
fi
(cd build/deploy && zip -qr ../dsar-app.zip .)
echo "build/dsar-app.zip: $(du -h build/dsar-app.zip | cut -f1) ($(cd build/deploy && find . -type f | wc -l) files)"
