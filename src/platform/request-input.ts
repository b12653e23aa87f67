import type { z } from 'zod';

/** A request refused with a status, a machine code and a reason the caller can act on (never a 5xx). */
export class RequestRefused extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'RequestRefused';
  }
}

/** `value` as `schema` says, or a 400 naming every field that is wrong (`root` names the whole input). */
export function checkedInput<T>(schema: z.ZodType<T>, value: unknown, root: string): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  throw new RequestRefused(400, 'invalid_request', result.error.issues.map((i) => `${i.path.join('.') || root}: ${i.message}`).join('; '));
}
