import type { SeedContext } from './context';
import { createTempTable } from './sql';

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
    SELECT nextval(pg_get_serial_sequence('contacts', 'id')) AS id, o.*
      FROM (SELECT md.idx AS medium_idx, md.channel_type, md.medium, k AS ordinal, md.idx::bigint * 100000000 + k AS key
              FROM seed_media md CROSS JOIN generate_series(0, md.contact_count - 1) AS k
             ORDER BY md.idx, k) o`);
  await runner.query('ANALYZE seed_contacts');

  const { countryCode, areaCodes, subscriberPrefix, subscriberDigits } = profile.phone;
  await runner.query(
    `INSERT INTO contacts (account_id, id, medium, name, email, phone_number, primary_identifier, secondary_identifier, created_at, updated_at)
     SELECT $1, c.id, c.medium, p.name, p.email, p.phone,
            CASE c.channel_type WHEN 'whatsapp' THEN p.phone WHEN 'sms' THEN p.phone WHEN 'email' THEN p.email
                 WHEN 'instagram' THEN '@' || h.handle WHEN 'twitter' THEN '@' || h.handle WHEN 'telegram' THEN '@' || h.handle
                 WHEN 'api' THEN 'CRM-' || ${digits('c.key', 61, 7)} ELSE p.name END,
            CASE c.channel_type WHEN 'web_widget' THEN p.email WHEN 'facebook' THEN ${digits('c.key', 62, 16)} ELSE p.name END,
            p.created_at,
            greatest(p.created_at, $2::timestamptz - make_interval(days => ${pick('c.key', 65, 60)}, secs => ${pick('c.key', 66, 86400)}))
       FROM seed_contacts c
       JOIN seed_pools fp ON fp.pool = 'first_name'
       JOIN seed_pools lp ON lp.pool = 'last_name'
       JOIN seed_pools dp ON dp.pool = 'email_domain'
       JOIN seed_texts f ON f.pool = 'first_name' AND f.idx = ${pick('c.key', 51, 'fp.size')}
       JOIN seed_texts l ON l.pool = 'last_name' AND l.idx = ${pick('c.key', 52, 'lp.size')}
       JOIN seed_texts d ON d.pool = 'email_domain' AND d.idx = ${pick('c.key', 53, 'dp.size')}
       LEFT JOIN seed_texts special ON special.pool = 'special_contact' AND special.idx = c.medium_idx AND c.ordinal = 0
      CROSS JOIN LATERAL (SELECT lower(translate(f.body || '.' || l.body, $3, $4)) || ${pick('c.key', 54, 100)} AS handle) h
      CROSS JOIN LATERAL (
            SELECT coalesce(special.body, f.body || ' ' || l.body) AS name,
                   CASE WHEN c.channel_type IN ('email', 'web_widget') OR ${unit('c.key', 55)} < 0.5 THEN h.handle || '@' || d.body END AS email,
                   CASE WHEN c.channel_type IN ('whatsapp', 'sms') OR ${unit('c.key', 56)} < 0.35
                        THEN '+' || $5 || ($6::text[])[1 + ${pick('c.key', 57, 'cardinality($6::text[])')}] || $7 || ${digits('c.key', 58, subscriberDigits)} END AS phone,
                   $2::timestamptz - make_interval(days => 61 + ${pick('c.key', 63, 700)}, secs => ${pick('c.key', 64, 86400)}) AS created_at
      ) p
      ORDER BY c.id`,
    [accountId, now.toISOString(), ACCENTED, PLAIN, countryCode, areaCodes, subscriberPrefix],
  );

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
    `INSERT INTO contact_attributes (account_id, contact_id, name, value, type, created_at, updated_at)
     SELECT $1, c.id, a.name,
            CASE WHEN a.pool IS NOT NULL THEN t.body
                 WHEN a.pattern IS NOT NULL THEN coalesce(a.prefix, '') || regexp_replace(x.digits, a.pattern, a.replacement)
                 ELSE coalesce(a.prefix, '') || x.digits END,
            a.type, x.created_at, x.created_at + make_interval(days => ${pick(key, 73, 60)})
       FROM seed_contacts c
       JOIN seed_attributes a ON (a.channel_type IS NULL OR a.channel_type = c.channel_type)
                             AND (c.ordinal = 0 OR ${unit(key, 70)} < a.chance)
       JOIN contacts ct ON ct.account_id = $1 AND ct.id = c.id
       LEFT JOIN seed_pools p ON p.pool = a.pool
       LEFT JOIN seed_texts t ON t.pool = a.pool AND t.idx = CASE WHEN c.ordinal = 0 THEN c.medium_idx % p.size ELSE ${pick(key, 71, 'p.size')} END
      CROSS JOIN LATERAL (SELECT ${digits(key, 72, 'coalesce(a.digit_count, 1)')} AS digits,
                                 ct.created_at + make_interval(mins => ${pick(key, 74, 600)}) AS created_at) x
      ORDER BY c.id, a.idx`,
    [accountId],
  );
}
