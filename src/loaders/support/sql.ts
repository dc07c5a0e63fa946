/**
 * A piece of SQL whose values travel apart from its text, so filters, scopes and keyset
 * conditions compose without pasting a value into a statement. Placeholders are numbered only
 * when the whole statement is rendered.
 */
export class SqlFragment {
  constructor(
    readonly strings: readonly string[],
    readonly values: readonly unknown[],
  ) {}
}

/** Tagged template: every interpolated value becomes a parameter, unless it is itself a fragment. */
export function sql(strings: TemplateStringsArray, ...values: unknown[]): SqlFragment {
  return new SqlFragment(strings, values);
}

/** Trusted text only (identifiers and keywords chosen by the code, never by a client). */
export function rawSql(text: string): SqlFragment {
  return new SqlFragment([text], []);
}

export function joinSql(fragments: readonly SqlFragment[], separator: string): SqlFragment {
  if (fragments.length === 0) return rawSql('');
  return new SqlFragment(['', ...fragments.slice(1).map(() => separator), ''], fragments);
}

/** `TRUE` when there is nothing to check, so callers can always write `WHERE … AND ${conditions}`. */
export function allOf(conditions: readonly SqlFragment[]): SqlFragment {
  if (conditions.length === 0) return rawSql('TRUE');
  return joinSql(
    conditions.map((condition) => sql`(${condition})`),
    ' AND ',
  );
}

export function renderSql(fragment: SqlFragment): { text: string; values: unknown[] } {
  const values: unknown[] = [];
  const render = (part: SqlFragment): string =>
    part.strings.reduce((text, string, index) => {
      const value = part.values[index - 1];
      const placeholder = value instanceof SqlFragment ? render(value) : `$${values.push(value)}`;
      return text + placeholder + string;
    });
  return { text: render(fragment), values };
}
