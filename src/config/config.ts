import { resolve } from 'node:path';
import { z } from 'zod';
import { ITGUY_REGISTER } from '../domain/register/itguy.js';
import type { ProcessingRegister } from '../domain/register/types.js';
import type { ReminderPolicy } from '../domain/reminders.js';

/**
 * All settings, read from the environment once at start-up. With no settings at all the app runs in
 * local mode (Azurite on this machine); with a table store configured it runs against that ("azure").
 * Anything missing or malformed stops start-up with a message naming each key.
 */

export type TableTarget =
  | { kind: 'azurite'; url: string }
  | { kind: 'endpoint'; endpoint: string }
  | { kind: 'connection-string'; connectionString: string };

export interface Config {
  mode: 'local' | 'azure';
  /** Who the product works for: named once here, used by letters, texts and the search. */
  company: CompanyConfig;
  port: number;
  /**
   * The interface the app listens on: 127.0.0.1 in local mode (nothing off this machine reaches the
   * unsigned bot or the dev endpoints); every interface in Azure mode, where App Service's front end needs it.
   */
  host?: string;
  tables: TableTarget;
  /** Prefix for every table name, so several deployments or test runs can share one account. */
  tablePrefix: string;
  /** Years a closed case is kept before it is deleted (gdpr-rules §4). */
  retentionYears: number;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  local: LocalConfig;
  /** Microsoft Graph. Absent until configured; in local mode `npm start` points it at the dev tenant. */
  graph?: GraphConfig;
  /** Application Insights connection string; telemetry is off without it. */
  telemetryConnectionString?: string;
  /** Running on Azure App Service (WEBSITE_SITE_NAME set): telemetry signs in with the managed identity. */
  onAppService: boolean;
  /** Watching the official mailboxes: on when Graph, a public URL and a webhook secret are all there. */
  intake: IntakeConfig;
  /** Who may see and change cases (the Teams bot, the add-in API). */
  dpo: DpoConfig;
  /** The Teams bot's Azure Bot registration; absent in local mode (the Playground needs no token). */
  bot?: BotConfig;
  /** The Teams app's id (its manifest's), for deep links to its tab; absent, links go to the tab's page. */
  teamsAppId?: string;
  /** Where the bot may send replies and proactive messages, and what its incoming activities may name. */
  botChannel: BotChannelConfig;
  /** When the DPO is reminded of deadlines (through the bot). */
  reminders: ReminderPolicy;
  /** The add-in's API (/api/cases/*): on when its app registration is configured. */
  api?: ApiConfig;
  /** Searching Microsoft 365 and building answer packages. */
  discovery: {
    exportDrive?: string;
    deleteExportsOnClose: boolean;
    /** Microsoft Search's region for the app-only site search (EUR for a Danish tenant, NAM, APC …). */
    searchRegion: string;
    /** The Teams export APIs' payment model: A (E5-type licences), B (pay per message), evaluation (small monthly quota). */
    teamsExportModel: 'A' | 'B' | 'evaluation';
  };
  /** Deadlines as all-day events in one mailbox's calendar (DSAR_CALENDAR_MAILBOX); off without it. */
  calendar?: { mailbox: string; lang: 'da' | 'en'; everyMs: number };
}

export interface LocalConfig {
  tablesPort: number;
  dataDir: string;
  devTenantPort: number;
  playgroundPort: number;
  /** The dev tenant's demo DPO, who is the Playground's user and whose OneDrive gets answer packages locally. */
  demoDpo: { upn: string; objectId: string };
}

export interface CompanyConfig {
  /** The company's name as the bot says it ("ITGuy"); the legal name is the register's controller. */
  name: string;
  /** The mail domain of the company's own staff (their addresses are not third parties in a search). */
  domain: string;
  /** Where data subjects write (the privacy policy's address): the DPO's; intake watches it with the others. */
  dpoMailbox: string;
  /** The processing register: the privacy policy as data (controller, purposes, systems, processors). */
  register: ProcessingRegister;
}

/** How the app proves who it is to Graph: the managed identity, or an app registration's secret. */
export type GraphAuth =
  | { kind: 'client-secret'; tenantId: string; clientId: string; clientSecret: string; authorityHost?: string | undefined }
  | { kind: 'managed-identity'; clientId?: string | undefined };

export interface ApiConfig {
  /** The API's app registration (client) id; tokens carry audience api://<id> or the id itself. */
  clientId: string;
  /**
   * The API app registration's secret. With it, the API checks through Graph, as the signed-in DPO
   * (on-behalf-of, delegated Mail.Read.Shared), whether they can read a mailbox other than their own and the
   * DPO mailbox; without it, only those two.
   */
  clientSecret?: string;
  tenantId: string;
  /** https://login.microsoftonline.com, or the dev tenant. Issuer and JWKS are derived from it. */
  authorityHost: string;
}

export interface DpoConfig {
  /** Entra object ids of the DPO users. */
  userIds: string[];
  /** An Entra group whose (transitive) members are DPO users, checked through Graph. */
  groupId?: string;
}

export interface BotConfig {
  appId: string;
  /** Absent with a user-assigned managed identity. */
  appPassword?: string;
  appType: 'SingleTenant' | 'UserAssignedMSI';
  tenantId: string;
  /** A team channel that also gets new-request cards ("19:...@thread.tacv2"). */
  channelId?: string;
}

export interface BotChannelConfig {
  /**
   * Service URLs (scheme, host, port and path prefix) the bot talks to: Teams' documented endpoints with a
   * bot registration, the Agents Playground's own URL without one. Anything else is refused both ways.
   */
  serviceUrls: string[];
  /** How long a card's ledger claim protects a sender before another instance may resend it. */
  claimStaleMs: number;
  /** How often the redelivery sweep looks for cards a crashed instance left unsent or nobody could receive. */
  redeliveryEveryMs: number;
}

/**
 * Teams' documented service URL hosts: the public cloud and the US government clouds (GCC, GCC High, DoD),
 * as the Microsoft 365 Agents SDK lists them (TeamsServiceEndpoints). Teams adds a region path (/emea/, /amer/, ...).
 */
export const TEAMS_SERVICE_URLS = [
  'https://smba.trafficmanager.net/',
  'https://smba.infra.gcc.teams.microsoft.com/',
  'https://smba.infra.gov.teams.microsoft.us/',
  'https://smba.infra.dod.teams.microsoft.us/',
];

export interface IntakeConfig {
  /**
   * Every official mailbox a request can reach (userPrincipalNames, lower case, no duplicates): the clock
   * starts on arrival at any of them (gdpr-rules §1). By default the DPO mailbox, then support@<domain>.
   */
  mailboxes: string[];
  /** The app's public base URL, where Graph posts notifications. */
  publicUrl?: string;
  /** The secret Graph echoes in every notification (clientState). */
  clientState?: string;
  /** How far back the first catch-up looks. */
  backfillDays: number;
}

export interface GraphConfig {
  /** https://graph.microsoft.com, or the dev tenant. */
  baseUrl: string;
  auth: GraphAuth;
}

/** Rasmus Holt Vestergaard in the dev tenant's demo data (m365-dev-tenant). */
const DEMO_DPO = { upn: 'rhv@itguy.dk', objectId: 'f42480b8-dde4-4295-bd1e-b7dd4383ea03' };

/** Azurite's fixed development account (public, documented by Microsoft; not a secret). */
export const AZURITE_ACCOUNT = 'devstoreaccount1';
export const AZURITE_KEY = 'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const guid = (error: string) => z.string().regex(GUID, { error });

const port = () =>
  z.coerce.number({ error: 'must be a port number' }).int('must be a whole number').min(1, 'must be 1-65535').max(65535, 'must be 1-65535');

// Keys are the environment variable names, so a validation error names exactly what to fix.
const schema = z
  .object({
    PORT: port().default(3978),
    DSAR_HOST: z
      .union([z.ipv4(), z.ipv6(), z.literal('localhost')], {
        error: 'must be an IP address to listen on, e.g. 127.0.0.1 (this machine only) or 0.0.0.0 (every interface)',
      })
      .optional(),
    DSAR_TABLES_ENDPOINT: z
      .url({ protocol: /^https?$/, error: 'must be the table endpoint URL, e.g. https://<account>.table.core.windows.net' })
      .optional(),
    DSAR_TABLES_CONNECTION_STRING: z
      .string()
      .regex(/(^|;)\s*(AccountName|TableEndpoint)\s*=/i, { error: 'must be a storage connection string with AccountName or TableEndpoint' })
      .optional(),
    DSAR_TABLE_PREFIX: z
      .string()
      .regex(/^([A-Za-z][A-Za-z0-9]{0,39})?$/, { error: 'must be letters and digits, starting with a letter, at most 40 characters' })
      .default(''),
    DSAR_RETENTION_YEARS: z.coerce
      .number({ error: 'must be a whole number of years' })
      .int('must be a whole number of years')
      .min(1, 'must be at least 1 year')
      .max(10, 'must be at most 10 years')
      .default(3),
    LOG_LEVEL: z
      .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], {
        error: 'must be one of fatal, error, warn, info, debug, trace, silent',
      })
      .default('info'),
    DSAR_LOCAL_TABLES_PORT: port().default(10002),
    DSAR_DATA_DIR: z.string().trim().min(1).default('.data'),
    DSAR_DEV_TENANT_PORT: port().default(3979),
    DSAR_PLAYGROUND_PORT: port().default(56150),
    DSAR_GRAPH_BASE_URL: z
      .url({ protocol: /^https$/, error: 'must be an https URL, e.g. https://graph.microsoft.com' })
      .default('https://graph.microsoft.com'),
    DSAR_GRAPH_TENANT_ID: guid('must be the Entra tenant id (a GUID)').optional(),
    DSAR_GRAPH_CLIENT_ID: guid('must be an application (client) id (a GUID)').optional(),
    DSAR_GRAPH_CLIENT_SECRET: z.string().min(1).optional(),
    DSAR_GRAPH_AUTHORITY_HOST: z.url({ protocol: /^https$/, error: 'must be an https URL' }).optional(),
    DSAR_DPO_MAILBOX: z.email({ error: 'must be the DPO mailbox address, e.g. dpa@itguy.dk' }).default('dpa@itguy.dk'),
    DSAR_INTAKE_MAILBOXES: z
      .string()
      .transform((v) => [...new Set(v.split(',').map((m) => m.trim().toLowerCase()))].filter(Boolean))
      .superRefine((mailboxes, ctx) => {
        const invalid = mailboxes.filter((m) => !z.email().safeParse(m).success);
        // Addresses are not secrets: naming the wrong one says what to fix.
        if (invalid.length)
          ctx.addIssue({
            code: 'custom',
            message: `${invalid.map((m) => `"${m}"`).join(', ')} is not a mailbox address; must be addresses separated by commas, e.g. dpa@itguy.dk,support@itguy.dk`,
          });
        else if (!mailboxes.length) ctx.addIssue({ code: 'custom', message: 'must name at least one mailbox, e.g. dpa@itguy.dk' });
      })
      .optional(),
    DSAR_COMPANY_DOMAIN: z
      .string()
      .regex(/^[a-z0-9-]+(\.[a-z0-9-]+)+$/i, { error: "must be the staff's mail domain, e.g. itguy.dk" })
      .optional(),
    DSAR_API_CLIENT_ID: guid("must be the API app registration's application (client) id (a GUID)").optional(),
    DSAR_API_CLIENT_SECRET: z.string().min(1).optional(),
    DSAR_PUBLIC_URL: z
      .url({ protocol: /^https?$/, error: "must be the app's public base URL, e.g. https://<app>.azurewebsites.net" })
      .optional(),
    DSAR_WEBHOOK_CLIENT_STATE: z
      .string()
      .refine((v) => !v.startsWith('@Microsoft.KeyVault('), {
        error:
          "is still a Key Vault reference: App Service could not resolve it (check the secret exists and the app's identity may read it)",
      })
      .refine((v) => v.length >= 16 && v.length <= 128, { error: 'must be 16-128 characters (a random secret)' })
      .optional(),
    DSAR_DPO_USER_IDS: z
      .string()
      .transform((v) => v.split(/[\s,;]+/).filter(Boolean))
      .refine((ids) => ids.every((id) => GUID.test(id)), { error: 'must be Entra object ids (GUIDs) separated by commas' })
      .optional(),
    DSAR_DPO_GROUP_ID: guid('must be the object id (a GUID) of the Entra group of DPO users').optional(),
    DSAR_BOT_APP_ID: guid("must be the Azure Bot's Microsoft App ID (a GUID)").optional(),
    DSAR_BOT_APP_PASSWORD: z.string().min(1).optional(),
    DSAR_BOT_APP_TYPE: z
      .enum(['SingleTenant', 'UserAssignedMSI'], {
        error: 'must be SingleTenant or UserAssignedMSI (Azure no longer creates multi-tenant bots)',
      })
      .default('SingleTenant'),
    DSAR_BOT_TENANT_ID: guid('must be the Entra tenant id (a GUID)').optional(),
    DSAR_TEAMS_APP_ID: z.uuid({ error: "must be the Teams app's id (the manifest's id, a GUID)" }).optional(),
    DSAR_BOT_CHANNEL_ID: z
      .string()
      .regex(/^19:[^\s]+@thread\.(tacv2|skype)$/, { error: 'must be a Teams channel id like 19:...@thread.tacv2' })
      .optional(),
    DSAR_REMINDER_HOUR: z.coerce
      .number({ error: 'must be an hour 0-23' })
      .int('must be a whole hour')
      .min(0, 'must be an hour 0-23')
      .max(23, 'must be an hour 0-23')
      .default(8),
    DSAR_REMINDER_DAYS_BEFORE: z
      .string()
      .regex(/^\s*\d{1,2}(\s*,\s*\d{1,2})*\s*$/, { error: 'must be whole days before the deadline, comma-separated, e.g. 7,3,1' })
      .transform((v) => [...new Set(v.split(',').map((d) => Number(d.trim())))].filter((d) => d > 0).sort((a, b) => b - a))
      .default([7, 3, 1]),
    DSAR_REMINDER_UNCONFIRMED_WORKING_DAYS: z.coerce
      .number({ error: 'must be a number of working days' })
      .int()
      .min(1, 'must be 1-20 working days')
      .max(20, 'must be 1-20 working days')
      .default(3),
    DSAR_REMINDER_PAUSED_EVERY_DAYS: z.coerce
      .number({ error: 'must be a number of days' })
      .int()
      .min(1, 'must be 1-30 days')
      .max(30, 'must be 1-30 days')
      .default(7),
    DSAR_BOT_CLAIM_STALE_SECONDS: z.coerce
      .number({ error: 'must be a number of seconds' })
      .int('must be whole seconds')
      .min(1, 'must be 1-3600 seconds')
      .max(3600, 'must be 1-3600 seconds')
      .default(120),
    DSAR_BOT_REDELIVERY_SECONDS: z.coerce
      .number({ error: 'must be a number of seconds' })
      .int('must be whole seconds')
      .min(1, 'must be 1-3600 seconds')
      .max(3600, 'must be 1-3600 seconds')
      .default(60),
    DSAR_EXPORT_DRIVE: z
      .email({ error: 'must be the user principal name whose OneDrive holds answer packages, e.g. lbh@itguy.dk' })
      .optional(),
    DSAR_SEARCH_REGION: z
      .string()
      .regex(/^[A-Z]{3}$/, "must be the tenant's Microsoft Search region, three capital letters, e.g. EUR or NAM")
      .default('EUR'),
    DSAR_TEAMS_EXPORT_MODEL: z
      .enum(['A', 'B', 'evaluation'], { error: 'must be A, B or evaluation (the Teams export payment model)' })
      .default('B'),
    DSAR_CALENDAR_MAILBOX: z
      .email({ error: "must be the mailbox whose calendar gets the deadlines, e.g. the DPO's lbh@itguy.dk or a shared dpa@itguy.dk" })
      .optional(),
    DSAR_CALENDAR_LANGUAGE: z.enum(['da', 'en'], { error: 'must be da or en' }).default('da'),
    DSAR_CALENDAR_SYNC_MINUTES: z.coerce
      .number({ error: 'must be a whole number of minutes' })
      .int('must be whole minutes')
      .min(1, 'must be 1-1440 minutes')
      .max(1440, 'must be 1-1440 minutes')
      .default(10),
    DSAR_EXPORT_DELETE_ON_CLOSE: z.enum(['true', 'false'], { error: 'must be true or false' }).default('true'),
    DSAR_INTAKE_BACKFILL_DAYS: z.coerce
      .number({ error: 'must be a whole number of days' })
      .int()
      .min(1, 'must be 1-365 days')
      .max(365, 'must be 1-365 days')
      .default(31),
    APPLICATIONINSIGHTS_CONNECTION_STRING: z
      .string()
      .regex(/(^|;)\s*InstrumentationKey=/i, {
        error: 'must be an Application Insights connection string (InstrumentationKey=...;IngestionEndpoint=...)',
      })
      .optional(),
    /** Set by Azure App Service; there, local mode would silently write nowhere useful. */
    WEBSITE_SITE_NAME: z.string().optional(),
  })
  .superRefine((env, ctx) => {
    if (env.DSAR_TABLES_ENDPOINT && env.DSAR_TABLES_CONNECTION_STRING) {
      ctx.addIssue({
        code: 'custom',
        path: ['DSAR_TABLES_CONNECTION_STRING'],
        message: 'set either DSAR_TABLES_ENDPOINT (managed identity) or DSAR_TABLES_CONNECTION_STRING, not both',
      });
    }
    if (env.DSAR_CALENDAR_MAILBOX && !env.DSAR_GRAPH_TENANT_ID && (env.DSAR_TABLES_ENDPOINT || env.DSAR_TABLES_CONNECTION_STRING)) {
      ctx.addIssue({
        code: 'custom',
        path: ['DSAR_CALENDAR_MAILBOX'],
        message: 'needs Microsoft Graph (DSAR_GRAPH_TENANT_ID): the deadlines are written to the calendar through Graph',
      });
    }
    if (env.DSAR_GRAPH_CLIENT_SECRET && !env.DSAR_GRAPH_CLIENT_ID) {
      ctx.addIssue({
        code: 'custom',
        path: ['DSAR_GRAPH_CLIENT_ID'],
        message: 'is required with DSAR_GRAPH_CLIENT_SECRET (the app registration the secret belongs to)',
      });
    }
    if ((env.DSAR_GRAPH_CLIENT_SECRET || env.DSAR_GRAPH_CLIENT_ID) && !env.DSAR_GRAPH_TENANT_ID) {
      ctx.addIssue({ code: 'custom', path: ['DSAR_GRAPH_TENANT_ID'], message: 'is required when Graph credentials are configured' });
    }
    if (env.DSAR_PUBLIC_URL && !env.DSAR_WEBHOOK_CLIENT_STATE) {
      ctx.addIssue({
        code: 'custom',
        path: ['DSAR_WEBHOOK_CLIENT_STATE'],
        message: 'is required with DSAR_PUBLIC_URL (the secret Graph echoes in notifications)',
      });
    }
    if (env.DSAR_BOT_APP_ID && env.DSAR_BOT_APP_TYPE === 'SingleTenant' && !env.DSAR_BOT_APP_PASSWORD) {
      ctx.addIssue({
        code: 'custom',
        path: ['DSAR_BOT_APP_PASSWORD'],
        message: 'is required for a SingleTenant bot (or set DSAR_BOT_APP_TYPE=UserAssignedMSI)',
      });
    }
    if (env.DSAR_BOT_APP_ID && !env.DSAR_BOT_TENANT_ID && !env.DSAR_GRAPH_TENANT_ID) {
      ctx.addIssue({
        code: 'custom',
        path: ['DSAR_BOT_TENANT_ID'],
        message: 'is required with DSAR_BOT_APP_ID (or set DSAR_GRAPH_TENANT_ID)',
      });
    }
    if ((env.DSAR_BOT_APP_PASSWORD || env.DSAR_BOT_CHANNEL_ID) && !env.DSAR_BOT_APP_ID) {
      ctx.addIssue({ code: 'custom', path: ['DSAR_BOT_APP_ID'], message: 'is required with the other DSAR_BOT_* settings' });
    }
    if (env.DSAR_API_CLIENT_ID && !env.DSAR_GRAPH_TENANT_ID) {
      ctx.addIssue({
        code: 'custom',
        path: ['DSAR_GRAPH_TENANT_ID'],
        message: 'is required with DSAR_API_CLIENT_ID (the tenant whose tokens the API accepts)',
      });
    }
    if (env.DSAR_API_CLIENT_SECRET && !env.DSAR_API_CLIENT_ID) {
      ctx.addIssue({
        code: 'custom',
        path: ['DSAR_API_CLIENT_ID'],
        message: 'is required with DSAR_API_CLIENT_SECRET (the API app registration the secret belongs to)',
      });
    }
    if (env.DSAR_DPO_GROUP_ID && !env.DSAR_GRAPH_TENANT_ID) {
      ctx.addIssue({
        code: 'custom',
        path: ['DSAR_GRAPH_TENANT_ID'],
        message: 'is required with DSAR_DPO_GROUP_ID (group membership is read through Graph)',
      });
    }
    if (env.WEBSITE_SITE_NAME && !env.DSAR_TABLES_ENDPOINT && !env.DSAR_TABLES_CONNECTION_STRING) {
      ctx.addIssue({
        code: 'custom',
        path: ['DSAR_TABLES_ENDPOINT'],
        message: 'is required on Azure App Service (the Storage account table endpoint, e.g. https://<account>.table.core.windows.net)',
      });
    }
  });

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** For process entry points: the configuration, or the problems on stderr and exit 78 (EX_CONFIG). */
export function loadConfigOrExit(): Config {
  try {
    return loadConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(error.message);
    process.exit(78);
  }
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // An empty variable means "not set" (App Service and shells both produce them).
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value.trim() !== ''));
  const parsed = schema.safeParse(present);
  if (!parsed.success) {
    // Never echo the values: a connection string holds an account key.
    throw new ConfigError(parsed.error.issues.map((issue) => `${issue.path.join('.') || 'configuration'}: ${issue.message}`));
  }
  const e = parsed.data;
  const local: LocalConfig = {
    tablesPort: e.DSAR_LOCAL_TABLES_PORT,
    dataDir: resolve(e.DSAR_DATA_DIR),
    devTenantPort: e.DSAR_DEV_TENANT_PORT,
    playgroundPort: e.DSAR_PLAYGROUND_PORT,
    demoDpo: DEMO_DPO,
  };
  // With a tenant id, Graph is configured: a client secret when given, else the managed identity.
  const graph: GraphConfig | undefined = e.DSAR_GRAPH_TENANT_ID
    ? {
        baseUrl: e.DSAR_GRAPH_BASE_URL.replace(/\/+$/, ''),
        auth: e.DSAR_GRAPH_CLIENT_SECRET
          ? {
              kind: 'client-secret',
              tenantId: e.DSAR_GRAPH_TENANT_ID,
              clientId: e.DSAR_GRAPH_CLIENT_ID!,
              clientSecret: e.DSAR_GRAPH_CLIENT_SECRET,
              authorityHost: e.DSAR_GRAPH_AUTHORITY_HOST,
            }
          : { kind: 'managed-identity', clientId: e.DSAR_GRAPH_CLIENT_ID },
      }
    : undefined;
  const tables: TableTarget = e.DSAR_TABLES_ENDPOINT
    ? { kind: 'endpoint', endpoint: e.DSAR_TABLES_ENDPOINT.replace(/\/+$/, '') }
    : e.DSAR_TABLES_CONNECTION_STRING
      ? { kind: 'connection-string', connectionString: e.DSAR_TABLES_CONNECTION_STRING }
      : { kind: 'azurite', url: `http://127.0.0.1:${local.tablesPort}/${AZURITE_ACCOUNT}` };
  const dpoMailbox = e.DSAR_DPO_MAILBOX.toLowerCase();
  const mode = tables.kind === 'azurite' ? 'local' : 'azure';
  // Unset in Azure mode: Node's default, every interface (IPv6 and IPv4).
  const host = e.DSAR_HOST ?? (mode === 'local' ? '127.0.0.1' : undefined);
  const playground = [`http://localhost:${local.playgroundPort}/`, `http://127.0.0.1:${local.playgroundPort}/`];
  const domain = (e.DSAR_COMPANY_DOMAIN ?? dpoMailbox.split('@')[1]!).toLowerCase();
  return {
    mode,
    company: {
      name: 'ITGuy',
      domain,
      dpoMailbox,
      register: ITGUY_REGISTER,
    },
    port: e.PORT,
    ...(host ? { host } : {}),
    tables,
    tablePrefix: e.DSAR_TABLE_PREFIX,
    retentionYears: e.DSAR_RETENTION_YEARS,
    logLevel: e.LOG_LEVEL,
    local,
    ...(graph ? { graph } : {}),
    ...(e.APPLICATIONINSIGHTS_CONNECTION_STRING ? { telemetryConnectionString: e.APPLICATIONINSIGHTS_CONNECTION_STRING } : {}),
    onAppService: Boolean(e.WEBSITE_SITE_NAME),
    intake: {
      // The privacy policy names dpa@ for requests and support@ for marketing opt-outs: both are official channels.
      mailboxes: e.DSAR_INTAKE_MAILBOXES ?? [...new Set([dpoMailbox, `support@${domain}`])],
      ...(e.DSAR_PUBLIC_URL ? { publicUrl: e.DSAR_PUBLIC_URL.replace(/\/+$/, '') } : {}),
      ...(e.DSAR_WEBHOOK_CLIENT_STATE ? { clientState: e.DSAR_WEBHOOK_CLIENT_STATE } : {}),
      backfillDays: e.DSAR_INTAKE_BACKFILL_DAYS,
    },
    reminders: {
      hour: e.DSAR_REMINDER_HOUR,
      daysBefore: e.DSAR_REMINDER_DAYS_BEFORE,
      unconfirmedWorkingDays: e.DSAR_REMINDER_UNCONFIRMED_WORKING_DAYS,
      // The last moment to decide on an extension: as many days before the first deadline as the first reminder.
      extensionDecisionDaysBefore: Math.max(...e.DSAR_REMINDER_DAYS_BEFORE, 1),
      pausedEveryDays: e.DSAR_REMINDER_PAUSED_EVERY_DAYS,
    },
    ...(e.DSAR_API_CLIENT_ID && e.DSAR_GRAPH_TENANT_ID
      ? {
          api: {
            clientId: e.DSAR_API_CLIENT_ID.toLowerCase(),
            ...(e.DSAR_API_CLIENT_SECRET ? { clientSecret: e.DSAR_API_CLIENT_SECRET } : {}),
            tenantId: e.DSAR_GRAPH_TENANT_ID.toLowerCase(),
            authorityHost: (e.DSAR_GRAPH_AUTHORITY_HOST ?? 'https://login.microsoftonline.com').replace(/\/+$/, ''),
          },
        }
      : {}),
    ...(e.DSAR_TEAMS_APP_ID ? { teamsAppId: e.DSAR_TEAMS_APP_ID.toLowerCase() } : {}),
    ...(e.DSAR_CALENDAR_MAILBOX
      ? {
          calendar: {
            mailbox: e.DSAR_CALENDAR_MAILBOX.toLowerCase(),
            lang: e.DSAR_CALENDAR_LANGUAGE,
            everyMs: e.DSAR_CALENDAR_SYNC_MINUTES * 60_000,
          },
        }
      : {}),
    discovery: {
      ...(e.DSAR_EXPORT_DRIVE ? { exportDrive: e.DSAR_EXPORT_DRIVE.toLowerCase() } : {}),
      deleteExportsOnClose: e.DSAR_EXPORT_DELETE_ON_CLOSE === 'true',
      searchRegion: e.DSAR_SEARCH_REGION,
      teamsExportModel: e.DSAR_TEAMS_EXPORT_MODEL,
    },
    dpo: {
      userIds: (e.DSAR_DPO_USER_IDS ?? []).map((id) => id.toLowerCase()),
      ...(e.DSAR_DPO_GROUP_ID ? { groupId: e.DSAR_DPO_GROUP_ID.toLowerCase() } : {}),
    },
    botChannel: {
      // Signed traffic comes from Teams; unsigned traffic (no bot registration) only from the Playground.
      serviceUrls: e.DSAR_BOT_APP_ID ? TEAMS_SERVICE_URLS : playground,
      claimStaleMs: e.DSAR_BOT_CLAIM_STALE_SECONDS * 1000,
      redeliveryEveryMs: e.DSAR_BOT_REDELIVERY_SECONDS * 1000,
    },
    ...(e.DSAR_BOT_APP_ID
      ? {
          bot: {
            appId: e.DSAR_BOT_APP_ID,
            ...(e.DSAR_BOT_APP_PASSWORD ? { appPassword: e.DSAR_BOT_APP_PASSWORD } : {}),
            appType: e.DSAR_BOT_APP_TYPE,
            tenantId: (e.DSAR_BOT_TENANT_ID ?? e.DSAR_GRAPH_TENANT_ID)!,
            ...(e.DSAR_BOT_CHANNEL_ID ? { channelId: e.DSAR_BOT_CHANNEL_ID } : {}),
          },
        }
      : {}),
  };
}

/** A description of where the tables are, safe to log or print (no keys). */
/** The company's own role mailboxes (watched by intake, and the DPO's): no person's address, so logs may name them. */
export function roleMailboxes(config: Pick<Config, 'intake' | 'company'>): string[] {
  return [...new Set([...config.intake.mailboxes, config.company.dpoMailbox].map((m) => m.toLowerCase()))];
}

export function describeTables(target: TableTarget): string {
  switch (target.kind) {
    case 'azurite':
      return `local Azurite at ${target.url}`;
    case 'endpoint':
      return `${target.endpoint} (managed identity)`;
    case 'connection-string': {
      const endpoint = /TableEndpoint=([^;]+)/i.exec(target.connectionString)?.[1];
      const account = /AccountName=([^;]+)/i.exec(target.connectionString)?.[1];
      return `${endpoint ?? `account ${account ?? '(unknown)'}`} (connection string)`;
    }
  }
}
