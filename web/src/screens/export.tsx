import { useEffect, useState } from 'preact/hooks';
import { describeError, request } from '../api';
import { Filters } from '../components/filters';
import { ConsoleExportJobFragment, ConsoleExportReportDocument, CsvDelimiter, Locale, ReportKey } from '../generated/graphql';
import { Lang, Translate } from '../i18n';
import { FilterState, Session, columnHeader, reportFilter, reportTitle } from '../session';

interface ColumnChoice {
  field: string;
  on: boolean;
}

function defaultDelimiter(locale: Locale): CsvDelimiter {
  return locale === 'PT_BR' ? 'SEMICOLON' : 'COMMA';
}

/** "Exportar": one of the catalog's reports as a CSV file, with its columns, language and format. */
export function ExportScreen(props: {
  session: Session;
  filter: FilterState;
  onFilter: (f: FilterState) => void;
  report: ReportKey;
  onReport: (key: ReportKey) => void;
  onStarted: (job: ConsoleExportJobFragment) => void;
  lang: Lang;
  t: Translate;
}) {
  const { session, t, lang } = props;
  const report = session.catalog.find((r) => r.key === props.report) ?? session.catalog[0];
  const [columns, setColumns] = useState<ColumnChoice[]>([]);
  const [locale, setLocale] = useState<Locale>(lang === 'pt-BR' ? 'PT_BR' : 'EN');
  const [delimiter, setDelimiter] = useState<CsvDelimiter>(defaultDelimiter(locale));
  const [bom, setBom] = useState(false);
  const [gzip, setGzip] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => setColumns(report.columns.map((column) => ({ field: column.field, on: true }))), [report.key]);

  const chooseLocale = (next: Locale) => {
    setLocale(next);
    setDelimiter(defaultDelimiter(next));
  };
  const move = (index: number, by: number) => {
    const next = [...columns];
    const [moved] = next.splice(index, 1);
    next.splice(index + by, 0, moved);
    setColumns(next);
    // Keep the focus on the same column's button after the list re-renders, for keyboard users.
    requestAnimationFrame(() => document.getElementById(`move-${by < 0 ? 'up' : 'down'}-${moved.field}`)?.focus());
  };

  const submit = async (event: Event) => {
    event.preventDefault();
    const chosen = columns.filter((c) => c.on).map((c) => c.field);
    if (chosen.length === 0) return setError(t('noColumns'));
    setBusy(true);
    setError(null);
    // Asked on the click that starts an export, the only moment a browser lets a page ask.
    if (typeof Notification !== 'undefined' && Notification.permission === 'default')
      void Notification.requestPermission().catch(() => undefined);
    try {
      const { exportReport } = await request(session.key, ConsoleExportReportDocument, {
        input: {
          report: report.key,
          filter: reportFilter(props.filter),
          columns: chosen,
          locale,
          delimiter,
          bom,
          gzip,
        },
      });
      props.onStarted(exportReport);
    } catch (caught) {
      setError(describeError(t, caught));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="export-title">
      <h2 id="export-title">{t('exportTitle')}</h2>
      <form onSubmit={submit} class="panel">
        <label class="block">
          {t('exportType')}
          <select id="export-report" value={report.key} onChange={(e) => props.onReport(e.currentTarget.value as ReportKey)}>
            {session.catalog.map((r) => (
              <option key={r.key} value={r.key}>
                {reportTitle(r, lang)}
              </option>
            ))}
          </select>
        </label>
        <p class="description" id="export-description">
          {report.description}
        </p>
        <Filters id="export" session={session} filter={props.filter} onChange={props.onFilter} lang={lang} t={t} />
        <fieldset>
          <legend>{t('columns')}</legend>
          <p class="hint">{t('columnsHint')}</p>
          <ol class="columns" id="export-columns">
            {columns.map((column, index) => {
              const name = columnHeader(report, column.field, locale === 'PT_BR' ? 'pt-BR' : 'en');
              return (
                <li key={column.field}>
                  <label class="check">
                    <input
                      type="checkbox"
                      name="column"
                      value={column.field}
                      checked={column.on}
                      onChange={(e) => setColumns(columns.map((c, i) => (i === index ? { ...c, on: e.currentTarget.checked } : c)))}
                    />
                    {name}
                  </label>
                  <span class="move">
                    <button
                      type="button"
                      class="small"
                      id={`move-up-${column.field}`}
                      aria-label={t('moveUp', { column: name })}
                      disabled={index === 0}
                      onClick={() => move(index, -1)}
                    >
                      ↑
                    </button>
                    <button
                      type="button"
                      class="small"
                      id={`move-down-${column.field}`}
                      aria-label={t('moveDown', { column: name })}
                      disabled={index === columns.length - 1}
                      onClick={() => move(index, 1)}
                    >
                      ↓
                    </button>
                  </span>
                </li>
              );
            })}
          </ol>
        </fieldset>
        <div class="field-row">
          <label>
            {t('csvLanguage')}
            <select id="export-locale" value={locale} onChange={(e) => chooseLocale(e.currentTarget.value as Locale)}>
              <option value="PT_BR">Português (Brasil)</option>
              <option value="EN">English</option>
            </select>
          </label>
          <label>
            {t('delimiter')}
            <select id="export-delimiter" value={delimiter} onChange={(e) => setDelimiter(e.currentTarget.value as CsvDelimiter)}>
              <option value="SEMICOLON">{t('delimiterSemicolon')}</option>
              <option value="COMMA">{t('delimiterComma')}</option>
              <option value="TAB">{t('delimiterTab')}</option>
            </select>
          </label>
        </div>
        <label class="check">
          <input id="export-bom" type="checkbox" checked={bom} onChange={(e) => setBom(e.currentTarget.checked)} />
          {t('bom')}
        </label>
        <label class="check">
          <input id="export-gzip" type="checkbox" checked={gzip} onChange={(e) => setGzip(e.currentTarget.checked)} />
          {t('gzip')}
        </label>
        {error && (
          <p class="error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" class="primary" id="export-submit" disabled={busy}>
          {busy ? t('generating') : t('generateExport')}
        </button>
      </form>
    </section>
  );
}
