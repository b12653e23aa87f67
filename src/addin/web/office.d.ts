/**
 * The part of Office.js this add-in uses (the library comes from Microsoft's CDN at run time). Written
 * out here so the pages type-check without @types/office-js.
 */
declare namespace Office {
  interface AsyncResult<T> {
    status: 'succeeded' | 'failed';
    value: T;
    error?: { message: string };
  }
  interface NotificationMessageDetails {
    type: string;
    message: string;
    icon?: string;
    persistent?: boolean;
  }
  interface Item {
    itemId: string;
    subject?: string;
    /** Mailbox 1.8: for an item in a shared folder or another user's mailbox; absent otherwise. */
    getSharedPropertiesAsync?(callback: (result: AsyncResult<{ targetMailbox: string }>) => void): void;
    notificationMessages: {
      replaceAsync(key: string, message: NotificationMessageDetails, callback?: (result: AsyncResult<void>) => void): void;
    };
  }
  interface Mailbox {
    item: Item | null;
    userProfile: { emailAddress: string; displayName: string };
    convertToRestId(itemId: string, version: string): string;
  }
  interface AddinCommandEvent {
    completed(options?: { allowEvent?: boolean }): void;
  }
  const context: {
    mailbox: Mailbox;
    displayLanguage: string;
    requirements: { isSetSupported(name: string, version?: string): boolean };
  };
  const auth: {
    getAccessToken(options?: { allowSignInPrompt?: boolean; allowConsentPrompt?: boolean; forMSGraphAccess?: boolean }): Promise<string>;
  };
  const actions: { associate(name: string, handler: (event: AddinCommandEvent) => void): void };
  const MailboxEnums: {
    RestVersion: { v2_0: string };
    ItemNotificationMessageType: { InformationalMessage: string; ErrorMessage: string; ProgressIndicator: string };
  };
  function onReady(callback?: (info: { host: string | null }) => void): Promise<{ host: string | null }>;
}
