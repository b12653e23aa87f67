import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { DomainError } from '../domain/errors.js';
import { cliConfig } from './context.js';

/**
 * `dsar dev ...`: talks to the local dev tenant that `npm start` runs (not Graph; its /_dev/ switchboard).
 * Only for development machines: in Azure there is no dev tenant.
 */

const failed = (message: string) => new DomainError('not_found', message);

function devTenantUrl(explicit?: string): string {
  if (explicit) return explicit.replace(/\/+$/, '');
  return (process.env.DSAR_DEV_TENANT_URL ?? `http://localhost:${process.env.DSAR_DEV_TENANT_PORT ?? 3979}`).replace(/\/+$/, '');
}

async function post(url: string, init: RequestInit): Promise<Response> {
  try {
    return await fetch(url, init);
  } catch {
    throw failed(`cannot reach the dev tenant at ${new URL(url).origin}: is \`npm start\` running? (or give --url)`);
  }
}

export function registerDevCommands(program: Command): void {
  const dev = program.command('dev').description('development helpers for the local dev tenant started by `npm start`');
  dev
    .command('deliver')
    .description("deliver a raw RFC 822 message (.eml) into a mailbox's inbox, as mail from outside arrives")
    .argument('<file>', 'the .eml file')
    .option('--to <mailbox>', 'mailbox that receives it, e.g. support@itguy.dk (default: the DPO mailbox, DSAR_DPO_MAILBOX)')
    .option('--url <url>', 'dev tenant address (default http://localhost:3979 or DSAR_DEV_TENANT_URL)')
    .action(async (file: string, options: { to?: string; url?: string }) => {
      const to = options.to ?? (await cliConfig()).company.dpoMailbox;
      let raw: Buffer;
      try {
        raw = await readFile(file);
      } catch {
        throw new DomainError('invalid_input', `cannot read ${file}`);
      }
      const base = devTenantUrl(options.url);
      const res = await post(`${base}/_dev/mailboxes/${encodeURIComponent(to)}/deliver`, {
        method: 'POST',
        headers: { 'Content-Type': 'message/rfc822' },
        body: new Uint8Array(raw),
      });
      const body = (await res.json().catch(() => ({}))) as {
        id?: string;
        receivedDateTime?: string;
        mailbox?: string;
        error?: { message?: string };
      };
      if (res.status === 400 || res.status === 415)
        throw new DomainError('invalid_input', body.error?.message ?? `the dev tenant refused the message (${res.status})`);
      if (!res.ok) throw failed(body.error?.message ?? `the dev tenant answered ${res.status}`);
      process.stdout.write(`Delivered to ${body.mailbox} at ${body.receivedDateTime}\n  message id ${body.id}\n`);
    });
}
