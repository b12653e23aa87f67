#!/usr/bin/env bash
# npm run package: the deployable zip for App Service (build/dsar-app.zip). It holds the compiled app
# (dist/, without the dev tenant and local start-up), bin/dsar, package.json + lock, and production
# node_modules only: no sources, tests, Azurite, Playground or dev tenant.
set -euo pipefail
cd "$(dirname "$0")/.."
rm -rf dist build/deploy build/dsar-app.zip
npm run build --silent
mkdir -p build/deploy
cp -r dist bin package.json package-lock.json build/deploy/
(cd build/deploy && npm ci --omit=dev --ignore-scripts --no-audit --no-fund --loglevel=error)
for dev in devtenant local; do
  if [ -e "build/deploy/dist/$dev" ]; then echo "package: dist/$dev must not be deployed" >&2; exit 1; fi
done
(cd build/deploy && zip -qr ../dsar-app.zip .)
echo "build/dsar-app.zip: $(du -h build/dsar-app.zip | cut -f1) ($(cd build/deploy && find . -type f | wc -l) files)"
