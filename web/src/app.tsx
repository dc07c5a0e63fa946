import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { describeError, request } from './api';
import { Toast, Toasts } from './components/toasts';
import { ConsoleExportJobFragment, ConsoleExportJobsDocument, ReportKey } from './generated/graphql';
import { Lang, MessageKey, initialLang, numberFormat, translator } from './i18n';
import { LiveMode, followExports } from './live';
import { ExportScreen } from './screens/export';
import { FilesScreen } from './screens/files';
import { SignInScreen } from './screens/sign-in';
import { SummaryScreen } from './screens/summary';
import { FilterState, Session, initialFilter, openSession, reportTitle } from './session';

const KEY_STORAGE = 'console.apiKey';
const LANG_STORAGE = 'console.lang';
const FINISHED = ['SUCCEEDED', 'FAILED', 'CANCELLED', 'EXPIRED'];

type Screen = 'summary' | 'export' | 'files';
const SCREENS: Array<{ id: Screen; hash: string; label: MessageKey }> = [
  { id: 'summary', hash: '#resumo', label: 'navSummary' },
  { id: 'export', hash: '#exportar', label: 'navExport' },
  { id: 'files', hash: '#arquivos', label: 'navFiles' },
];

function screenOf(hash: string): Screen {
  return SCREENS.find((s) => s.hash === hash)?.id ?? 'summary';
}

function newestFirst(jobs: ConsoleExportJobFragment[]): ConsoleExportJobFragment[] {
  return [...jobs].sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : a.id < b.id ? 1 : -1));
}

export function App() {
  const [lang, setLang] = useState<Lang>(() =>
    initialLang(sessionStorage.getItem(LANG_STORAGE), navigator.languages ?? [navigator.language]),
  );
  const t = useMemo(() => translator(lang), [lang]);
  const [session, setSession] = useState<Session | null>(null);
  const [restoring, setRestoring] = useState(() => sessionStorage.getItem(KEY_STORAGE) !== null);
  const [restoreError, setRestoreError] = useState<string | null>(null);
  const [screen, setScreen] = useState<Screen>(() => screenOf(location.hash));
  const [filter, setFilter] = useState<FilterState | null>(null);
  const [report, setReport] = useState<ReportKey>('CHAT_CONVERSATIONS');
  const [jobs, setJobs] = useState<ConsoleExportJobFragment[]>([]);
  const [live, setLive] = useState<LiveMode>('connecting');
  const [toasts, setToasts] = useState<Toast[]>([]);
  const known = useRef(new Map<string, string>());
  const toastId = useRef(0);
  const langRef = useRef(lang);
  langRef.current = lang;

  useEffect(() => {
    document.documentElement.lang = lang;
    document.title = t('appTitle');
  }, [lang]);

  useEffect(() => {
    const onHash = () => setScreen(screenOf(location.hash));
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);

  const toast = (text: string, kind: Toast['kind']) => {
    const id = ++toastId.current;
    setToasts((list) => [...list, { id, text, kind }]);
    if (kind !== 'error') setTimeout(() => setToasts((list) => list.filter((x) => x.id !== id)), 15_000);
  };

  /** Announces an export that has just finished, in the page and, when allowed, as a browser notification. */
  const announce = (job: ConsoleExportJobFragment) => {
    const tr = translator(langRef.current);
    const text =
      job.status === 'SUCCEEDED'
        ? tr('jobSucceeded', { file: job.fileName, rows: numberFormat(langRef.current).format(job.rowCount ?? 0) })
        : tr('jobFailed', { file: job.fileName, reason: job.error?.message ?? tr(`status${job.status}` as MessageKey) });
    toast(text, job.status === 'SUCCEEDED' ? 'success' : 'error');
    if (typeof Notification !== 'undefined' && Notification.permission === 'granted') new Notification(tr('appTitle'), { body: text });
  };

  const applyJob = (job: ConsoleExportJobFragment) => {
    const before = known.current.get(job.id);
    known.current.set(job.id, job.status);
    if ((job.status === 'SUCCEEDED' || job.status === 'FAILED') && (before === undefined || !FINISHED.includes(before))) announce(job);
    setJobs((list) => newestFirst([job, ...list.filter((x) => x.id !== job.id)]));
  };
  const applyList = (list: ConsoleExportJobFragment[]) => {
    for (const job of list) {
      const before = known.current.get(job.id);
      if (before && !FINISHED.includes(before) && (job.status === 'SUCCEEDED' || job.status === 'FAILED')) announce(job);
      known.current.set(job.id, job.status);
    }
    setJobs(newestFirst(list));
  };

  const begin = async (next: Session) => {
    sessionStorage.setItem(KEY_STORAGE, next.key);
    setFilter(initialFilter(next.account));
    const { exportJobs } = await request(next.key, ConsoleExportJobsDocument);
    known.current = new Map(exportJobs.nodes.map((job) => [job.id, job.status]));
    setJobs(newestFirst(exportJobs.nodes));
    setSession(next);
  };

  useEffect(() => {
    const stored = sessionStorage.getItem(KEY_STORAGE);
    if (!stored) return;
    openSession(stored)
      .then(begin)
      .catch((error: unknown) => {
        sessionStorage.removeItem(KEY_STORAGE);
        setRestoreError(describeError(t, error));
      })
      .finally(() => setRestoring(false));
  }, []);

  useEffect(() => {
    if (!session) return undefined;
    const updates = followExports(session.key, applyJob, applyList, setLive);
    return () => updates.stop();
  }, [session?.key]);

  const go = (next: Screen) => {
    location.hash = SCREENS.find((s) => s.id === next)?.hash ?? '';
    setScreen(next);
    requestAnimationFrame(() => document.getElementById('main')?.focus({ preventScroll: true }));
  };
  const chooseLang = (next: Lang) => {
    sessionStorage.setItem(LANG_STORAGE, next);
    setLang(next);
  };
  const signOut = () => {
    sessionStorage.removeItem(KEY_STORAGE);
    setSession(null);
    setJobs([]);
    known.current = new Map();
  };

  return (
    <>
      <a class="skip" href="#main">
        {t('skipToContent')}
      </a>
      <header class="top">
        <h1>{t('appTitle')}</h1>
        {session && (
          <p class="account">
            <span class="hint">{t('account')}:</span> <strong id="account-name">{session.account.name}</strong>
          </p>
        )}
        <label class="lang">
          {t('language')}
          <select id="language" value={lang} onChange={(e) => chooseLang(e.currentTarget.value as Lang)}>
            <option value="pt-BR">Português (Brasil)</option>
            <option value="en">English</option>
          </select>
        </label>
        {session && (
          <button type="button" class="link" onClick={signOut}>
            {t('signOut')}
          </button>
        )}
      </header>
      {session && (
        <nav class="tabs" aria-label={t('mainNav')}>
          {SCREENS.map((s) => (
            <a
              key={s.id}
              href={s.hash}
              id={`nav-${s.id}`}
              aria-current={screen === s.id ? 'page' : undefined}
              onClick={(e) => (e.preventDefault(), go(s.id))}
            >
              {t(s.label)}
              {s.id === 'files' && jobs.some((job) => !FINISHED.includes(job.status))
                ? ` (${jobs.filter((job) => !FINISHED.includes(job.status)).length})`
                : ''}
            </a>
          ))}
        </nav>
      )}
      <main id="main" tabIndex={-1}>
        {!session && !restoring && (
          <>
            {restoreError && (
              <p class="error" role="alert">
                {restoreError}
              </p>
            )}
            <SignInScreen t={t} onSession={(next) => void begin(next).then(() => go(screen))} />
          </>
        )}
        {session && filter && screen === 'summary' && (
          <SummaryScreen
            session={session}
            filter={filter}
            onFilter={setFilter}
            onAction={(inboxId, date) => {
              setFilter({ ...filter, range: 'custom', from: date, to: date, inboxIds: [inboxId] });
              go('export');
            }}
            lang={lang}
            t={t}
          />
        )}
        {session && filter && screen === 'export' && (
          <ExportScreen
            session={session}
            filter={filter}
            onFilter={setFilter}
            report={report}
            onReport={setReport}
            onStarted={(job) => {
              applyJob(job);
              const started = session.catalog.find((r) => r.key === job.report);
              toast(t('exportStarted', { report: started ? reportTitle(started, lang) : job.report }), 'info');
              go('files');
            }}
            lang={lang}
            t={t}
          />
        )}
        {session && screen === 'files' && (
          <FilesScreen
            session={session}
            jobs={jobs}
            live={live}
            onJob={applyJob}
            onRefresh={async () => applyList((await request(session.key, ConsoleExportJobsDocument)).exportJobs.nodes)}
            lang={lang}
            t={t}
          />
        )}
      </main>
      <Toasts toasts={toasts} onClose={(id) => setToasts((list) => list.filter((x) => x.id !== id))} t={t} />
    </>
  );
}
