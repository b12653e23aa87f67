/** The message of anything thrown, for logs and user-facing errors (a thrown string or object has none). */
export function errorText(error: unknown, options: { firstLine?: boolean } = {}): string {
  const text = error instanceof Error ? error.message : String(error);
  return options.firstLine ? text.split('\n')[0]! : text;
}
