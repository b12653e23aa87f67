import type { Text } from '../text.js';

/**
 * The record of processing activities (Art. 30) as typed data. It is shaped for the two things built
 * from it: the Art. 15 answer, whose items (a)-(h) map onto fields here, and the per-right task lists,
 * which need to know which systems may hold a person's data and how erasure works in each.
 */

export interface Address {
  street: string;
  postalCode: string;
  city: string;
  country: string;
}

export interface Controller {
  name: string;
  cvr: string;
  address: Address;
  email: string;
  phone: string;
  website: string;
}

export interface ContactPerson {
  name: string;
  role: Text;
  email: string;
  phone: string;
}

export interface SupervisoryAuthority {
  name: string;
  address: Address;
  email: string;
  phone: string;
  website: string;
}

/** Legal bases of processing (Art. 6 and 9) as the policy states them. */
export type ProcessingBasis = '6(1)(a)' | '6(1)(b)' | '6(1)(c)' | '6(1)(f)' | '9(2)(f)';

export interface DataCategory {
  id: string;
  name: Text;
  examples: Text;
}

export interface Source {
  id: string;
  name: Text;
  /** Art. 15(1)(g): the source must be named when data was not collected from the person. */
  fromDataSubject: boolean;
}

/** A retention rule in words (Art. 15(1)(d) allows "the criteria used to determine that period"). */
export interface Retention {
  rule: Text;
  years?: number;
  from?: 'end_of_customer_relationship' | 'end_of_customer_contract' | 'unsubscribe' | 'last_contact' | 'last_use';
}

export interface Purpose {
  id: string;
  name: Text;
  description: Text;
  dataCategories: readonly string[];
  legalBases: readonly ProcessingBasis[];
  retention: readonly Retention[];
  sources: readonly string[];
  /** Processors whose systems hold data for this purpose. */
  systems: readonly string[];
  /** Where the policy is silent or unclear, so the DPO knows what the register had to assume. */
  reviewNote?: Text;
  /**
   * The purpose is not in the policy at all and was added by the product (the staff purpose): it holds only
   * once the DPO confirms it (register assumptions, src/domain/register/assumptions.ts).
   */
  needsConfirmation?: boolean;
}

/**
 * Art. 15(2) per processor: whether personal data goes outside the EU/EEA, where, and under which Art. 45/46
 * safeguard. `assumed`: the policy does not say (it says only "hvis de måtte placere data udenfor EU"), so the
 * entry is the product's reading and waits for the DPO's confirmation.
 */
export interface ThirdCountryTransfer {
  outsideEea: boolean;
  where?: Text;
  safeguard?: Text;
  assumed: boolean;
}

/** How a person's data is erased in a processor's system. */
export type ErasureMethod =
  /** Deleted on request. */
  | 'erase'
  /** Kept because the law requires it; erased when the exception ends. */
  | 'retain'
  /** Cannot be removed selectively (backups, security telemetry); put beyond use and expires on rotation. */
  | 'expires';

export interface Processor {
  id: string;
  name: string;
  /** What they do for ITGuy, as the policy says. */
  does: Text;
  /** Whether a requester's personal data may be in this system. Systems that only hold staff data don't. */
  mayHoldRequesterData: boolean;
  erasure: { method: ErasureMethod; note: Text; exception?: string };
  /** Art. 15(2) for this processor. */
  transfer: ThirdCountryTransfer;
}

/** A category of recipient that is not a named processor (Art. 15(1)(c)). */
export interface RecipientCategory {
  id: string;
  name: Text;
  examples: Text;
}

/** A legal duty to keep data that overrides erasure (Art. 17(3)). */
export interface RetentionException {
  id: string;
  article: string;
  law: Text;
  rule: Text;
  years: number;
  from: 'end_of_financial_year';
}

export interface ProcessingRegister {
  controller: Controller;
  dpo: ContactPerson;
  supervisoryAuthority: SupervisoryAuthority;
  /** Version of the privacy policy the register encodes. */
  policyUpdated: string;
  purposes: readonly Purpose[];
  dataCategories: readonly DataCategory[];
  sources: readonly Source[];
  processors: readonly Processor[];
  recipientCategories: readonly RecipientCategory[];
  retentionExceptions: readonly RetentionException[];
  /** Art. 15(2): safeguards where data leaves the EU/EEA. */
  thirdCountryTransfers: Text;
  /** Art. 15(1)(h). */
  automatedDecisionMaking: Text;
  sensitiveData: Text;
}
