import { startTestApp, TestApp } from '../support/app';
import { createAccount, TestAccount } from '../support/fixtures';

const SUMMARY = 'query($filter: ReportFilter!, $first: Int) { chatSummaryReport(filter: $filter, first: $first) { totalCount } }';

/** Issue 9: variables of the wrong type or impossible values name the field, as the README promises. */
describe('variables that cannot be coerced', () => {
  let app: TestApp;
  let account: TestAccount;

  beforeAll(async () => {
    app = await startTestApp();
    account = await createAccount(app.db);
  });

  afterAll(async () => {
    await app.close();
  });

  async function expectField(variables: Record<string, unknown>, field: string) {
    const response = await app.graphql(SUMMARY, { key: account.key, variables });
    expect(response.status).toBe(400);
    expect(response.errors?.map((e) => [e.extensions?.code, e.extensions?.field])).toEqual([['BAD_USER_INPUT', field]]);
  }

  it('a year past 9999', () => expectField({ filter: { from: '10000-01-01', to: '2026-02-01' } }, 'filter.from'));
  it('a day that does not exist', () => expectField({ filter: { from: '2026-01-01', to: '2026-02-30' } }, 'filter.to'));
  it('a number where a date goes', () => expectField({ filter: { from: 20260101, to: '2026-02-01' } }, 'filter.from'));
  it('a string where an Int goes', () => expectField({ filter: { from: '2026-01-01', to: '2026-02-01' }, first: 'ten' }, 'first'));
  it('a required variable left out', () => expectField({}, 'filter'));
  it('a field the input type does not have', () =>
    expectField({ filter: { from: '2026-01-01', to: '2026-02-01', colour: 'red' } }, 'filter'));
});

/** The same values written into the document instead of variables. */
describe('literal arguments that cannot be coerced', () => {
  let app: TestApp;
  let account: TestAccount;

  beforeAll(async () => {
    app = await startTestApp();
    account = await createAccount(app.db);
  });

  afterAll(async () => {
    await app.close();
  });

  async function expectField(args: string, field: string) {
    const response = await app.graphql(`{ chatSummaryReport(${args}) { totalCount } }`, { key: account.key });
    expect(response.status).toBe(400);
    expect(response.errors?.map((e) => [e.extensions?.code, e.extensions?.field])).toEqual([['BAD_USER_INPUT', field]]);
  }

  it('a year past 9999', () => expectField('filter: { from: "10000-01-01", to: "2026-02-01" }', 'filter.from'));
  it('a number where a date goes', () => expectField('filter: { from: "2026-01-01", to: 20260201 }', 'filter.to'));
  it('a string where an Int goes', () => expectField('filter: { from: "2026-01-01", to: "2026-02-01" }, first: "ten"', 'first'));
});
