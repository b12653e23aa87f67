import { DEFAULT_PROFILE, isOwnAddress } from './profile.js';
import type { Segments } from './structure.js';
import { parseMailbox } from './structure.js';
import type { CompanyProfile, EmailInput, Mailbox } from './types.js';

/**
 * Who is asking. Normally the sender. When a colleague forwards a customer's mail ("VS: slet mig"), the
 * customer in the forwarded block. When the website's contact form sends the mail, the person who filled
 * it in (the form's e-mail field, else Reply-To).
 */

/** Mail from the company's own domains. */
export function isInternal(address: string | null | undefined, profile: CompanyProfile = DEFAULT_PROFILE): boolean {
  return isOwnAddress(address, profile);
}

const NO_REPLY =
  /^(?:no-?reply|do-?not-?reply|donotreply|noreply|wordpress|website|web|webform|formular|kontaktformular|forms?|contact-?form|mailer|notifications?|hjemmeside)(?:[+.-].*)?$/i;

export interface RequesterVerdict {
  requester: Mailbox;
  via: 'sender' | 'forwarded' | 'form' | 'reply-to';
  evidence: string | null;
}

function formField(text: string, names: string): string | null {
  const re = new RegExp(`^\\s*\\*?(?:${names})\\*?\\s*[:：]\\s*(.+?)\\s*$`, 'im');
  return re.exec(text)?.[1]?.trim() ?? null;
}

/** A web form's fields: "Navn: ...", "E-mail: ...". */
export function formSender(text: string): Mailbox | null {
  const emailValue = formField(text, 'e-?mail|email|mail|e-?mailadresse|din e-?mail|your e-?mail|e-?mail address|e-post|epost');
  const address = emailValue ? (parseMailbox(emailValue)?.address ?? null) : null;
  if (!address) return null;
  const name = formField(text, 'navn|name|fulde navn|dit navn|your name|full name|fornavn og efternavn|namn|vollständiger name');
  return { address, name: name && !name.includes('@') ? name : null };
}

const clean = (m: Mailbox | null): Mailbox => ({ address: m?.address?.toLowerCase() ?? null, name: m?.name?.trim() || null });

export function findRequester(
  email: EmailInput,
  seg: Segments,
  forwarderAsksForThemselves: boolean,
  profile: CompanyProfile = DEFAULT_PROFILE,
): RequesterVerdict {
  const sender = clean(email.from);
  const local = sender.address?.split('@')[0] ?? '';

  // Website forms and other no-reply senders: the person is in the body or in Reply-To.
  if (NO_REPLY.test(local)) {
    const form = formSender(email.text);
    if (form)
      return {
        requester: clean(form),
        via: 'form',
        evidence: `sent through a form by ${sender.address}; requester from the form's e-mail field`,
      };
    if (email.replyTo?.address && email.replyTo.address !== sender.address)
      return {
        requester: clean(email.replyTo),
        via: 'reply-to',
        evidence: `sent by ${sender.address} on behalf of Reply-To ${email.replyTo.address}`,
      };
  }

  // Forwarded: the original sender, unless that is the company itself or the forwarder asks for themselves.
  const original = seg.kind === 'forward' ? (seg.forwarded?.from ?? null) : null;
  if (
    original?.address &&
    original.address !== sender.address &&
    !isInternal(original.address, profile) &&
    (isInternal(sender.address, profile) || !forwarderAsksForThemselves)
  ) {
    return {
      requester: clean(original),
      via: 'forwarded',
      evidence: `forwarded by ${sender.address ?? 'someone'}; requester is the original sender ${original.address}`,
    };
  }
  return { requester: sender, via: 'sender', evidence: null };
}
