import { DEFAULT_PROFILE } from './profile.js';

/**
 * Requests made for someone else: a lawyer with a power of attorney (fuldmagt), a parent for a child, a
 * relative for someone deceased. The requester stays the sender; the data subject is recorded separately,
 * by name when the mail names them. "On behalf of our customers" from a business is not this: that is a
 * controller talking to its IT supplier.
 */

export interface OnBehalfVerdict {
  /** Someone asks for another person, with some authority stated. */
  onBehalf: boolean;
  /** The person asked for, when named. */
  name: string | null;
  evidence: string | null;
}

/** Authority that only a person's agent or family states. */
const STRONG =
  /\b(fuldmagt\w*|advokat\w*|advokatfuldmægtig|værge\w*|forældremyndighed\w*|min (?:søn|datter|mor|far|afdøde \w+)|mit barn|vores (?:søn|datter|barn)|dødsbo\w*|boet efter|skifteretsattest\w*|bobestyrer\w*|(?:eneste )?arving\w*|min (?:mand|kone|hustru|samlever) \p{Lu}|power of attorney|letter of authority|signed authori[sz]ation|authori[sz]ation form|form of authority|solicitors?|attorney|lawyer|law firm|legal guardian|guardian|parental responsibility|my (?:son|daughter|child|mother|father|late \w+)|my (?:husband|wife|partner) \p{Lu}|next of kin|estate of|executor|vollmacht|rechtsanwält\w*|kanzlei|mein(?:e|es|er)? (?:sohn\w*|tochter|kind\w*)|vormund|erziehungsberechtigt\w*|fullmakt|ombud|min (?:son|dotter)|mitt barn|vårdnadshavare|god man)\b/iu;
/** Words a business uses too ("on behalf of our client Firma Ltd"): they count only with a person's name after them. */
const WEAK =
  /\b(instructed by|instrueret af|på vegne af|repræsenterer|on behalf of|acting for|act for|we represent|i represent|our client|my client|vores klient|min klient|im namen|im auftrag|mandant\w*|på uppdrag av|vår klient|för \w+ räkning)\b/giu;

/** "On behalf of our customers", "på vegne af Firma ApS": a business, not an agent for a person (tested where a WEAK phrase starts). */
const BUSINESS_TARGET =
  /^(?:instructed by|instrueret af|på vegne af|repræsenterer|on behalf of|acting for|act for|we represent|i represent|our client|my client|vores klient|min klient|im (?:namen|auftrag)(?: von| unserer| unseres)?|mandant\w*|på uppdrag av|vår klient|för \w+ räkning)[\s,]+(?:vores|our|unsere[rsn]?|våra?|en af vores|one of our|several of our)?\s*(?:(?:client|customer|kunde|klient)\s*,?\s*)?(?:kunder|customers|clients|brugere|users|medarbejdere|employees|members|medlemmer|kunden|company|virksomhed|firma|organisation|organization|[\p{Lu}][\p{L}&.-]*(?:\s+[\p{Lu}&][\p{L}&.-]*)*\s+(?:ApS|A\/S|I\/S|IVS|Ltd|Limited|GmbH|AB|Inc|LLC|plc|AS|K\/S))\b/iu;

const NAME_WORD = String.raw`\p{Lu}[\p{Ll}'’]+(?:-\p{Lu}[\p{Ll}'’]+)?`;
const NAME = new RegExp(String.raw`^(${NAME_WORD}(?:\s+(?:(?:van|von|der|de|af|da|del|la|le)\s+)?${NAME_WORD}){0,3})`, 'u');
const FILLER =
  /^[\s,:;–—"“„(-]*(?:(?:min|mit|mine|vores|vor|our|my|the|af|of|for|til|hr\.?|fru|frk\.?|mr\.?|mrs\.?|ms\.?|miss|dr\.?|herr|frau|søn(?:nen)?|datter(?:en)?|barn(?:et)?|klient(?:en)?|mandant(?:in|en)?|client|son|daughter|child|mother|father|mor|far|mand|kone|hustru|husband|wife|afdøde|late|nemlig|namely|unser(?:e|es|er|em)?|meine?s?r?|sohn|tochter|vår|son|dotter|navn(?:lig)?|name[d]?|fra|from|von|från|efter)\b[\s,:;–—"“„(-]*)*/i;
const NOT_NAMES = new Set([
  'hello',
  'hi',
  'hallo',
  'goddag',
  'jeg',
  'vi',
  'hun',
  'han',
  'de',
  'det',
  'den',
  'der',
  'i',
  'the',
  'she',
  'he',
  'they',
  'we',
  'it',
  'this',
  'that',
  'hendes',
  'hans',
  'dear',
  'hej',
  'kære',
  'aps',
  'gdpr',
  'artikel',
  'article',
  'art',
  'ich',
  'sie',
  'er',
  'jag',
  'hon',
  'hermed',
  'herewith',
  'please',
  'venligst',
  'data',
  'databeskyttelse',
  'personoplysninger',
  'anmodning',
  'request',
  'fuldmagt',
  'vedlagt',
  'vedhæftet',
  'attached',
  'som',
  'who',
  'which',
  'der',
  'til',
  'to',
]);

const MARKERS =
  /(instructed by|instrueret af|repræsenterer|representerer|represent(?:s|ing)?|acting for|act for|på vegne af|on behalf of|im namen (?:von |meines |meiner |unseres |unserer )?|på uppdrag av|vores klient|min klient|our client|my client|unser(?:e|es|er|em)? mandant(?:in|en)?|vår klient|min klient|(?:min|vores) (?:søn|datter|afdøde \w+|mor|far|mand|kone|hustru)|mit barn|vores barn|my (?:son|daughter|child|late \w+|mother|father|husband|wife)|mein(?:e|es|er)? (?:sohn(?:es)?|tochter|kind(?:es)?)|min (?:son|dotter)|mitt barn|fuldmagt fra|power of attorney from|vollmacht von|fullmakt från|dødsbo(?:et)? efter|boet efter|estate of(?: the late)?|vedrørende|regarding)\b/giu;

const ATTACHMENT_NAME =
  /(?:fuldmagt|power[\s_-]?of[\s_-]?attorney|vollmacht|fullmakt|letter[\s_-]?of[\s_-]?authority|authority|authorisation|authorization)[\s_]*[-–—:_]+[\s_]*(.+?)\.(?:pdf|docx?|jpe?g|png|heic|tiff?)$/i;

function cleanName(candidate: string, exclude: string[]): string | null {
  const words = candidate.split(/\s+/).filter(Boolean);
  while (words.length && (NOT_NAMES.has(words[0]!.toLowerCase()) || exclude.some((e) => e && e.toLowerCase() === words[0]!.toLowerCase())))
    words.shift();
  while (words.length && NOT_NAMES.has(words[words.length - 1]!.toLowerCase())) words.pop();
  if (!words.length) return null;
  const name = words.join(' ');
  if (/\b(ApS|A\/S|Ltd|GmbH|AB|Inc|LLC)\b/.test(name)) return null;
  if (exclude.some((e) => e && e.toLowerCase() === name.toLowerCase())) return null;
  return name;
}

function nameAfter(text: string, from: number, exclude: string[]): string | null {
  const rest = text.slice(from, from + 120).split('\n')[0]!;
  const filler = FILLER.exec(rest)?.[0] ?? '';
  const m = NAME.exec(rest.slice(filler.length));
  return m ? cleanName(m[1]!, exclude) : null;
}

export function detectOnBehalf(
  text: string,
  attachments: readonly string[],
  requesterName: string | null,
  companyName = DEFAULT_PROFILE.name,
): OnBehalfVerdict {
  // Neither the requester nor the company addressed is the person asked for.
  const exclude = [requesterName ?? '', companyName];
  const strong = STRONG.exec(text);
  const attachment = attachments.find((a) =>
    /fuldmagt|power.?of.?attorney|vollmacht|fullmakt|letter.?of.?authority|authori[sz]ation/i.test(a),
  );
  let weakWithName: { name: string; phrase: string } | null = null;
  for (const m of text.matchAll(WEAK)) {
    const found = nameAfter(text, m.index + m[0].length, exclude);
    if (found && !BUSINESS_TARGET.test(text.slice(m.index, m.index + m[0].length + 80))) {
      weakWithName = { name: found, phrase: m[0] };
      break;
    }
  }
  if (!strong && !attachment && !weakWithName) return { onBehalf: false, name: null, evidence: null };

  let name: string | null = weakWithName?.name ?? null;
  let evidence = weakWithName
    ? `"${weakWithName.phrase} ${weakWithName.name}"`
    : attachment
      ? `attachment: ${attachment}`
      : `"${strong![0]}"`;
  if (!name) {
    for (const m of text.matchAll(MARKERS)) {
      const found = nameAfter(text, m.index + m[0].length, exclude);
      if (found) {
        name = found;
        evidence = `"${m[0]} ${found}"`;
        break;
      }
    }
  }
  if (!name && attachment) {
    const m = ATTACHMENT_NAME.exec(attachment);
    if (m) name = cleanName(m[1]!.replace(/[_]+/g, ' ').trim(), exclude);
  }
  if (attachment && !evidence.includes(attachment)) evidence += `; attachment: ${attachment}`;
  return { onBehalf: true, name, evidence: `on behalf of someone else: ${evidence}` };
}
