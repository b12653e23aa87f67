import { api, currentMessage, openCaseOf, type CaseSummary } from './api-client.js';
import { date, t } from './texts.js';
import { errorText } from '../../platform/error-text.js';
import { insideOffice } from './outside-office.js';

/** The one-click "Log as GDPR request" command: no pane, the outcome as an Outlook notification. */

function notify(type: string, message: string): Promise<void> {
  return new Promise((resolve) => {
    // Notification messages are limited to 150 characters.
    Office.context.mailbox.item?.notificationMessages.replaceAsync(
      'dsar',
      { type, message: message.slice(0, 150), icon: 'Icon.16', persistent: false },
      () => resolve(),
    );
  });
}

async function logAsGdprRequest(event: Office.AddinCommandEvent): Promise<void> {
  try {
    const target = await currentMessage();
    if (!target) throw new Error(t('noItem'));
    const result = await api<{ created: boolean; case: CaseSummary }>('cases/from-message', {
      method: 'POST',
      body: JSON.stringify(target),
    });
    await notify(
      Office.MailboxEnums.ItemNotificationMessageType.InformationalMessage,
      t(result.created ? 'logged' : 'already', { id: result.case.id, due: date(result.case.due) }),
    );
  } catch (error) {
    // The person has a case open: one click must not open a second; the task pane offers both ways on.
    const open = openCaseOf(error);
    if (open) await notify(Office.MailboxEnums.ItemNotificationMessageType.InformationalMessage, t('openCaseNotice', { id: open.id }));
    else await notify(Office.MailboxEnums.ItemNotificationMessageType.ErrorMessage, t('failed', { reason: errorText(error) }));
  } finally {
    event.completed();
  }
}

insideOffice('commands', (inside) => inside && Office.actions.associate('logAsGdprRequest', (event) => void logAsGdprRequest(event)));
