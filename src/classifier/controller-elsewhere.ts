/**
 * A request about data ITGuy holds only as a customer's processor: someone (typically a customer's
 * employee) asks about their data in the systems ITGuy runs for the customer (its Microsoft 365, its
 * mailboxes, its servers). The customer is the controller and must answer (gdpr-rules §3); ITGuy forwards
 * it. Both must be said: the data is in the organisation's systems, and the company runs them for it.
 */

const IN_THEIR_SYSTEMS =
  /\b(?:vores|vor|our|unsere[mn]?|vår[at]?|våre|onze|notre|nos)\s+(?:(?:firmas?|virksomheds?|company'?s?|organisation'?s?|organization'?s?|arbejdsplads(?:ens)?|kommunes?)\s+)?(?:microsoft\s*365|office\s*365|m365|o365|exchange|mail(?:system|server|s)?|e-?mail(?:system|s)?|postkasser?|mailboxes|mailbox|teams|onedrive|sharepoint|tenant|it-?systemer|it systems?|systems?|servere?|servers?|netværk|network|fildrev|file server|konti|accounts?|postfächer|e-?post)\b|\b(?:min|mit|my|mein(?:e|em)?)\s+(?:arbejds|work|firma|jobb?|dienst|arbeits)[- ]?(?:mail|e-?mail|postkasse|mailbox|konto|account|computer|pc|laptop|onedrive)\b|\b(?:min arbejdsgivers|my employer'?s|meines arbeitgebers|min arbetsgivares)\b/iu;

const THEY_RUN_IT =
  /\b(?:i|jer|you|ihr|sie|ni|dere)\s+(?:som\s+)?(?:administrerer|driver|står for|hoster|supporterer|vedligeholder|manage|run|administer|host|support|maintain|operate|verwalten|verwaltet|betreuen|betreut|betreiben|betreibt|förvaltar|driftar|administrerar|drifter)\b|\b(?:it-?leverandør|driftsleverandør|it-?partner|it-?afdeling udefra|it supplier|it provider|it partner|managed service provider|msp|it-?dienstleister|it-?leverantör|it-?leverandør)\b|\bon behalf of (?:my|our) (?:employer|company)\b|\bpå vegne af (?:min arbejdsgiver|vores firma)\b/iu;

const FREEMAIL =
  /@(?:gmail|googlemail|hotmail|outlook|live|msn|yahoo|icloud|me|mac|protonmail|proton|gmx|web|mail|jubii|ofir|tdcadsl|stofanet|youmail|yandex|aol)\.[a-z.]+$/i;

export interface ControllerElsewhereGuess {
  /** The customer as far as the mail tells: the sender's organisation domain. */
  name: string | null;
  reason: string;
}

/** Whether the writer asks about data in systems the company runs for their organisation; null when not. */
export function controllerElsewhere(text: string, from: string | null, ownDomains: readonly string[]): ControllerElsewhereGuess | null {
  const systems = IN_THEIR_SYSTEMS.exec(text);
  const runs = THEY_RUN_IT.exec(text);
  if (!systems || !runs) return null;
  const domain = from?.split('@')[1]?.toLowerCase() ?? null;
  const organisation = domain && !FREEMAIL.test(from ?? '') && !ownDomains.includes(domain) ? domain : null;
  return {
    name: organisation,
    reason: `asks about data in their organisation's systems ("${systems[0]}") that the company runs ("${runs[0]}")`,
  };
}
