import { z } from 'zod';

/**
 * The building blocks every event definition uses, so that a reference, a text or an instant
 * means the same in every type and in every published JSON Schema.
 */

export const MAX_ID_LENGTH = 200;
export const MAX_TEXT_LENGTH = 20_000;

/** An external id: the sender's own identifier of an entity, unique per account and source. */
export const externalId = () => z.string().min(1).max(MAX_ID_LENGTH);

/**
 * A reference to another entity by its external id, resolved in the sender's account and source
 * only: an event can never name another account's row.
 */
export const ref = (entity: string) => externalId().describe(`External id of the ${entity}.`);

export const shortText = () => z.string().max(1000);
export const longText = () => z.string().max(MAX_TEXT_LENGTH);

/**
 * ISO 8601 with an explicit offset (`Z` or `±hh:mm`): an instant without one would be read in
 * some zone nobody chose, and a report's day buckets would silently move.
 */
export const instant = () => z.iso.datetime({ offset: true });

/** Whether a string carries a date and time but no offset (coded apart: the commonest mistake). */
export function lacksOffset(value: unknown): boolean {
  return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(value);
}
