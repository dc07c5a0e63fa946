import reference from './reference-columns.json';
import { catalog } from '../../src/catalog';
import { reportEnumValue, reportQueryField } from '../../src/catalog/naming';
import { CatalogError, validateCatalog } from '../../src/catalog/validate';
import { ColumnType, ReportDefinition } from '../../src/catalog/types';

/** The reference spells Seconds(Int) and Percent(Float); the catalog names the kind only. */
const REFERENCE_TYPES: Record<string, ColumnType> = {
  ID: 'ID',
  String: 'String',
  Int: 'Int',
  Float: 'Float',
  Boolean: 'Boolean',
  DateTime: 'DateTime',
  Date: 'Date',
  'Seconds(Int)': 'Seconds',
  'Percent(Float)': 'Percent',
  StringList: 'StringList',
};

type ReferenceColumn = { field: string; en: string; ptBR: string; type: string };

describe('report catalog', () => {
  it('has the 17 reports of the sources, in their order', () => {
    expect(catalog.map((r) => r.key)).toEqual(Object.keys(reference));
  });

  it('has 270 columns in all (64 chat-module, 206 Sparkcentral)', () => {
    const count = (prefix: boolean) =>
      catalog.filter((r) => r.key.startsWith('chat_') === prefix).reduce((n, r) => n + r.columns.length, 0);
    expect([count(true), count(false)]).toEqual([64, 206]);
  });

  it.each(Object.entries(reference as Record<string, ReferenceColumn[]>))(
    '%s: fields, headers (Portuguese as the source writes them) and types match the reference, column by column',
    (key, columns) => {
      const report = catalog.find((r) => r.key === key) as ReportDefinition;
      expect(report.columns.map((c) => ({ field: c.field, en: c.header.en, ptBR: c.header.ptBR, type: c.type }))).toEqual(
        columns.map((c) => ({ ...c, type: REFERENCE_TYPES[c.type] })),
      );
    },
  );

  it('names every generated field and enum value from the key', () => {
    expect(catalog.map((r) => reportQueryField(r.key)).slice(0, 6)).toEqual([
      'chatConversationsReport',
      'chatUsersReport',
      'chatSummaryReport',
      'chatConversationsByHourReport',
      'chatEngagementReport',
      'conversationsResolvedReport',
    ]);
    expect(reportEnumValue('virtual_agent_metrics')).toBe('VIRTUAL_AGENT_METRICS');
  });

  describe('validation', () => {
    const valid = catalog[0];

    it('accepts the catalog as it is', () => {
      expect(validateCatalog([...catalog])).toHaveLength(17);
    });

    it.each<[string, (r: ReportDefinition) => ReportDefinition[], RegExp]>([
      ['a duplicate key', (r) => [r, r], /chat_conversations: key is declared twice/],
      ['a duplicate field', (r) => [{ ...r, columns: [...r.columns, r.columns[0]] }], /column accountId: field is declared twice/],
      [
        'a column without description',
        (r) => [{ ...r, columns: [{ ...r.columns[0], description: ' ' }] }],
        /column accountId: has no description/,
      ],
      [
        'a missing Portuguese header',
        (r) => [{ ...r, columns: [{ ...r.columns[0], header: { en: 'X', ptBR: '' } }] }],
        /needs headers in both languages/,
      ],
      ['an unknown type', (r) => [{ ...r, columns: [{ ...r.columns[0], type: 'Money' as ColumnType }] }], /unknown type Money/],
      ['a row key that is no column', (r) => [{ ...r, rowKey: ['nope'] }], /rowKey nope is neither a column nor a key/],
      [
        'an enum without every label',
        (r) => [{ ...r, columns: [{ ...r.columns[12], enum: { type: { A: 'a', B: 'b' }, labels: { a: { en: 'A', ptBR: 'A' } } } }] }],
        /no label for b/,
      ],
    ])('rejects %s, naming the report and column', (_label, mutate, message) => {
      expect(() => validateCatalog(mutate(valid))).toThrow(CatalogError);
      expect(() => validateCatalog(mutate(valid))).toThrow(message);
    });
  });
});
