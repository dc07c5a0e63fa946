import fs from 'node:fs';
import path from 'node:path';
import { catalog } from '../../src/catalog';

const VALUES = path.resolve(__dirname, '../reports/values');

describe('report value tests', () => {
  it('has one file per catalog report, named like its catalog file, and none for a report that is gone', () => {
    const expected = catalog.map((report) => `${report.key.replace(/_/g, '-')}.test.ts`).sort();
    const present = fs
      .readdirSync(VALUES)
      .filter((name) => name.endsWith('.test.ts'))
      .sort();
    expect(present).toEqual(expected);
  });
});
