import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  firstObject,
  objectEntries,
  readBicep,
  statements,
  stringLiteral,
  valueAt,
  type BicepText,
  type Statement,
} from './bicep-reader.js';

/**
 * Checks of infra/ that need no Bicep compiler (none is available offline): the templates' structure, the
 * security settings, that no secret is declared, defaulted or output, and that the app settings are the
 * names the app actually reads. `az bicep build infra/main.bicep` (or a deployment) remains the real check.
 */

const ROOT = resolve(import.meta.dirname, '../..');
const INFRA = join(ROOT, 'infra');

interface BicepFile {
  path: string;
  /** Relative to the repository, for messages. */
  name: string;
  text: BicepText;
  statements: Statement[];
}

function load(path: string): BicepFile {
  const text = readBicep(readFileSync(path, 'utf8'));
  return { path, name: relative(ROOT, path), text, statements: statements(text) };
}

const MAIN = load(join(INFRA, 'main.bicep'));
const PARAMS = load(join(INFRA, 'main.bicepparam'));
const MODULE_DIR = join(INFRA, 'modules');
const MODULES = readdirSync(MODULE_DIR)
  .filter((f) => f.endsWith('.bicep'))
  .map((f) => load(join(MODULE_DIR, f)));
const FILES = [MAIN, ...MODULES];

interface Resource {
  file: BicepFile;
  statement: Statement;
  type: string;
  apiVersion: string;
  existing: boolean;
  /** Index of the resource body's `{`. */
  body: number;
}

function resourcesIn(file: BicepFile): Resource[] {
  return file.statements
    .filter((s) => s.keyword === 'resource')
    .map((statement) => {
      const head = /^'([^'@]+)@([^']+)'\s*(existing)?$/.exec(statement.head);
      if (!head) throw new Error(`${file.name}: cannot read the type of resource ${statement.name}: ${statement.head}`);
      return {
        file,
        statement,
        type: head[1]!,
        apiVersion: head[2]!,
        existing: head[3] === 'existing',
        body: firstObject(file.text, statement.valueStart!, statement.valueEnd!),
      };
    });
}

const RESOURCES = FILES.flatMap(resourcesIn);

/** The one resource (not `existing`) of a type; fails the test if there is not exactly one. */
function only(type: string): Resource {
  const found = RESOURCES.filter((r) => r.type === type && !r.existing);
  expect(
    found.map((r) => `${r.file.name}: ${r.statement.name}`),
    `exactly one ${type}`,
  ).toHaveLength(1);
  return found[0]!;
}

function at(resource: Resource, path: string): string | undefined {
  return valueAt(resource.file.text, resource.body, path);
}

function params(file: BicepFile): Statement[] {
  return file.statements.filter((s) => s.keyword === 'param');
}

function moduleCalls(file: BicepFile) {
  return file.statements
    .filter((s) => s.keyword === 'module')
    .map((statement) => {
      const path = stringLiteral(statement.head);
      if (path === undefined) throw new Error(`${file.name}: module ${statement.name} has no plain path: ${statement.head}`);
      const body = firstObject(file.text, statement.valueStart!, statement.valueEnd!);
      const paramsEntry = objectEntries(file.text, body).find((e) => e.key === 'params');
      const passed = paramsEntry ? objectEntries(file.text, file.text.skeleton.indexOf('{', paramsEntry.valueStart)) : [];
      return { statement, target: resolve(dirname(file.path), path), body, passed };
    });
}

/** A variable's value in the same file, so `roleDefinitions', someRoleId)` can be resolved. */
function variable(file: BicepFile, name: string): string | undefined {
  return file.statements.find((s) => s.keyword === 'var' && s.name === name)?.value;
}

/** Whether `name` is referenced in `file` outside its own declaration (object keys and `.name` don't count). */
function isReferenced(file: BicepFile, declaration: Statement): boolean {
  const { identifiers, skeleton } = file.text;
  const pattern = new RegExp(`(?<![\\w.$])${declaration.name}(?!\\w)`, 'g');
  for (const match of identifiers.matchAll(pattern)) {
    const index = match.index;
    if (index >= declaration.start && index < declaration.end) continue;
    const before = skeleton.slice(0, index).trimEnd();
    const after = skeleton.slice(index + declaration.name.length).trimStart();
    const isKey = after.startsWith(':') && (before === '' || /[{,\n]$/.test(skeleton.slice(0, index).replace(/[ \t]+$/, '')));
    if (!isKey) return true;
  }
  return false;
}

const SECRET_NAME = /password|passwd|secret|token|clientstate|connectionstring|apikey|accountkey|sas(token|url)?$/i;

/** A literal that looks like a credential: a long base64/hex blob, a connection string, a key, a SAS. */
function looksLikeSecret(value: string | undefined): boolean {
  const literal = stringLiteral(value);
  if (literal === undefined) return false;
  if (/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(literal)) return false;
  return (
    /^[A-Za-z0-9+/_-]{24,}={0,2}$/.test(literal) ||
    /AccountKey=|SharedAccessSignature=|SharedAccessKey=|[?&]sig=|-----BEGIN|InstrumentationKey=|Password=/i.test(literal)
  );
}

/** Output names and values that would put a secret into the deployment history. */
const SECRET_OUTPUT =
  /secret|password|passwd|connectionstring|accountkey|primarykey|secondarykey|instrumentationkey|apikey|credential|sastoken|sasurl/i;
/** listKeys(), listSecrets(), listAccountSas() ...: ARM functions that return credentials. */
const LIST_FUNCTION = /(?<![\w.])list[A-Z]?\w*\s*\(|\.list[A-Z]\w*\s*\(/;

describe('infra files', () => {
  it('has main.bicep, main.bicepparam, bicepconfig.json, a README and modules', () => {
    for (const f of ['main.bicep', 'main.bicepparam', 'bicepconfig.json', 'README.md']) expect(existsSync(join(INFRA, f)), f).toBe(true);
    expect(MODULES.length).toBeGreaterThan(0);
  });

  it('every module path exists, and every module file is used', () => {
    const used = new Set<string>();
    for (const file of FILES) {
      for (const call of moduleCalls(file)) {
        expect(existsSync(call.target), `${file.name}: module ${call.statement.name} -> ${relative(ROOT, call.target)}`).toBe(true);
        used.add(call.target);
      }
    }
    expect(
      MODULES.map((m) => m.path).filter((p) => !used.has(p)),
      'modules nobody calls',
    ).toEqual([]);
  });

  it('every module call passes only declared params and all required ones', () => {
    for (const file of FILES) {
      for (const call of moduleCalls(file)) {
        const target = load(call.target);
        const declared = params(target);
        const passed = call.passed.map((e) => e.key);
        const where = `${file.name}: module ${call.statement.name}`;
        expect(
          passed.filter((p) => !declared.some((d) => d.name === p)),
          `${where} passes undeclared params`,
        ).toEqual([]);
        const required = declared.filter((d) => d.value === undefined && !d.head.endsWith('?')).map((d) => d.name);
        expect(
          required.filter((r) => !passed.includes(r)),
          `${where} misses required params`,
        ).toEqual([]);
      }
    }
  });

  it('module outputs that are used exist', () => {
    for (const file of FILES) {
      const calls = moduleCalls(file);
      for (const call of calls) {
        const declared = load(call.target)
          .statements.filter((s) => s.keyword === 'output')
          .map((s) => s.name);
        const used = [...file.text.identifiers.matchAll(new RegExp(`(?<![\\w.])${call.statement.name}\\.outputs\\.(\\w+)`, 'g'))].map(
          (m) => m[1]!,
        );
        expect(
          used.filter((u) => !declared.includes(u)),
          `${file.name}: outputs of ${call.statement.name} that do not exist`,
        ).toEqual([]);
      }
    }
  });

  it('bicepconfig.json declares the Microsoft Graph extension that the Graph modules import', () => {
    // bicepconfig.json allows // comments; none of its strings contain "//".
    const config = JSON.parse(readFileSync(join(INFRA, 'bicepconfig.json'), 'utf8').replace(/^\s*\/\/.*$/gm, '')) as {
      extensions?: Record<string, string>;
    };
    expect(config.extensions?.microsoftGraphV1).toMatch(/^br:mcr\.microsoft\.com\/bicep\/extensions\/microsoftgraph\/v1\.0:\d+\.\d+\.\d+/);
    const graphFiles = FILES.filter((f) => resourcesIn(f).some((r) => r.type.startsWith('Microsoft.Graph/')));
    expect(graphFiles.length).toBeGreaterThan(0);
    for (const file of graphFiles) {
      expect(
        file.statements.some((s) => s.keyword === 'extension' && s.head === 'microsoftGraphV1'),
        `${file.name} imports microsoftGraphV1`,
      ).toBe(true);
    }
  });

  it('every resource names an API version; preview versions only where no GA exists', () => {
    const PREVIEW_ALLOWED = ['Microsoft.Insights/diagnosticSettings'];
    for (const r of RESOURCES) {
      const where = `${r.file.name}: ${r.statement.name}`;
      if (r.type.startsWith('Microsoft.Graph/')) {
        expect(r.apiVersion, where).toBe('v1.0');
      } else {
        expect(r.apiVersion, where).toMatch(/^\d{4}-\d{2}-\d{2}(-preview)?$/);
        if (r.apiVersion.endsWith('-preview')) expect(PREVIEW_ALLOWED, where).toContain(r.type);
      }
    }
  });
});

describe('parameters', () => {
  it('every param is used in its file (in main.bicep: used there or passed on to a module)', () => {
    for (const file of FILES) {
      const unused = params(file)
        .filter((p) => !isReferenced(file, p))
        .map((p) => p.name);
      expect(unused, `${file.name}: unused params`).toEqual([]);
    }
  });

  it('main.bicepparam uses main.bicep and sets only params main.bicep declares, and every required one', () => {
    const using = PARAMS.statements.find((s) => s.keyword === 'using');
    expect(stringLiteral(using?.head)).toBe('./main.bicep');
    const declared = params(MAIN);
    const set = params(PARAMS).map((p) => p.name);
    expect(
      set.filter((name) => !declared.some((d) => d.name === name)),
      'set in main.bicepparam but not declared',
    ).toEqual([]);
    const required = declared.filter((d) => d.value === undefined && !d.head.endsWith('?')).map((d) => d.name);
    expect(
      required.filter((name) => !set.includes(name)),
      'required by main.bicep but not set',
    ).toEqual([]);
  });

  it('no @secure() param has a default, and no default or parameter value looks like a secret', () => {
    for (const file of FILES) {
      for (const p of params(file)) {
        const where = `${file.name}: param ${p.name}`;
        if (p.decorators.some((d) => /^@(sys\.)?secure\(\s*\)$/.test(d)))
          expect(p.value, `${where} is @secure() and has a default`).toBeUndefined();
        expect(looksLikeSecret(p.value), `${where} has a secret-looking default`).toBe(false);
        if (SECRET_NAME.test(p.name))
          expect(p.value === undefined || p.value === "''", `${where}: a secret's param has a default`).toBe(true);
      }
    }
    for (const p of params(PARAMS)) {
      expect(looksLikeSecret(p.value), `main.bicepparam: ${p.name}`).toBe(false);
      expect(SECRET_NAME.test(p.name) && stringLiteral(p.value) !== undefined, `main.bicepparam sets secret ${p.name} literally`).toBe(
        false,
      );
    }
  });

  it('the secret detector itself catches secrets (so the checks above can fail)', () => {
    expect(looksLikeSecret("'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=='")).toBe(true);
    expect(looksLikeSecret("'DefaultEndpointsProtocol=https;AccountName=x;AccountKey=abc'")).toBe(true);
    expect(looksLikeSecret("'B1'")).toBe(false);
    expect(looksLikeSecret("'0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'")).toBe(false);
    expect(looksLikeSecret('resourceGroup().location')).toBe(false);
  });
});

describe('no secret leaves the deployment', () => {
  it('no output name or value refers to a secret, key, connection string or list*() call', () => {
    for (const file of FILES) {
      for (const output of file.statements.filter((s) => s.keyword === 'output')) {
        const where = `${file.name}: output ${output.name}`;
        expect(output.name, where).not.toMatch(SECRET_OUTPUT);
        expect(output.value ?? '', where).not.toMatch(SECRET_OUTPUT);
        expect(output.value ?? '', where).not.toMatch(LIST_FUNCTION);
        expect(
          output.decorators.some((d) => /secure\(/.test(d)),
          `${where} is a secure output`,
        ).toBe(false);
      }
    }
  });

  it('no template calls listKeys()/listSecrets()/... or creates a Key Vault secret or an app password', () => {
    for (const file of FILES) expect(file.text.identifiers, file.name).not.toMatch(LIST_FUNCTION);
    expect(RESOURCES.filter((r) => r.type === 'Microsoft.KeyVault/vaults/secrets').map((r) => r.statement.name)).toEqual([]);
    for (const app of RESOURCES.filter((r) => r.type === 'Microsoft.Graph/applications')) {
      expect(at(app, 'passwordCredentials'), `${app.file.name}: ${app.statement.name}`).toBeUndefined();
      expect(at(app, 'keyCredentials'), `${app.file.name}: ${app.statement.name}`).toBeUndefined();
    }
  });

  it('main.bicep outputs what the admin needs next', () => {
    const outputs = MAIN.statements.filter((s) => s.keyword === 'output').map((s) => s.name);
    for (const name of [
      'appUrl',
      'appHostName',
      'identityClientId',
      'identityPrincipalId',
      'tablesEndpoint',
      'botId',
      'apiClientId',
      'keyVaultName',
    ]) {
      expect(outputs).toContain(name);
    }
  });

  it('the output checks catch a secret (so they can fail)', () => {
    expect('storageConnectionString').toMatch(SECRET_OUTPUT);
    expect('appInsights.properties.ConnectionString').toMatch(SECRET_OUTPUT);
    expect('account.listKeys().keys[0].value').toMatch(LIST_FUNCTION);
    expect('listKeys(account.id, account.apiVersion)').toMatch(LIST_FUNCTION);
    expect('keyVault.outputs.name').not.toMatch(SECRET_OUTPUT);
  });
});

describe('security settings', () => {
  it('Web App: HTTPS only, TLS 1.2, no FTP, Always On, health check, Node 22 LTS, the production start command', () => {
    const site = only('Microsoft.Web/sites');
    expect(at(site, 'properties.httpsOnly')).toBe('true');
    expect(stringLiteral(at(site, 'properties.siteConfig.minTlsVersion'))).toBe('1.2');
    expect(stringLiteral(at(site, 'properties.siteConfig.scmMinTlsVersion'))).toBe('1.2');
    expect(stringLiteral(at(site, 'properties.siteConfig.ftpsState'))).toBe('Disabled');
    expect(at(site, 'properties.siteConfig.alwaysOn')).toBe('true');
    expect(stringLiteral(at(site, 'properties.siteConfig.healthCheckPath'))).toBe('/healthz');
    expect(stringLiteral(at(site, 'properties.siteConfig.linuxFxVersion'))).toBe('NODE|22-lts');
    expect(stringLiteral(at(site, 'properties.siteConfig.appCommandLine'))).toBe('node dist/server/main.js');
    expect(at(site, 'properties.siteConfig.remoteDebuggingEnabled')).toBe('false');
  });

  it('Web App: runs as the user-assigned identity, which also resolves Key Vault references', () => {
    const site = only('Microsoft.Web/sites');
    expect(stringLiteral(at(site, 'identity.type'))).toBe('UserAssigned');
    const identityParam = at(site, 'properties.keyVaultReferenceIdentity');
    expect(identityParam).toBeDefined();
    expect(at(site, 'identity.userAssignedIdentities')).toContain(`'\${${identityParam}}'`);
  });

  it('Web App: basic (username/password) publishing is off for both FTP and SCM', () => {
    const policies = RESOURCES.filter((r) => r.type === 'Microsoft.Web/sites/basicPublishingCredentialsPolicies');
    const byName = Object.fromEntries(policies.map((p) => [stringLiteral(at(p, 'name')), at(p, 'properties.allow')]));
    expect(byName).toEqual({ ftp: 'false', scm: 'false' });
  });

  it('the plan is Linux', () => {
    const plan = only('Microsoft.Web/serverfarms');
    expect(at(plan, 'properties.reserved')).toBe('true');
    expect(stringLiteral(at(plan, 'kind'))).toBe('linux');
  });

  it("the Web App matches the app: /healthz exists, the start command is the build's output, Node 22 meets engines", () => {
    expect(readFileSync(join(ROOT, 'src/server/app.ts'), 'utf8')).toMatch(/server\.get\('\/healthz'/);
    const build = JSON.parse(readFileSync(join(ROOT, 'tsconfig.build.json'), 'utf8')) as {
      compilerOptions: { rootDir: string; outDir: string };
    };
    expect(build.compilerOptions).toMatchObject({ rootDir: 'src', outDir: 'dist' });
    expect(existsSync(join(ROOT, 'src/server/main.ts'))).toBe(true);
    const engines = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { engines: { node: string } }).engines.node;
    const minimumMajor = Number(/>=\s*(\d+)/.exec(engines)?.[1]);
    expect(minimumMajor).toBeLessThanOrEqual(22);
  });

  it('Storage: Entra ID only (no shared keys), TLS 1.2, HTTPS only, no public blobs', () => {
    const account = only('Microsoft.Storage/storageAccounts');
    expect(at(account, 'properties.allowSharedKeyAccess')).toBe('false');
    expect(stringLiteral(at(account, 'properties.minimumTlsVersion'))).toBe('TLS1_2');
    expect(at(account, 'properties.supportsHttpsTrafficOnly')).toBe('true');
    expect(at(account, 'properties.allowBlobPublicAccess')).toBe('false');
    expect(at(account, 'properties.defaultToOAuthAuthentication')).toBe('true');
  });

  it('Key Vault: RBAC, soft delete and purge protection', () => {
    const vault = only('Microsoft.KeyVault/vaults');
    expect(at(vault, 'properties.enableRbacAuthorization')).toBe('true');
    expect(at(vault, 'properties.enableSoftDelete')).toBe('true');
    expect(at(vault, 'properties.enablePurgeProtection')).toBe('true');
  });

  it('Application Insights is workspace-based and takes only Entra-authenticated telemetry', () => {
    const appInsights = only('Microsoft.Insights/components');
    expect(at(appInsights, 'properties.WorkspaceResourceId')).toMatch(/\.id$/);
    expect(at(appInsights, 'properties.DisableLocalAuth')).toBe('true');
    only('Microsoft.OperationalInsights/workspaces');
  });

  it('Azure Bot: the managed identity is its app id (UserAssignedMSI), Teams channel on, /api/messages', () => {
    const bot = only('Microsoft.BotService/botServices');
    expect(stringLiteral(at(bot, 'properties.msaAppType'))).toBe('UserAssignedMSI');
    for (const key of ['msaAppId', 'msaAppMSIResourceId', 'msaAppTenantId', 'endpoint'])
      expect(at(bot, `properties.${key}`), key).toBeDefined();
    const teams = only('Microsoft.BotService/botServices/channels');
    expect(stringLiteral(at(teams, 'properties.channelName'))).toBe('MsTeamsChannel');
    expect(at(teams, 'properties.properties.isEnabled')).toBe('true');
    const call = moduleCalls(MAIN).find((c) => c.target === bot.file.path);
    expect(call?.passed.find((e) => e.key === 'messagingEndpoint')?.value).toMatch(/^'https:\/\/\$\{[^}]+\}\/api\/messages'$/);
  });
});

describe('role assignments', () => {
  // Documented Azure built-in role ids (learn.microsoft.com, "Azure built-in roles").
  const KNOWN_ROLES: Record<string, string> = {
    '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3': 'Storage Table Data Contributor',
    '4633458b-17de-408a-b874-0445c86b69e6': 'Key Vault Secrets User',
    'b86a8fe4-44ce-4948-aee5-eccb2c155cd7': 'Key Vault Secrets Officer',
    '3913510d-42f4-4e42-8a64-420c390055eb': 'Monitoring Metrics Publisher',
  };

  function assignments() {
    return RESOURCES.filter((r) => r.type === 'Microsoft.Authorization/roleAssignments').map((r) => {
      const definition = at(r, 'properties.roleDefinitionId') ?? '';
      const argument = /roleDefinitions'\s*,\s*([^)]+)\)/.exec(definition)?.[1]?.trim() ?? '';
      const id = stringLiteral(argument) ?? stringLiteral(variable(r.file, argument));
      return { resource: r, roleId: id, role: id ? KNOWN_ROLES[id] : undefined, scope: at(r, 'scope') };
    });
  }

  it('every role assignment uses a documented built-in role id', () => {
    const all = assignments();
    expect(all.length).toBeGreaterThan(0);
    for (const a of all) expect(a.role, `${a.resource.file.name}: ${a.resource.statement.name} (${a.roleId})`).toBeDefined();
  });

  it('the app identity is Storage Table Data Contributor on the storage account', () => {
    const account = only('Microsoft.Storage/storageAccounts');
    const grant = assignments().find((a) => a.resource.file === account.file && a.scope === account.statement.name);
    expect(grant?.roleId).toBe('0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3');
    expect(stringLiteral(at(grant!.resource, 'properties.principalType'))).toBe('ServicePrincipal');
  });

  it('the app identity is Key Vault Secrets User on the vault', () => {
    const vault = only('Microsoft.KeyVault/vaults');
    const grants = assignments().filter((a) => a.resource.file === vault.file && a.scope === vault.statement.name);
    const user = grants.find((a) => a.roleId === '4633458b-17de-408a-b874-0445c86b69e6');
    expect(user).toBeDefined();
    expect(at(user!.resource, 'properties.principalId')).toBe('appPrincipalId');
  });
});

describe('Microsoft Graph and Entra', () => {
  const graphFile = MODULES.find((m) => resourcesIn(m).some((r) => r.type === 'Microsoft.Graph/appRoleAssignedTo'))!;

  it('the managed identity gets User.Read.All, Files.Read.All and Mail.Read from Microsoft Graph', () => {
    expect(graphFile).toBeDefined();
    const assignment = resourcesIn(graphFile).find((r) => r.type === 'Microsoft.Graph/appRoleAssignedTo')!;
    const loop = /^\[\s*for\s+(\w+)\s+in\s+(\w+)\s*:/.exec(assignment.statement.value ?? '');
    expect(loop, 'one assignment per role name').not.toBeNull();
    const roleNames = [...(variable(graphFile, loop![2]!) ?? '').matchAll(/'([^']+)'/g)].map((m) => m[1]);
    expect(roleNames).toEqual(expect.arrayContaining(['User.Read.All', 'Files.Read.All', 'Mail.Read']));
    expect(at(assignment, 'principalId')).toBe('principalId');
    const graph = resourcesIn(graphFile).find((r) => r.type === 'Microsoft.Graph/servicePrincipals' && r.existing)!;
    expect(stringLiteral(at(graph, 'appId'))).toBe('00000003-0000-0000-c000-000000000000');
  });

  it('Mail.ReadWrite is granted nowhere in Bicep (only on the watched mailboxes with Exchange RBAC for Applications)', () => {
    for (const file of [...FILES, PARAMS]) expect(file.text.code, file.name).not.toMatch(/Mail\.ReadWrite/);
  });

  it('the API app registration: single tenant, Cases.ReadWrite, NAA redirect URIs, v2 tokens, api://<client id>', () => {
    const apps = RESOURCES.filter((r) => r.type === 'Microsoft.Graph/applications');
    const api = apps.find((a) => at(a, 'api') !== undefined)!;
    expect(api).toBeDefined();
    expect(stringLiteral(at(api, 'signInAudience'))).toBe('AzureADMyOrg');
    expect(at(api, 'api.requestedAccessTokenVersion')).toBe('2');
    const scopes = at(api, 'api.oauth2PermissionScopes') ?? '';
    expect(scopes).toMatch(/value:\s*'Cases\.ReadWrite'/);
    expect(scopes).toMatch(/adminConsentDisplayName:\s*'Read and write DSAR cases'/);
    const redirects = at(api, 'spa.redirectUris') ?? '';
    expect(redirects).toMatch(/'brk-multihub:\/\/\$\{\w+\}'/);
    expect(redirects).toMatch(/'https:\/\/\$\{\w+\}\/addin\/taskpane\.html'/);
    // Same app (uniqueName), second step: the identifier URI built from the client id.
    const uri = apps.find((a) => at(a, 'identifierUris') !== undefined)!;
    expect(uri).toBeDefined();
    const uriExpression = at(uri, 'identifierUris')!.replace(/^\[\s*|\s*\]$/g, '');
    expect(stringLiteral(uriExpression) ?? variable(uri.file, uriExpression)).toMatch(/^'?api:\/\/\$\{\w+\}'?$/);
  });
});

describe('app settings', () => {
  // Read by the app's config schema (src/config/config.ts): every DSAR_* key, PORT and LOG_LEVEL.
  const configSource = readFileSync(join(ROOT, 'src/config/config.ts'), 'utf8');
  const SCHEMA = new Set([...configSource.matchAll(/\bDSAR_[A-Z_]+\b/g)].map((m) => m[0]));
  for (const name of ['PORT', 'LOG_LEVEL']) if (new RegExp(`\\b${name}:`).test(configSource)) SCHEMA.add(name);

  // Set by the deployment before the app reads it: the Outlook add-in issue adds DSAR_API_CLIENT_ID to the
  // schema. Remove it from this list then.
  const PLANNED_SETTINGS: string[] = [];

  // Names read by the platform or by Azure SDKs, not by the app's schema.
  const PLATFORM_SETTINGS = [
    /^AZURE_CLIENT_ID$/,
    /^APPLICATIONINSIGHTS_CONNECTION_STRING$/,
    /^SCM_DO_BUILD_DURING_DEPLOYMENT$/,
    /^WEBSITE_\w+$/,
  ];

  function settings() {
    const config = RESOURCES.filter((r) => r.type === 'Microsoft.Web/sites/config' && stringLiteral(at(r, 'name')) === 'appsettings');
    expect(config, 'one appsettings resource').toHaveLength(1);
    const properties = config[0]!.file.text.skeleton.indexOf(
      '{',
      objectEntries(config[0]!.file.text, config[0]!.body).find((e) => e.key === 'properties')!.valueStart,
    );
    return new Map(objectEntries(config[0]!.file.text, properties).map((e) => [e.key, e.value]));
  }

  it('the schema was read (sanity check of this test)', () => {
    expect([...SCHEMA]).toEqual(
      expect.arrayContaining(['DSAR_TABLES_ENDPOINT', 'DSAR_GRAPH_TENANT_ID', 'DSAR_GRAPH_CLIENT_ID', 'LOG_LEVEL', 'PORT']),
    );
  });

  it('every app setting is a config key, a planned one, or a platform name', () => {
    const unknown = [...settings().keys()].filter(
      (name) => !SCHEMA.has(name) && !PLANNED_SETTINGS.includes(name) && !PLATFORM_SETTINGS.some((p) => p.test(name)),
    );
    expect(unknown).toEqual([]);
  });

  it('every planned setting is actually set (so the list does not go stale)', () => {
    const set = settings();
    for (const name of PLANNED_SETTINGS) expect(set.has(name), name).toBe(true);
  });

  it('Azure mode with the managed identity: endpoint not connection string, no Graph secret, identity everywhere', () => {
    const set = settings();
    for (const name of [
      'AZURE_CLIENT_ID',
      'DSAR_TABLES_ENDPOINT',
      'DSAR_GRAPH_TENANT_ID',
      'DSAR_GRAPH_CLIENT_ID',
      'DSAR_BOT_APP_ID',
      'DSAR_BOT_TENANT_ID',
      'APPLICATIONINSIGHTS_CONNECTION_STRING',
      'LOG_LEVEL',
    ]) {
      expect(set.get(name), name).toBeDefined();
    }
    expect(set.has('DSAR_TABLES_CONNECTION_STRING')).toBe(false);
    expect(set.has('DSAR_GRAPH_CLIENT_SECRET')).toBe(false);
    expect(set.has('DSAR_BOT_APP_PASSWORD')).toBe(false);
    expect(stringLiteral(set.get('DSAR_BOT_APP_TYPE'))).toBe('UserAssignedMSI');
    expect(stringLiteral(set.get('SCM_DO_BUILD_DURING_DEPLOYMENT'))).toBe('false');
    // One identity: the same client id for the SDKs, Graph and the bot.
    expect(set.get('DSAR_GRAPH_CLIENT_ID')).toBe(set.get('AZURE_CLIENT_ID'));
    expect(set.get('DSAR_BOT_APP_ID')).toBe(set.get('AZURE_CLIENT_ID'));
  });

  it('the webhook clientState is a Key Vault reference to the secret the README tells the admin to set', () => {
    const value = settings().get('DSAR_WEBHOOK_CLIENT_STATE') ?? '';
    expect(value).toMatch(/^'@Microsoft\.KeyVault\(SecretUri=\$\{\w+\}secrets\/\$\{\w+\}\/\)'$/);
    const secretName = stringLiteral(variable(MAIN, 'webhookClientStateSecretName'));
    expect(secretName).toBe('dsar-webhook-client-state');
    expect(readFileSync(join(INFRA, 'README.md'), 'utf8')).toContain(`--name ${secretName}`);
  });
});

describe('README', () => {
  const readme = readFileSync(join(INFRA, 'README.md'), 'utf8');

  it('deploys main.bicep with main.bicepparam', () => {
    expect(readme).toMatch(
      /az deployment group create[^\n]*(\\\n[^\n]*)*-f infra\/main\.bicep[^\n]*(\\\n[^\n]*)*-p infra\/main\.bicepparam/,
    );
  });

  it('every deployment output it reads exists', () => {
    const outputs = MAIN.statements.filter((s) => s.keyword === 'output').map((s) => s.name);
    const read = [...readme.matchAll(/properties\.outputs\.(\w+)\.value/g)].map((m) => m[1]!);
    expect(read.length).toBeGreaterThan(0);
    expect(read.filter((name) => !outputs.includes(name))).toEqual([]);
  });
});
