/**
 * A stand-in for Office.js inside a real browser page: one message selected in Outlook, the user's
 * mailbox, a display language, and Office SSO handing out a token (NAA reported unsupported, so the
 * add-in takes its documented fallback). Notifications and command completion are recorded on window.
 */
export interface OfficeStubOptions {
  itemId: string;
  email: string;
  displayName: string;
  displayLanguage: string;
  token: string;
}

export function officeStub(o: OfficeStubOptions): void {
  const w = globalThis as unknown as Record<string, unknown>;
  const notifications: { key: string; type: string; message: string }[] = [];
  const actions: Record<string, (event: { completed(): void }) => void> = {};
  w.__notifications = notifications;
  w.__actions = actions;
  w.__completed = 0;
  const office = {
    context: {
      displayLanguage: o.displayLanguage,
      requirements: { isSetSupported: () => false },
      mailbox: {
        item: {
          itemId: `ews:${o.itemId}`,
          notificationMessages: {
            replaceAsync: (key: string, message: { type: string; message: string }, callback?: (r: { status: string }) => void) => {
              notifications.push({ key, type: message.type, message: message.message });
              callback?.({ status: 'succeeded' });
            },
          },
        },
        userProfile: { emailAddress: o.email, displayName: o.displayName },
        // EWS ids and REST ids differ in a few characters; the stub's EWS id is the REST id with a prefix.
        convertToRestId: (id: string, version: string) => (version === 'v2.0' ? id.replace(/^ews:/, '') : id),
      },
    },
    auth: { getAccessToken: async () => o.token },
    actions: { associate: (name: string, handler: (event: { completed(): void }) => void) => (actions[name] = handler) },
    MailboxEnums: {
      RestVersion: { v2_0: 'v2.0' },
      ItemNotificationMessageType: {
        InformationalMessage: 'informationalMessage',
        ErrorMessage: 'errorMessage',
        ProgressIndicator: 'progressIndicator',
      },
    },
    onReady: (callback?: (info: { host: string }) => void) => {
      callback?.({ host: 'Outlook' });
      return Promise.resolve({ host: 'Outlook' });
    },
  };
  Object.defineProperty(globalThis, 'Office', { value: office, writable: false, configurable: false });
}
