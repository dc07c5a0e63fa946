import { badUserInput } from '../errors';
import { KeysetPosition, SortDirection } from '../../loaders/support/connection-loader';
import { isBigintId } from './ids';
import { decodeJsonCursor, encodeJsonCursor } from './json-cursor';

/**
 * Cursors are base64url JSON of the direction and the row's keyset position, opaque to clients.
 * The direction is inside so that a cursor cannot silently be replayed against the other order.
 */
export function encodeCursor(direction: SortDirection, position: KeysetPosition): string {
  return encodeJsonCursor([direction, position.time, position.id]);
}

const CURSOR_TIME = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})\.\d{6}Z$/;

export function decodeCursor(cursor: string, direction: SortDirection, field = 'after'): KeysetPosition {
  const invalid = () => badUserInput(`\`${field}\` is not a cursor of this list.`, field);
  const decoded = decodeJsonCursor(cursor);
  if (!decoded || decoded.length !== 3) throw invalid();
  const [cursorDirection, time, id] = decoded;
  if (typeof time !== 'string' || typeof id !== 'string' || !isBigintId(id) || !isRealInstant(time)) throw invalid();
  if (cursorDirection !== direction) throw badUserInput(`\`${field}\` was issued for the other \`order\` of this list.`, field);
  return { time, id };
}

// Rejects well-shaped but impossible instants (2026-02-31…, or year 0, which PostgreSQL lacks) that PostgreSQL would refuse with an error.
function isRealInstant(time: string): boolean {
  const match = CURSOR_TIME.exec(time);
  if (!match || match[1] < '0001') return false;
  const parsed = new Date(`${match[1]}Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().startsWith(match[1]);
}
