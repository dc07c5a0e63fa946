import { useState } from 'preact/hooks';
import { describeError, request } from '../api';
import { BarChart } from '../components/bar-chart';
import { Filters } from '../components/filters';
import { addDays } from '../dates';
import {
  ConsoleChatSummaryDocument,
  ConsoleChatSummaryQuery,
  ConsoleConversationsByHourDocument,
  ConsoleConversationsByHourQuery,
  ReportFilter,
} from '../generated/graphql';
import { Lang, Translate, numberFormat } from '../i18n';
import { FilterState, Session, channelLabel, columnHeader, reportFilter } from '../session';

type SummaryRow = ConsoleChatSummaryQuery['chatSummaryReport']['nodes'][number];
type HourRow = ConsoleConversationsByHourQuery['chatConversationsByHourReport']['nodes'][number];

interface Loaded {
  rows: SummaryRow[];
  perDay: { labels: string[]; values: number[] };
  perHour: { labels: string[]; values: number[] };
}

async function allSummaryRows(key: string, filter: ReportFilter): Promise<SummaryRow[]> {
  const rows: SummaryRow[] = [];
  let after: string | null | undefined = null;
  do {
    const page: ConsoleChatSummaryQuery = await request(key, ConsoleChatSummaryDocument, { filter, after });
    rows.push(...page.chatSummaryReport.nodes);
    after = page.chatSummaryReport.pageInfo.hasNextPage ? page.chatSummaryReport.pageInfo.endCursor : undefined;
  } while (after);
  return rows;
}

async function allHourRows(key: string, filter: ReportFilter): Promise<HourRow[]> {
  const rows: HourRow[] = [];
  let after: string | null | undefined = null;
  do {
    const page: ConsoleConversationsByHourQuery = await request(key, ConsoleConversationsByHourDocument, { filter, after });
    rows.push(...page.chatConversationsByHourReport.nodes);
    after = page.chatConversationsByHourReport.pageInfo.hasNextPage ? page.chatConversationsByHourReport.pageInfo.endCursor : undefined;
  } while (after);
  return rows;
}

function days(from: string, to: string): string[] {
  const list: string[] = [];
  for (let day = from; day <= to && list.length < 400; day = addDays(day, 1)) list.push(day);
  return list;
}

function chartSummary(t: Translate, label: string, labels: string[], values: number[], lang: Lang): string {
  const total = values.reduce((a, b) => a + b, 0);
  const max = Math.max(0, ...values);
  const at = labels[values.indexOf(max)] ?? '';
  return t('chartSummary', { label, total: numberFormat(lang).format(total), max: numberFormat(lang).format(max), at });
}

/** "Resumo": the chat summary per inbox and day for a period, with totals and two charts. */
export function SummaryScreen(props: {
  session: Session;
  filter: FilterState;
  onFilter: (f: FilterState) => void;
  onAction: (inboxId: string, date: string) => void;
  lang: Lang;
  t: Translate;
}) {
  const { session, filter, t, lang } = props;
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const summary = session.catalog.find((report) => report.key === 'CHAT_SUMMARY');
  const header = (field: string) => (summary ? columnHeader(summary, field, lang) : field);
  const format = numberFormat(lang);

  const search = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const apiFilter = reportFilter(filter);
      const [rows, hours] = await Promise.all([allSummaryRows(session.key, apiFilter), allHourRows(session.key, apiFilter)]);
      const dayList = days(filter.from, filter.to);
      const perDay = dayList.map((day) =>
        rows.filter((row) => row.date === day).reduce((sum, row) => sum + (row.totalConversations ?? 0), 0),
      );
      const perHour = Array.from({ length: 24 }, (_, hour) =>
        hours.filter((row) => row.conversationHour === hour).reduce((sum, row) => sum + (row.totalConversations ?? 0), 0),
      );
      setLoaded({
        rows,
        perDay: { labels: dayList, values: perDay },
        perHour: { labels: Array.from({ length: 24 }, (_, hour) => `${hour}h`), values: perHour },
      });
    } catch (caught) {
      setError(describeError(t, caught));
    } finally {
      setBusy(false);
    }
  };

  const totals = loaded?.rows.reduce(
    (sum, row) => ({
      contacts: sum.contacts + (row.totalContacts ?? 0),
      conversations: sum.conversations + (row.totalConversations ?? 0),
      messages: sum.messages + (row.totalMessages ?? 0),
    }),
    { contacts: 0, conversations: 0, messages: 0 },
  );

  return (
    <section aria-labelledby="summary-title">
      <h2 id="summary-title">{t('navSummary')}</h2>
      <form onSubmit={search} class="panel">
        <Filters id="summary" session={session} filter={filter} onChange={props.onFilter} lang={lang} t={t} />
        <button type="submit" class="primary" disabled={busy}>
          {busy ? t('searching') : t('search')}
        </button>
      </form>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      {loaded && loaded.rows.length === 0 && <p role="status">{t('summaryEmpty')}</p>}
      {loaded && totals && loaded.rows.length > 0 && (
        <>
          <div class="charts">
            <BarChart
              id="chart-per-day"
              title={t('chartPerDay')}
              labels={loaded.perDay.labels}
              values={loaded.perDay.values}
              summary={chartSummary(t, t('chartPerDay'), loaded.perDay.labels, loaded.perDay.values, lang)}
            />
            <BarChart
              id="chart-per-hour"
              title={t('chartPerHour')}
              labels={loaded.perHour.labels}
              values={loaded.perHour.values}
              summary={chartSummary(t, t('chartPerHour'), loaded.perHour.labels, loaded.perHour.values, lang)}
            />
          </div>
          <div class="table-wrap" tabIndex={0} role="region" aria-labelledby="summary-caption">
            <table id="summary-table">
              <caption id="summary-caption">{t('summaryCaption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{header('date')}</th>
                  <th scope="col">{header('inboxName')}</th>
                  <th scope="col">{header('channelType')}</th>
                  <th scope="col" class="num">
                    {header('totalContacts')}
                  </th>
                  <th scope="col" class="num">
                    {header('totalConversations')}
                  </th>
                  <th scope="col" class="num">
                    {header('totalMessages')}
                  </th>
                  <th scope="col">{t('action')}</th>
                </tr>
              </thead>
              <tbody>
                {loaded.rows.map((row) => (
                  <tr key={`${row.date}-${row.inboxId}`}>
                    <td>{row.date}</td>
                    <td>{row.inboxName}</td>
                    <td>{channelLabel(session, row.channelType, lang)}</td>
                    <td class="num">{format.format(row.totalContacts ?? 0)}</td>
                    <td class="num">{format.format(row.totalConversations ?? 0)}</td>
                    <td class="num">{format.format(row.totalMessages ?? 0)}</td>
                    <td>
                      <button
                        type="button"
                        class="small"
                        aria-label={t('generateReportFor', { inbox: row.inboxName ?? row.inboxId, date: row.date })}
                        onClick={() => props.onAction(row.inboxId, row.date)}
                      >
                        {t('generateReport')}
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
              <tfoot>
                <tr>
                  <th scope="row" colSpan={3}>
                    {t('total')}
                  </th>
                  <td class="num" data-total="contacts">
                    {format.format(totals.contacts)}
                  </td>
                  <td class="num" data-total="conversations">
                    {format.format(totals.conversations)}
                  </td>
                  <td class="num" data-total="messages">
                    {format.format(totals.messages)}
                  </td>
                  <td />
                </tr>
              </tfoot>
            </table>
          </div>
        </>
      )}
    </section>
  );
}
