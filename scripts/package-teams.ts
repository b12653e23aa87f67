import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { buildManifests, manifestValues } from './manifests.js';
import { validateTeamsManifest } from './validate-manifest.js';
import { errorText } from '../src/platform/error-text.js';

/**
 * npm run package:teams — appPackage/build/appPackage.zip for the Teams admin center (the bot with the
 * Outlook add-in in `extensions`), and appPackage/build/manifest.xml for Outlook-only deployments.
 * Values from the environment: DSAR_TEAMS_APP_ID, DSAR_BOT_APP_ID, DSAR_API_CLIENT_ID, DSAR_PUBLIC_URL
 * (infra/README.md, step "Teams app package", says where each comes from).
 */
try {
  const { teams, xml } = buildManifests(manifestValues(process.env));
  const errors = validateTeamsManifest(JSON.parse(teams));
  if (errors.length) throw new Error(`the manifest does not match the Teams schema:\n${errors.map((e) => `  - ${e}`).join('\n')}`);
  rmSync('appPackage/build', { recursive: true, force: true });
  mkdirSync('appPackage/build/package', { recursive: true });
  writeFileSync('appPackage/build/package/manifest.json', teams);
  copyFileSync('appPackage/color.png', 'appPackage/build/package/color.png');
  copyFileSync('appPackage/outline.png', 'appPackage/build/package/outline.png');
  writeFileSync('appPackage/build/manifest.xml', xml);
  execFileSync('zip', [
    '-qj',
    'appPackage/build/appPackage.zip',
    'appPackage/build/package/manifest.json',
    'appPackage/build/package/color.png',
    'appPackage/build/package/outline.png',
  ]);
  console.log('appPackage/build/appPackage.zip (Teams admin center) and appPackage/build/manifest.xml (Outlook, XML) are ready');
} catch (error) {
  console.error(`package:teams: ${errorText(error)}`);
  process.exit(1);
}
