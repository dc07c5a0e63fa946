import { ContactAttribute } from '../entities';
import { createGroupedListLoader } from './support/grouped-list-loader';
import { sql } from './support/sql';
import { SqlRunner } from './support/sql-runner';

/** Attributes of a contact, by name. */
export const contactAttributesLoader = (runner: SqlRunner) =>
  createGroupedListLoader(
    runner,
    ContactAttribute,
    (contactIds) => sql`
      SELECT a.contact_id::text AS __parent, a.*
        FROM contact_attributes a
       WHERE a.contact_id = ANY(${contactIds}::bigint[])
       ORDER BY a.name, a.id`,
  );
