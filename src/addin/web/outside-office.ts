/**
 * What the add-in's pages show when opened outside Outlook (a browser tab, a link someone followed):
 * what they are and how to open them in Outlook, in the browser's language, instead of a blank page
 * and "Office is not defined". Office.js is absent (the CDN unreachable) or loaded without a host.
 */

type Page = 'taskpane' | 'commands';

const TEXT = {
  da: {
    title: 'DSAR-tilføjelsesprogrammet til Outlook',
    taskpane: 'Denne side er opgaveruden "GDPR-anmodning": i Outlook viser den, om en mail er en GDPR-anmodning, og logger den som en sag.',
    commands: 'Denne side hører til knappen "Log som GDPR-anmodning" i Outlook; den har intet at vise i en browser.',
    how: 'Den virker kun inde i Outlook. Åbn en mail i Outlook (på nettet, Windows eller Mac), og vælg DSAR-knappen på båndet. Er tilføjelsesprogrammet ikke installeret, så indlæs manifestet (appPackage/build/manifest.xml fra "npm run package:teams") under Hent tilføjelsesprogrammer → Mine tilføjelsesprogrammer → Tilføj et brugerdefineret tilføjelsesprogram. Se docs/outlook-addin.md.',
  },
  en: {
    title: 'The DSAR add-in for Outlook',
    taskpane:
      'This page is the "GDPR request" task pane: in Outlook it shows whether a mail is a data-subject request and logs it as a case.',
    commands: 'This page belongs to the "Log as GDPR request" button in Outlook; it has nothing to show in a browser.',
    how: 'It works only inside Outlook. Open a mail in Outlook (on the web, Windows or Mac) and choose the DSAR button on the ribbon. If the add-in is not installed, sideload the manifest (appPackage/build/manifest.xml from "npm run package:teams") under Get Add-ins → My add-ins → Add a custom add-in. See docs/outlook-addin.md.',
  },
} as const;

/** True when the page runs in an Office host; false when it does not (then the page has said so). */
export function insideOffice(page: Page, ready: (inside: boolean) => void): void {
  if (typeof Office === 'undefined' || typeof Office.onReady !== 'function') {
    explain(page);
    ready(false);
    return;
  }
  void Office.onReady((info) => {
    if (info.host) ready(true);
    else {
      explain(page);
      ready(false);
    }
  });
}

function explain(page: Page): void {
  // commands.html loads its script in <head>: the body comes later.
  if (!document.body) {
    document.addEventListener('DOMContentLoaded', () => explain(page), { once: true });
    return;
  }
  const words = (navigator.language ?? '').toLowerCase().startsWith('da') ? TEXT.da : TEXT.en;
  document.documentElement.lang = words === TEXT.da ? 'da' : 'en';
  document.title = words.title;
  const main = document.createElement('main');
  main.id = 'outside-office';
  const h1 = document.createElement('h1');
  h1.textContent = words.title;
  const what = document.createElement('p');
  what.textContent = words[page];
  const how = document.createElement('p');
  how.textContent = words.how;
  main.append(h1, what, how);
  document.body.replaceChildren(main);
}
