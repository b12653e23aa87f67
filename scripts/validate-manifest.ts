import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';

/**
 * The unified manifest checked offline against the Teams schema bundled in @microsoft/app-manifest
 * (its $schema URL is never fetched). Build-time only: tests and `npm run package:teams`.
 */
export function validateTeamsManifest(manifest: { manifestVersion?: string }): string[] {
  const require = createRequire(import.meta.url);
  const version = manifest.manifestVersion ?? '';
  const file = require.resolve(`@microsoft/app-manifest/build/json-schemas/teams/v${version}/MicrosoftTeams.schema.json`);
  const schema = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  delete schema.$schema; // draft-07 by default in Ajv; the bundled file names draft-07 too
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats.default(ajv);
  const validate = ajv.compile(schema);
  if (validate(manifest)) return [];
  return (validate.errors ?? []).map(
    (e) =>
      `${e.instancePath || '/'} ${e.message ?? 'is invalid'}${e.params && 'allowedValues' in e.params ? ` (${(e.params.allowedValues as string[]).join(', ')})` : ''}`,
  );
}
