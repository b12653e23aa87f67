import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * The two manifests are templates (appPackage/manifest.template.json, manifest/manifest.template.xml)
 * filled with one set of values, so they always name the same add-in id and URLs.
 */

export interface ManifestValues {
  /** The Teams app id, also the add-in's id (a GUID, fixed per deployment). */
  TEAMS_APP_ID: string;
  /** The Azure Bot's Microsoft App ID (DSAR_BOT_APP_ID). */
  BOT_ID: string;
  /** The add-in API's app registration (DSAR_API_CLIENT_ID). */
  API_CLIENT_ID: string;
  /** The app's host name, e.g. itguy-dsar-abc.azurewebsites.net (from DSAR_PUBLIC_URL). */
  APP_HOST: string;
}

const root = new URL('../', import.meta.url);
export const TEMPLATES = {
  teams: fileURLToPath(new URL('appPackage/manifest.template.json', root)),
  xml: fileURLToPath(new URL('manifest/manifest.template.xml', root)),
};

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The values from the environment, with every missing or malformed one named. */
export function manifestValues(env: NodeJS.ProcessEnv): ManifestValues {
  const problems: string[] = [];
  const guid = (key: string, value: string | undefined) => {
    if (!value) problems.push(`${key} is required`);
    else if (!GUID.test(value)) problems.push(`${key} must be a GUID`);
    return value ?? '';
  };
  let host = '';
  try {
    if (!env.DSAR_PUBLIC_URL) problems.push("DSAR_PUBLIC_URL is required (the app's https address)");
    else {
      const url = new URL(env.DSAR_PUBLIC_URL);
      if (url.protocol !== 'https:') problems.push('DSAR_PUBLIC_URL must be https (Office and Teams load only https pages)');
      host = url.host;
    }
  } catch {
    problems.push('DSAR_PUBLIC_URL is not a URL');
  }
  const values = {
    TEAMS_APP_ID: guid('DSAR_TEAMS_APP_ID', env.DSAR_TEAMS_APP_ID),
    BOT_ID: guid('DSAR_BOT_APP_ID', env.DSAR_BOT_APP_ID),
    API_CLIENT_ID: guid('DSAR_API_CLIENT_ID', env.DSAR_API_CLIENT_ID),
    APP_HOST: host,
  };
  if (problems.length) throw new Error(`cannot build the manifests:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  return values;
}

export function fillTemplate(text: string, values: ManifestValues): string {
  const filled = text.replace(/\$\{\{(\w+)\}\}/g, (whole, key: string) => {
    if (!(key in values)) throw new Error(`unknown placeholder ${whole}`);
    return values[key as keyof ManifestValues];
  });
  return filled;
}

export function buildManifests(values: ManifestValues): { teams: string; xml: string } {
  return {
    teams: fillTemplate(readFileSync(TEMPLATES.teams, 'utf8'), values),
    xml: fillTemplate(readFileSync(TEMPLATES.xml, 'utf8'), values),
  };
}
