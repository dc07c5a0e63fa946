import { badUserInput } from '../errors';
import { decodeJsonCursor, encodeJsonCursor } from './json-cursor';

/** A position in a newest-first log (exports, audit events): creation time in microseconds (exact, as text) and id. */
export interface LogPosition {
  time: string;
  id: string;
}

/** base64url JSON of the list name and the position; the name keeps one list's cursor out of another. */
export function encodeLogCursor(list: string, position: LogPosition): string {
  return encodeJsonCursor([list, position.time, position.id]);
}

export function decodeLogCursor(cursor: string, list: string, idPattern: RegExp, field = 'after'): LogPosition {
  const decoded = decodeJsonCursor(cursor);
  if (
    !decoded ||
    decoded.length !== 3 ||
    decoded[0] !== list ||
    typeof decoded[1] !== 'string' ||
    !/^-?[0-9]{1,18}$/.test(decoded[1]) ||
    typeof decoded[2] !== 'string' ||
    !idPattern.test(decoded[2])
  ) {
    throw badUserInput(`\`${field}\` is not a cursor of this list.`, field);
  }
  return { time: decoded[1], id: decoded[2] };
}
