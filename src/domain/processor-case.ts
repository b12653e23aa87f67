import type { Case, Task } from './case.js';
import type { Text } from './text.js';

/**
 * A request about data ITGuy holds only as a customer's processor (the customer's Microsoft 365 that ITGuy
 * manages): the customer is the controller and answers it (gdpr-rules §3). ITGuy forwards it, records
 * when, tells the person, and helps the customer when asked (Art. 28(3)(e)); it writes no Art. 15 answer.
 */

export const FORWARD_TASK = 'processor:forward';

const task = (id: string, title: Text): Task => ({ id, title, done: false });

export function processorTasks(controller: { name?: string | undefined }): Task[] {
  const who = controller.name ? ` (${controller.name})` : '';
  return [
    task(FORWARD_TASK, {
      da: `Videresend anmodningen til den dataansvarlige kunde${who} uden unødig forsinkelse, og notér datoen`,
      en: `Forward the request to the customer that is the controller${who} without undue delay, and record the date`,
    }),
    task('processor:tell', {
      da: 'Fortæl personen, at anmodningen er sendt videre til den dataansvarlige, og til hvem',
      en: 'Tell the person that the request was forwarded to the controller, and to whom',
    }),
    task('processor:assist', {
      da: 'Hjælp kunden med at finde og udlevere data i kundens Microsoft 365, når kunden beder om det (artikel 28, stk. 3, litra e)',
      en: "Help the customer find and hand over data in the customer's Microsoft 365 when the customer asks (Art. 28(3)(e))",
    }),
  ];
}

export const isProcessorCase = (c: Pick<Case, 'controllerElsewhere'>): boolean => c.controllerElsewhere !== undefined;
