import { createHash, randomBytes, randomUUID } from 'node:crypto';

/**
 * Ids that look and behave like Exchange's: long opaque base64 strings. A message has a REST id that
 * changes when it moves folders, and an immutable id that never changes (Prefer: IdType="ImmutableId").
 */

const b64 = (bytes: Buffer) => bytes.toString('base64').replace(/\//g, '-').replace(/\+/g, '_');

export const newRestId = () => `AAMkAGI2${b64(randomBytes(57))}`;
export const newImmutableId = () => `AAkALgAAAAAAHYQDEapmEc2byACqAC-EWg0A${b64(randomBytes(42))}`;
export const newFolderId = () => `AAMkAGI2${b64(randomBytes(30))}AAA=`;
export const newDriveItemId = () => `01${randomBytes(16).toString('hex').toUpperCase().slice(0, 32)}`;
export const newChangeKey = () => b64(randomBytes(12));
export const newConversationId = (seed: string) => `AAQkAGI2${b64(createHash('sha256').update(seed).digest()).slice(0, 40)}=`;
export const newGuid = () => randomUUID();
export const newToken = (bytes = 24) => randomBytes(bytes).toString('base64url');
