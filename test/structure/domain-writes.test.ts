import fs from 'node:fs';
import path from 'node:path';

import { DOMAIN_TABLES } from '../../src/ingest/domain-tables';

const SRC = path.resolve(__dirname, '../../src');

/** The tables the reports read: after ingestion only src/ingest writes them (issue: the one write path). */
const DOMAIN_TABLE_NAMES = new Set<string>(DOMAIN_TABLES);

function sourceFiles(dir = SRC): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return entry.name.endsWith('.ts') ? [path.relative(SRC, full)] : [];
  });
}

const WRITE = /\b(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM|COPY|TRUNCATE(?:\s+TABLE)?)\s+(?:ONLY\s+)?(?:public\.)?("?[a-z_]+"?|\$\{[^}]*\})/gi;

/**
 * The write statements of a source text whose target is a domain table, or a computed name that
 * is not one of the generator's temporary copies (`staged(...)`, dropped with its transaction).
 */
function domainWrites(text: string): string[] {
  return [...text.matchAll(WRITE)]
    .map((match) => match[1].replace(/"/g, ''))
    .filter((target) => (target.startsWith('${') ? !/^\$\{staged\(/.test(target) : DOMAIN_TABLE_NAMES.has(target.toLowerCase())));
}

/** Helpers that write whatever table they are given, and how their callers must call them. */
const GENERIC_WRITERS: Record<string, { target: string; helper: string }> = {
  [path.join('seed', 'sql.ts')]: { target: '${table}', helper: 'insertRows' },
};

describe('ingestion is the one write path of the domain tables', () => {
  it('finds a direct write (the check can fail)', () => {
    expect(domainWrites("await runner.query(`INSERT INTO messages (account_id, content) SELECT $1, 'x'`)")).toEqual(['messages']);
    expect(domainWrites('`UPDATE agents a SET last_sign_in_at = s.signed_in FROM s`')).toEqual(['agents']);
    expect(domainWrites("'DELETE FROM team_members WHERE true'; `COPY conversations FROM STDIN`")).toEqual([
      'team_members',
      'conversations',
    ]);
    expect(domainWrites("`INSERT INTO ${staged('messages')} (id) VALUES (1)`")).toEqual([]);
    expect(domainWrites('`ON CONFLICT (id) DO UPDATE SET x = 1 FOR UPDATE SKIP LOCKED` INSERT INTO ingest_events')).toEqual([]);
  });

  it('no file under src/ outside src/ingest/ inserts, updates, deletes or copies into them', () => {
    const offenders = sourceFiles()
      .filter((file) => !file.startsWith(`ingest${path.sep}`))
      .flatMap((file) => {
        const writes = domainWrites(fs.readFileSync(path.join(SRC, file), 'utf8'));
        const generic = GENERIC_WRITERS[file];
        return writes.filter((target) => target !== generic?.target).map((target) => `${file}: ${target}`);
      });
    expect(offenders).toEqual([]);
  });

  it('the generic writers are only given the generator’s temporary copies', () => {
    const calls = sourceFiles().flatMap((file) => {
      const text = fs.readFileSync(path.join(SRC, file), 'utf8');
      return Object.values(GENERIC_WRITERS).flatMap(({ helper }) =>
        [...text.matchAll(new RegExp(`\\b${helper}\\(\\s*\\w+,\\s*([^,]+),`, 'g'))].map((match) => `${file}: ${match[1].trim()}`),
      );
    });
    expect(calls.length).toBeGreaterThan(0);
    expect(calls.filter((call) => !/: staged\(/.test(call))).toEqual([]);
  });
});
