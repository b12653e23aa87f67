import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { buildManifests, manifestValues, type ManifestValues } from '../../scripts/manifests.js';
import { validateTeamsManifest } from '../../scripts/validate-manifest.js';

/** The unified Teams manifest (bot + Outlook add-in) and the XML add-in manifest, offline. */

const run = promisify(execFile);
const ENV = {
  DSAR_TEAMS_APP_ID: '8c3f5a2e-4b1d-4e6f-9a7c-2d0b1e3f5a6c',
  DSAR_BOT_APP_ID: '0f6a8c52-3c1d-4e5f-9a7b-2d4e6f8a0b1c',
  DSAR_API_CLIENT_ID: '5d6f0a1b-2c3d-4e5f-8a9b-0c1d2e3f4a5b',
  DSAR_PUBLIC_URL: 'https://itguy-dsar-x1.azurewebsites.net',
};
const values: ManifestValues = manifestValues(ENV);
const { teams, xml } = buildManifests(values);
const manifest = JSON.parse(teams);
const parsed = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@' }).parse(xml);

/** The parts of the unified manifest's add-in runtimes the tests read. */
interface ManifestRuntime {
  id: string;
  code: { page: string };
  actions: { type: string; id: string }[];
}
/** A `<Control>` of the XML manifest, as fast-xml-parser reads it. */
interface XmlControl {
  Action: { '@xsi:type': string; FunctionName?: string };
}

/** Every https URL in a text. */
const urls = (text: string) => new Set(text.match(/https:\/\/[^"<\s]+/g) ?? []);

describe('the Teams app manifest', () => {
  it('is valid against the bundled Teams schema, with every placeholder filled', () => {
    expect(teams).not.toContain('${{');
    expect(validateTeamsManifest(manifest)).toEqual([]);
  });

  it('the validation is real: a broken manifest is reported', () => {
    const broken = structuredClone(manifest);
    delete broken.bots[0].botId;
    broken.extensions[0].runtimes[0].lifetime = 'forever';
    const errors = validateTeamsManifest(broken);
    expect(errors.join('\n')).toMatch(/botId/);
    expect(errors.join('\n')).toMatch(/lifetime/);
  });

  it('carries the bot and the Outlook add-in with both commands', () => {
    expect(manifest.bots[0]).toMatchObject({ botId: ENV.DSAR_BOT_APP_ID, scopes: ['personal', 'team'] });
    const actions = manifest.extensions[0].runtimes.flatMap((r: ManifestRuntime) => r.actions.map((a) => `${a.type}:${a.id}`));
    expect(actions).toEqual(['openPage:openDsarPane', 'executeFunction:logAsGdprRequest']);
    expect(manifest.webApplicationInfo).toEqual({ id: ENV.DSAR_API_CLIENT_ID, resource: `api://${ENV.DSAR_API_CLIENT_ID}` });
  });

  it('declares the personal tab DSAR-overblik on the app host, and keeps the bot chat beside it', () => {
    const tabs = manifest.staticTabs as { entityId: string; name?: string; contentUrl?: string; scopes: string[] }[];
    // A bot app with a static tab loses its chat unless the reserved "conversations" tab is declared too.
    expect(tabs.map((tab) => tab.entityId)).toEqual(['conversations', 'dsarOverview']);
    const tab = tabs[1]!;
    expect(tab).toMatchObject({ name: 'DSAR-overblik', scopes: ['personal'], contentUrl: `${ENV.DSAR_PUBLIC_URL}/tab/tab.html` });
    expect(new URL(tab.contentUrl!).host).toBe(manifest.validDomains[0]);
    expect(existsSync(join('src/tab/web', 'tab.html'))).toBe(true);
  });
});

describe('the XML add-in manifest', () => {
  it('is well-formed, a MailApp with a MessageReadCommandSurface group of a function command and a task pane', () => {
    expect(XMLValidator.validate(xml)).toBe(true);
    const app = parsed.OfficeApp;
    expect(app['@xsi:type']).toBe('MailApp');
    const host = app.VersionOverrides.Hosts.Host.DesktopFormFactor;
    expect(host.ExtensionPoint['@xsi:type']).toBe('MessageReadCommandSurface');
    const controls = host.ExtensionPoint.OfficeTab.Group.Control;
    expect(controls.map((c: XmlControl) => c.Action['@xsi:type'])).toEqual(['ExecuteFunction', 'ShowTaskpane']);
    expect(controls[0].Action.FunctionName).toBe('logAsGdprRequest');
  });

  it('names the same add-in and the same pages as the unified manifest, and its icons exist', () => {
    expect(parsed.OfficeApp.Id).toBe(manifest.id);
    const page = (id: string) => manifest.extensions[0].runtimes.find((r: ManifestRuntime) => r.id === id).code.page;
    const xmlUrls = urls(xml);
    expect(xmlUrls).toContain(page('TaskPaneRuntime'));
    expect(xmlUrls).toContain(page('CommandsRuntime'));
    for (const url of [...urls(teams), ...xmlUrls].filter((u) => u.includes('/addin/'))) {
      const file = new URL(url).pathname.replace(/^\/addin\//, '');
      const source = file.endsWith('.js') ? file.replace(/\.js$/, '.ts') : file;
      expect(existsSync(join('src/addin/web', source)), url).toBe(true);
    }
  });
});

describe('npm run package:teams', () => {
  it('names every missing value', async () => {
    const failed = await run(process.execPath, ['--import', 'tsx', 'scripts/package-teams.ts'], { env: { PATH: process.env.PATH } }).catch(
      (e) => e,
    );
    expect(failed.code).toBe(1);
    for (const key of ['DSAR_TEAMS_APP_ID', 'DSAR_BOT_APP_ID', 'DSAR_API_CLIENT_ID', 'DSAR_PUBLIC_URL'])
      expect(failed.stderr).toContain(key);
  });

  it('builds the zip with the manifest and both icons', async () => {
    await run(process.execPath, ['--import', 'tsx', 'scripts/package-teams.ts'], { env: { PATH: process.env.PATH, ...ENV } });
    const { stdout } = await run('unzip', ['-l', 'appPackage/build/appPackage.zip']);
    for (const file of ['manifest.json', 'color.png', 'outline.png']) expect(stdout).toContain(file);
    expect(existsSync('appPackage/build/manifest.xml')).toBe(true);
  });
});
