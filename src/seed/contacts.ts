import type { SeedContext } from './context';
import { analyzeAfterBulkInsert, createTempTable } from './sql';
import { staged } from './staging';

// Both cases map to lowercase so the result does not depend on the database's collation
// (lower() leaves accented capitals alone under the C locale); the apostrophe and the space
// have no counterpart and are dropped.
const ACCENTED = "ÁÀÂÃÄÉÈÊËÍÌÎÏÓÒÔÕÖÚÙÛÜÇÑáàâãäéèêëíìîïóòôõöúùûüçñ' ";
const PLAIN = 'aaaaaeeeeiiiiooooouuuucnaaaaaeeeeiiiiooooouuuucn';

/**
 * Contacts of every medium with identifiers shaped like the medium's (a phone number on
 * WhatsApp and SMS, an @handle on Instagram, X and Telegram, a page-scoped id on Facebook …),
 * and their attributes. The first contact of each medium carries a name chosen to break CSV
 * files. Conversations pick their contact by (medium, ordinal) from `seed_contacts`.
 */
export async function insertContacts({ runner, accountId, profile, now, random }: SeedContext): Promise<void> {
  const { unit, pick, digits } = random;
  await runner.query(`
    CREATE TEMP TABLE seed_contacts ON COMMIT DROP AS
    SELECT nextval(pg_get_serial_sequence('${staged('contacts')}', 'id')) AS id, o.*
      FROM (SELECT md.idx AS medium_idx, md.channel_type, md.medium, k AS ordinal, md.idx::bigint * 100000000 + k AS key
              FROM seed_media md CROSS JOIN generate_series(0, md.contact_count - 1) AS k
             ORDER BY md.idx, k) o`);
  await runner.query('ANALYZE seed_contacts');

  const { countryCode, areaCodes, subscriberPrefix, subscriberDigits } = profile.phone;
  await runner.query(
    `INSERT INTO ${staged('contacts')} (account_id, id, medium, name, email, phone_number, primary_identifier, secondary_identifier, created_at, updated_at)
     SELECT $1, c.id, c.medium, p.name, p.email, p.phone,
            CASE c.channel_type WHEN 'whatsapp' THEN p.phone WHEN 'sms' THEN p.phone WHEN 'email' THEN p.email
                 WHEN 'instagram' THEN '@' || h.handle WHEN 'twitter' THEN '@' || h.handle WHEN 'telegram' THEN '@' || h.handle
                 WHEN 'api' THEN 'CRM-' || ${digits('c.key', 61, 7)} ELSE p.name END,
            CASE c.channel_type WHEN 'web_widget' THEN p.email WHEN 'facebook' THEN ${digits('c.key', 62, 16)} ELSE p.name END,
            p.created_at,
            greatest(p.created_at, $2::timestamptz - make_interval(days => ${pick('c.key', 65, 60)}, secs => ${pick('c.key', 66, 86400)}))
       FROM seed_contacts c
       JOIN seed_pools first_names ON first_names.pool = 'first_name'
       JOIN seed_pools last_names ON last_names.pool = 'last_name'
       JOIN seed_pools domains ON domains.pool = 'email_domain'
       JOIN seed_pools specials ON specials.pool = 'special_contact'
      CROSS JOIN LATERAL (SELECT first_names.bodies[1 + ${pick('c.key', 51, 'first_names.size')}] AS first_name,
                                 last_names.bodies[1 + ${pick('c.key', 52, 'last_names.size')}] AS last_name) n
      CROSS JOIN LATERAL (SELECT lower(translate(n.first_name || '.' || n.last_name, $3, $4)) || ${pick('c.key', 54, 100)} AS handle) h
      CROSS JOIN LATERAL (
            SELECT CASE WHEN c.ordinal = 0 THEN specials.bodies[1 + c.medium_idx] ELSE n.first_name || ' ' || n.last_name END AS name,
                   CASE WHEN c.channel_type IN ('email', 'web_widget') OR ${unit('c.key', 55)} < 0.5
                        THEN h.handle || '@' || domains.bodies[1 + ${pick('c.key', 53, 'domains.size')}] END AS email,
                   CASE WHEN c.channel_type IN ('whatsapp', 'sms') OR ${unit('c.key', 56)} < 0.35
                        THEN '+' || $5 || ($6::text[])[1 + ${pick('c.key', 57, 'cardinality($6::text[])')}] || $7 || ${digits('c.key', 58, subscriberDigits)} END AS phone,
                   $2::timestamptz - make_interval(days => 61 + ${pick('c.key', 63, 700)}, secs => ${pick('c.key', 64, 86400)}) AS created_at
      ) p
      ORDER BY c.id`,
    [accountId, now.toISOString(), ACCENTED, PLAIN, countryCode, areaCodes, subscriberPrefix],
  );
  await analyzeAfterBulkInsert(runner, staged('contacts'));

  await createTempTable(
    runner,
    'seed_attributes',
    'idx int, name text, type text, channel_type text, chance float8, pool text, digit_count int, prefix text, pattern text, replacement text',
    profile.attributes.map((a, idx) => ({
      idx,
      name: a.name,
      type: a.type,
      channel_type: a.channelType ?? null,
      chance: a.chance,
      pool: a.pool ?? null,
      digit_count: a.digits?.count ?? null,
      prefix: a.digits?.prefix ?? null,
      pattern: a.digits?.pattern ?? null,
      replacement: a.digits?.replacement ?? null,
    })),
  );
  // The first contact of a medium has every attribute, valued from the start of each pool,
  // where the CSV-breaking values are.
  const key = 'c.key * 32 + a.idx';
  await runner.query(
    `INSERT INTO ${staged('contact_attributes')} (account_id, contact_id, name, value, type, created_at, updated_at)
     SELECT $1, c.id, a.name,
            CASE WHEN a.pool IS NOT NULL THEN p.bodies[1 + CASE WHEN c.ordinal = 0 THEN c.medium_idx % p.size ELSE ${pick(key, 71, 'p.size')} END]
                 WHEN a.pattern IS NOT NULL THEN coalesce(a.prefix, '') || regexp_replace(x.digits, a.pattern, a.replacement)
                 ELSE coalesce(a.prefix, '') || x.digits END,
            a.type, x.created_at, x.created_at + make_interval(days => ${pick(key, 73, 60)})
       FROM seed_contacts c
       JOIN seed_attributes a ON (a.channel_type IS NULL OR a.channel_type = c.channel_type)
                             AND (c.ordinal = 0 OR ${unit(key, 70)} < a.chance)
       JOIN ${staged('contacts')} ct ON ct.account_id = $1 AND ct.id = c.id
       LEFT JOIN seed_pools p ON p.pool = a.pool
      CROSS JOIN LATERAL (SELECT ${digits(key, 72, 'coalesce(a.digit_count, 1)')} AS digits,
                                 ct.created_at + make_interval(mins => ${pick(key, 74, 600)}) AS created_at) x
      ORDER BY c.id, a.idx`,
    [accountId],
  );
}
