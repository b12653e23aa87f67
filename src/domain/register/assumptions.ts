import type { Actor } from '../case.js';
import { DomainError } from '../errors.js';
import { citeBases } from '../letters/long-date.js';
import type { Text } from '../text.js';
import type { Processor, ProcessingRegister, Purpose, SupervisoryAuthority, ThirdCountryTransfer } from './types.js';

/**
 * The register tells the truth about itself (issue 15 item 5): where the privacy policy is silent or wrong,
 * the register had to assume something, and each such assumption is listed here, with what the policy says,
 * what the product assumed and what the DPO must confirm. Until the DPO confirms (or edits) an assumption,
 * `registerFacts` does not give it out as a fact: letters call it and say only what is confirmed.
 */

export interface RegisterAssumption {
  /** Stable: `purpose:<id>`, `transfer:<processor id>`, `supervisory_authority`. */
  id: string;
  topic: Text;
  policySays: Text;
  assumed: Text;
  toConfirm: Text;
}

/** The longest edited text (per language) the register takes. */
export const EDITED_MAX = 600;

export const REGISTER_DECISIONS = ['confirmed', 'edited', 'rejected'] as const;
export type RegisterDecision = (typeof REGISTER_DECISIONS)[number];

/** The DPO's answer to an assumption, as stored (with who and when) by the register feature. */
export interface RegisterConfirmation {
  id: string;
  /** confirmed: true as assumed; edited: true in the DPO's words (`text`); rejected: not true, never stated. */
  decision: RegisterDecision;
  /** With `edited`: the DPO's own words, which replace the assumption. */
  text?: Text;
  by: Actor;
  at: string;
}

/**
 * What the DPO may answer. Datatilsynet's address is register data every complaint paragraph needs, so it
 * can only be confirmed here; a wrong address is corrected in the register itself (itguy.ts).
 */
export function decisionsFor(id: string): readonly RegisterDecision[] {
  return id === 'supervisory_authority' ? ['confirmed'] : REGISTER_DECISIONS;
}

/** An answer as given (card, CLI), checked against the register before it is stored. */
export function checkConfirmation(
  register: ProcessingRegister,
  answer: { id: string; decision: string; text?: Partial<Text> },
): Pick<RegisterConfirmation, 'id' | 'decision' | 'text'> {
  const refuse = (message: string, da: string) => {
    throw new DomainError('invalid_input', message).saying(da);
  };
  if (!registerAssumptions(register).some((a) => a.id === answer.id))
    refuse(`the register has no assumption "${answer.id}"`, `registret har ingen antagelse "${answer.id}"`);
  const decision = REGISTER_DECISIONS.find((d) => d === answer.decision);
  if (!decision || !decisionsFor(answer.id).includes(decision))
    refuse(
      `"${answer.decision}" is not an answer to "${answer.id}" (${decisionsFor(answer.id).join(', ')})`,
      `"${answer.decision}" kan ikke bruges om "${answer.id}" (${decisionsFor(answer.id).join(', ')})`,
    );
  if (decision !== 'edited') return { id: answer.id, decision: decision as RegisterDecision };
  const da = answer.text?.da?.trim();
  const en = answer.text?.en?.trim();
  // Letters go out in Danish and English: the DPO's words must exist in both, or one letter would lack them.
  if (!da || !en)
    refuse('an edited assumption needs the text in Danish and in English', 'en rettet antagelse skal have teksten på dansk og på engelsk');
  // A letter's line, not a document; and the register card must stay within Teams' card size.
  if ((da as string).length > EDITED_MAX || (en as string).length > EDITED_MAX)
    refuse(`an edited text is at most ${EDITED_MAX} characters`, `en rettet tekst må højst være ${EDITED_MAX} tegn`);
  return { id: answer.id, decision: 'edited', text: { da: da as string, en: en as string } };
}

const POLICY_SILENT: Text = { da: 'Politikken siger intet om det.', en: 'The policy says nothing about it.' };

function purposeAssumption(p: Purpose): RegisterAssumption {
  return {
    id: `purpose:${p.id}`,
    topic: { da: `Formål: ${p.name.da}`, en: `Purpose: ${p.name.en}` },
    policySays: p.needsConfirmation
      ? { da: 'Politikken nævner ikke dette formål.', en: 'The policy does not mention this purpose.' }
      : POLICY_SILENT,
    assumed: p.reviewNote ?? { da: 'Formålet som registret beskriver det.', en: 'The purpose as the register describes it.' },
    toConfirm: {
      da: `Bekræft formål, retsgrundlag (${citeBases(p.legalBases, 'da')}), opbevaring og systemer, eller ret dem.`,
      en: `Confirm the purpose, legal bases (${citeBases(p.legalBases, 'en')}), retention and systems, or correct them.`,
    },
  };
}

function transferAssumption(p: Processor): RegisterAssumption {
  const t = p.transfer;
  return {
    id: `transfer:${p.id}`,
    topic: { da: `Overførsel uden for EU/EØS: ${p.name}`, en: `Transfer outside the EU/EEA: ${p.name}` },
    policySays: {
      da: 'Kun "hvis de måtte placere data udenfor EU, at de korrekte aftaler er på plads" — hverken om, hvor eller hvordan.',
      en: 'Only that "if they place data outside the EU, the correct agreements are in place" — not whether, where or how.',
    },
    assumed: transferText(t),
    toConfirm: {
      da: `Bekræft i databehandleraftalen med ${p.name}, om og hvor data forlader EU/EØS, og på hvilket grundlag.`,
      en: `Confirm from the processing agreement with ${p.name} whether and where data leaves the EU/EEA, and on what basis.`,
    },
  };
}

/** Art. 15(2) for one processor in a sentence. */
export function transferText(t: ThirdCountryTransfer): Text {
  if (!t.outsideEea)
    return { da: `Data behandles ${t.where?.da ?? 'i EU/EØS'}.`, en: `Data is processed ${t.where?.en ?? 'in the EU/EEA'}.` };
  return {
    da: `Data kan overføres til ${t.where?.da ?? 'et land uden for EU/EØS'}${t.safeguard ? ` på grundlag af ${t.safeguard.da}` : ''}.`,
    en: `Data may be transferred to ${t.where?.en ?? 'a country outside the EU/EEA'}${t.safeguard ? ` on the basis of ${t.safeguard.en}` : ''}.`,
  };
}

/** Every assumption the register makes, for the DPO's `register` card. */
export function registerAssumptions(register: ProcessingRegister): RegisterAssumption[] {
  return [
    {
      id: 'supervisory_authority',
      topic: { da: 'Datatilsynets adresse', en: "Datatilsynet's address" },
      policySays: { da: 'Borgergade 28, 5., 1300 København K.', en: 'Borgergade 28, 5., 1300 København K.' },
      assumed: {
        da: `${register.supervisoryAuthority.address.street}, ${register.supervisoryAuthority.address.postalCode} ${register.supervisoryAuthority.address.city} (Datatilsynet flyttede i 2020).`,
        en: `${register.supervisoryAuthority.address.street}, ${register.supervisoryAuthority.address.postalCode} ${register.supervisoryAuthority.address.city} (Datatilsynet moved in 2020).`,
      },
      toConfirm: {
        da: 'Bekræft adressen, og ret privatlivspolitikken.',
        en: 'Confirm the address, and correct the privacy policy.',
      },
    },
    ...register.purposes.filter((p) => p.reviewNote || p.needsConfirmation).map(purposeAssumption),
    ...register.processors.filter((p) => p.transfer.assumed).map(transferAssumption),
  ];
}

/** What letters may state: the register's facts, with each assumption resolved by the DPO or held back. */
export interface RegisterFacts {
  supervisoryAuthority: SupervisoryAuthority;
  /** Purposes that are facts: stated in the policy, or added by the product and confirmed (or edited). */
  purposes: readonly Purpose[];
  /**
   * Purposes the policy states, but whose legal basis is the register's unconfirmed (or rejected) reading:
   * a letter names the purpose and leaves the basis out.
   */
  basisUnconfirmed: ReadonlySet<string>;
  /** Art. 15(2) per processor that may hold requester data; `text` absent while the transfer is unconfirmed. */
  transfers: readonly { processor: string; text?: Text; confirmed: boolean }[];
  /** The DPO's own words for an edited assumption, by assumption id. */
  edited: Readonly<Record<string, Text>>;
  /** Assumptions nobody has confirmed yet: a letter must not state them as facts. */
  unconfirmed: readonly RegisterAssumption[];
}

/** The latest answer per assumption wins (the trail keeps the earlier ones); equal times keep the given order. */
export function latestConfirmations(confirmations: readonly RegisterConfirmation[]): Map<string, RegisterConfirmation> {
  const byId = new Map<string, RegisterConfirmation>();
  for (const c of [...confirmations].sort((a, b) => a.at.localeCompare(b.at))) byId.set(c.id, c);
  return byId;
}

export function registerFacts(register: ProcessingRegister, confirmations: readonly RegisterConfirmation[] = []): RegisterFacts {
  const answered = latestConfirmations(confirmations);
  const edited = Object.fromEntries(
    [...answered.values()].flatMap((c) => (c.decision === 'edited' && c.text ? [[c.id, c.text] as const] : [])),
  );
  // A fact once the DPO confirmed it or gave their own words; a rejection keeps it out like no answer.
  const isFact = (id: string) => {
    const decision = answered.get(id)?.decision;
    return decision === 'confirmed' || (decision === 'edited' && edited[id] !== undefined);
  };
  return {
    supervisoryAuthority: register.supervisoryAuthority,
    purposes: register.purposes.filter((p) => !p.needsConfirmation || isFact(`purpose:${p.id}`)),
    basisUnconfirmed: new Set(
      register.purposes.filter((p) => !p.needsConfirmation && p.reviewNote && !isFact(`purpose:${p.id}`)).map((p) => p.id),
    ),
    transfers: register.processors
      .filter((p) => p.mayHoldRequesterData)
      .map((p) => {
        const id = `transfer:${p.id}`;
        const confirmed = !p.transfer.assumed || isFact(id);
        const text = edited[id] ?? transferText(p.transfer);
        return { processor: p.name, confirmed, ...(confirmed ? { text } : {}) };
      }),
    edited,
    unconfirmed: registerAssumptions(register).filter((a) => !isFact(a.id)),
  };
}
