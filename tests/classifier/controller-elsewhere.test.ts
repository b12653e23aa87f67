import { describe, expect, it } from 'vitest';
import { controllerElsewhere } from '../../src/classifier/controller-elsewhere.js';

const OWN = ['itguy.dk'];

describe('controllerElsewhere', () => {
  it.each([
    ['Hej. I er vores IT-leverandør. Hvilke oplysninger om mig ligger der i vores Microsoft 365?', 'jens@bageriet.dk', 'bageriet.dk'],
    [
      'You manage our mailboxes. Please delete everything about me in our Teams after I leave.',
      'sara@acme-shipping.com',
      'acme-shipping.com',
    ],
    ['Ihr betreut unsere Server. Welche Daten über mich liegen in meinem Arbeits-Mail-Konto?', 'k.meyer@gmail.com', null],
    ['Ni som förvaltar vår e-post: vilka uppgifter om mig finns i mitt jobbkonto?', 'anna@kund.se', 'kund.se'],
  ])('%s', (text, from, name) => {
    expect(controllerElsewhere(text, from, OWN)?.name ?? null).toBe(name);
    expect(controllerElsewhere(text, from, OWN)?.reason).toMatch(/organisation's systems/);
  });

  it.each([
    // ITGuy's own data about the person: ITGuy is the controller.
    ['Hvilke oplysninger har I om mig i jeres kundesystem?', 'jens@bageriet.dk'],
    // Their systems, but nothing says ITGuy runs them.
    ['Slet mig fra vores nyhedsbrev og fra vores mailsystem.', 'jens@bageriet.dk'],
    // ITGuy runs things, but the data asked about is ITGuy's own.
    ['I er vores IT-leverandør. Hvad har I gemt om mig i jeres CRM?', 'jens@bageriet.dk'],
  ])('not for: %s', (text, from) => {
    expect(controllerElsewhere(text, from, OWN)).toBeNull();
  });
});
