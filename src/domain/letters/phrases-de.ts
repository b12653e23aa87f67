import type { AuthorityKind } from '../case.js';
import type { Phrases } from './phrases.js';

const AUTHORITY: Record<AuthorityKind, string> = {
  power_of_attorney: ' mit einer Vollmacht',
  parent: ' als sorgeberechtigter Elternteil',
  guardian: ' als Vormund',
  other: '',
};

const RIGHT_NOUN = { erasure: 'Löschung', rectification: 'Berichtigung', restriction: 'Einschränkung' } as const;

export const DE: Phrases = {
  subject: {
    access: 'Antwort auf Ihren Antrag auf Auskunft',
    information: 'Informationen über unsere Verarbeitung personenbezogener Daten',
    portability: 'Ihre Daten in einem übertragbaren Format',
    erasure: 'Antwort auf Ihren Antrag auf Löschung',
    rectification: 'Antwort auf Ihren Antrag auf Berichtigung',
    restriction: 'Antwort auf Ihren Antrag auf Einschränkung der Verarbeitung',
    objection: 'Antwort auf Ihren Widerspruch',
    marketing_opt_out: 'Bestätigung Ihres Widerspruchs gegen Werbung',
    refusal: 'Antwort auf Ihren Antrag',
    identity_request: 'Wir müssen die Identität bestätigen, bevor wir antworten können',
    extension_notice: 'Wir brauchen mehr Zeit für unsere Antwort',
    forwarded: 'Ihr Antrag wurde an den Verantwortlichen weitergeleitet',
    no_data: 'Antwort auf Ihren Antrag: Wir haben keine Daten',
  },
  caseRef: (id) => `Aktenzeichen ${id}`,
  dateLine: (city, date) => `${city}, den ${date}`,
  hello: (name) => (name ? `Guten Tag ${name}` : 'Sehr geehrte Damen und Herren'),
  regards: 'Mit freundlichen Grüßen',
  you: 'Sie',
  unnamedSubject: 'die von Ihnen vertretene Person',
  representative: (s, a) =>
    `Sie haben uns im Namen von ${s}${AUTHORITY[a]} geschrieben. Dieses Schreiben betrifft daher personenbezogene Daten über ${s}.`,
  thanks: (rights, received) => `Vielen Dank für Ihren Antrag (${rights}), den wir am ${received} erhalten haben.`,
  rightName: {
    access: 'Auskunft',
    information: 'Information über die Verarbeitung',
    rectification: 'Berichtigung',
    erasure: 'Löschung',
    restriction: 'Einschränkung der Verarbeitung',
    portability: 'Datenübertragbarkeit',
    objection: 'Widerspruch gegen die Verarbeitung',
    marketing_opt_out: 'Widerspruch gegen Direktwerbung',
  },
  unsupportedLanguage: (language) => `Wir schreiben auf Englisch, weil wir keine Schreiben auf ${language} verfassen können.`,
  registerLanguage:
    'Wir schreiben auf Englisch, weil unser Verzeichnis von Verarbeitungstätigkeiten nur auf Dänisch und Englisch vorliegt.',
  complaintHeading: 'Beschwerde und gerichtlicher Rechtsbehelf',
  complaint: (sa) =>
    `Wenn Sie mit unserer Antwort nicht zufrieden sind, können Sie sich bei der dänischen Datenschutzbehörde (${sa.name}) beschweren: ${sa.address.street}, ${sa.address.postalCode} ${sa.address.city}, Dänemark, ${sa.email}, Telefon ${sa.phone}, ${sa.website}.`,
  courts: 'Sie können die Sache auch vor Gericht bringen (Artikel 79).',
  systemsHeading: {
    erasure: 'Löschung in unseren Systemen',
    rectification: 'Berichtigung in unseren Systemen',
    restriction: 'Einschränkung in unseren Systemen',
  },
  statusDone: { erasure: 'gelöscht', rectification: 'berichtigt', restriction: 'auf Speicherung beschränkt' },
  statusExpires: 'nicht mehr in Gebrauch; wird automatisch gelöscht, wenn die Aufbewahrungsfrist endet',
  statusRetained: 'was das Gesetz verlangt, ist aufbewahrt (siehe unten); der Rest ist gelöscht',
  statusInProgress: 'in Bearbeitung',
  allDone: (right, who) =>
    `Wir haben die ${RIGHT_NOUN[right]} der personenbezogenen Daten über ${who} in allen unseren Systemen abgeschlossen.`,
  someDone: (right, who, done, total) =>
    `Wir führen die ${RIGHT_NOUN[right]} der personenbezogenen Daten über ${who} durch. Sie ist in ${done} von ${total} Systemen abgeschlossen; in den übrigen ist sie in Bearbeitung.`,
  writeAgain: 'Wir schreiben Ihnen erneut, wenn alles abgeschlossen ist.',
  keptHeading: 'Was wir aufbewahrt haben, und warum',
  bookkeeping: (who, year, until) =>
    `Wir haben Buchhaltungsunterlagen (Rechnungen und Belege) über ${who} aufbewahrt, weil das dänische Buchführungsgesetz verlangt, sie 5 Jahre ab dem Ende des Geschäftsjahres aufzubewahren, auf das sie sich beziehen (Artikel 17 Absatz 3 Buchstabe b). Die neuesten Unterlagen betreffen das Geschäftsjahr ${year} und werden am ${until} gelöscht.`,
  keptUse: 'Bis dahin verwenden wir die Daten für nichts anderes.',
  art19Heading: 'Mitteilung an die Empfänger der Daten (Artikel 19)',
  art19AllTold: (names) => `Wir haben alle, die die Daten erhalten haben, über die Änderung informiert: ${names}.`,
  art19Told: (names) => `Wir haben ${names} über die Änderung informiert.`,
  art19WillTell: (names) => `Wir informieren ${names}.`,
  art19NotTold: (name, reason) => `Wir informieren ${name} nicht, weil ${reason}.`,
  otherRecipients: 'weitere Empfänger (Lieferanten und Behörden)',
  restrictionPromise: 'Wir informieren Sie, bevor die Einschränkung aufgehoben wird (Artikel 18 Absatz 3).',
  suppression: (done) =>
    `${done ? 'Wir haben' : 'Wir nehmen'} die E-Mail-Adresse in unsere Sperrliste ${done ? 'aufgenommen' : 'auf'}, damit wir sicherstellen und nachweisen können, dass an sie keine Werbung mehr geschickt wird (Artikel 21 Absatz 3). Die Sperrliste wird für nichts anderes verwendet, und der Eintrag wird 2 Jahre nach dem Widerspruch gelöscht.`,
  objectionStopped: (who) =>
    `Wir haben die Verarbeitung personenbezogener Daten über ${who}, der Sie widersprochen haben, eingestellt (Artikel 21 Absatz 1).`,
  objectionGrounds: (who) =>
    `Wir haben Ihren Widerspruch geprüft und setzen die Verarbeitung personenbezogener Daten über ${who} fort, weil wir zwingende schutzwürdige Gründe nachweisen können, die ${who === 'Sie' ? 'Ihre Interessen, Rechte und Freiheiten' : `die Interessen, Rechte und Freiheiten von ${who}`} überwiegen (Artikel 21 Absatz 1).`,
  marketingStopped: (who, date) => `Wir haben am ${date} jede Direktwerbung an ${who} eingestellt.`,
  portability: (who, files, messages) =>
    `Anbei erhalten Sie die Daten, die ${who} uns bereitgestellt ${who === 'Sie' ? 'haben' : 'hat'}, in einem strukturierten, gängigen und maschinenlesbaren Format (Artikel 20): ${files}. Die Dateien enthalten die Kontaktdaten und ${messages === 1 ? '1 E-Mail' : `${messages} E-Mails`} in voller Länge.`,
  refusal: (basis, rights) => `Wir kommen Ihrem Antrag auf ${rights} nicht nach. Die Entscheidung stützt sich auf ${basis}.`,
  refusalInformed: (rights) =>
    `Wir kommen Ihrem Antrag auf ${rights} nicht nach. Gemäß Artikel 12 Absatz 4 der Datenschutz-Grundverordnung teilen wir Ihnen hier die Gründe mit.`,
  refusalBasis: {
    '11(2)': 'Wir können die Person in den von uns verarbeiteten Daten nicht identifizieren.',
    '12(4)': 'Wir werden auf den Antrag hin nicht tätig.',
    '12(5)': 'Der Antrag ist offenkundig unbegründet oder exzessiv.',
    '12(6)': 'Wir konnten die Identität nicht bestätigen, obwohl wir um die nötigen Informationen gebeten haben.',
    '15(4)': 'Eine Kopie würde die Rechte anderer Personen beeinträchtigen.',
    '17(3)': 'Das Gesetz verpflichtet uns, die Daten aufzubewahren.',
    '21(1)': 'Wir haben zwingende schutzwürdige Gründe für die Verarbeitung, die die Interessen der betroffenen Person überwiegen.',
    'DBL §22':
      '§ 22 des dänischen Datenschutzgesetzes nimmt die Daten wegen überwiegender privater oder öffentlicher Interessen von der Auskunft aus.',
  },
  reasonLabel: 'Begründung',
  identityWhy: (who) =>
    `Bevor wir antworten, müssen wir sicher sein, dass wir personenbezogene Daten über ${who} nur an die richtige Person herausgeben (Artikel 12 Absatz 6). Wir haben begründete Zweifel an der Identität und bitten Sie daher um eines der Folgenden:`,
  identityAsk: 'Bitte antworten Sie auf diese E-Mail, sobald es Ihnen möglich ist.',
  identityMethod: {
    known_address: 'schreiben Sie uns von der E-Mail-Adresse, die wir bereits gespeichert haben',
    mitid_signed: 'senden Sie uns eine mit MitID signierte E-Mail',
    customer_number: 'nennen Sie uns Ihre Kundennummer und Rechnungsadresse',
    call_back: 'erlauben Sie uns einen Rückruf unter der Telefonnummer, die wir gespeichert haben',
  },
  identityAuthority: (s, a) =>
    a === 'parent'
      ? `Bitte senden Sie uns auch einen Nachweis, dass Sie für ${s} sorgeberechtigt sind.`
      : a === 'guardian'
        ? `Bitte senden Sie uns auch einen Nachweis, dass Sie Vormund von ${s} sind.`
        : `Bitte senden Sie uns auch eine datierte und unterschriebene Vollmacht von ${s}.`,
  identityNoCopy:
    'Bitte senden Sie keine Kopie eines Reisepasses, Führerscheins oder anderen Lichtbildausweises. Wir brauchen sie nicht und speichern niemals Kopien von Ausweisen.',
  clockStopped: (from) => `Die Frist für unsere Antwort ist ab dem ${from} angehalten, bis wir von Ihnen hören.`,
  extension: (reason, first, next) =>
    `Wir können nicht bis zum ${first} antworten, der sonst geltenden Frist. Wir verlängern die Frist daher um zwei Monate (Artikel 12 Absatz 3), weil ${reason}. Sie erhalten unsere Antwort spätestens am ${next}.`,
  forwarded: (controller, to, at) =>
    `Ihr Antrag betrifft Daten, die wir nur im Auftrag von ${controller} als Auftragsverarbeiter verarbeiten. ${controller} ist der Verantwortliche und muss Ihnen antworten. Wir haben Ihren Antrag am ${at} an ${to} weitergeleitet.`,
  noData: (who, systems) =>
    `Wir haben in ${systems} nach personenbezogenen Daten über ${who} gesucht und keine gefunden, abgesehen von Ihrer Anfrage selbst, die wir als Nachweis unserer Antwort aufbewahren.`,
  reply: 'Bei Fragen antworten Sie gern auf diese E-Mail.',
};
