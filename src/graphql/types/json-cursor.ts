/**
 * Every cursor of the API is base64url JSON of an array whose first element names what it pages
 * (a list, a direction, a report), so a cursor of one list is refused by another.
 */
export function encodeJsonCursor(values: unknown[]): string {
  return Buffer.from(JSON.stringify(values)).toString('base64url');
}

/** The decoded array, or null when the text is not a cursor at all. */
export function decodeJsonCursor(cursor: string): unknown[] | null {
  try {
    const decoded: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    return Array.isArray(decoded) ? decoded : null;
  } catch {
    return null;
  }
}
