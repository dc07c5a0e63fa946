import { useState } from 'preact/hooks';
import { ApiError, describeError, request } from '../api';
import { ConsoleCancelExportDocument, ConsoleExportJobFragment } from '../generated/graphql';
import { Lang, MessageKey, Translate, formatBytes, numberFormat } from '../i18n';
import { LiveMode, POLL_SECONDS } from '../live';
import { Session, reportTitle } from '../session';

const RUNNING = ['QUEUED', 'RUNNING'];

/**
 * Fetches the file through its signed link and hands it to the browser as a download. Through
 * fetch rather than a plain link so that an expired link or a rate limit becomes a message on the
 * page instead of a bare error page. The link is made relative: the console and the files are on
 * the same server, and the page may only talk to its own origin.
 */
async function download(job: ConsoleExportJobFragment): Promise<void> {
  const link = new URL(job.downloadUrl as string, window.location.href);
  let response: Response;
  try {
    response = await fetch(link.pathname + link.search);
  } catch {
    throw new ApiError('NETWORK', 'network error');
  }
  if (response.status === 410) throw new ApiError('LINK_EXPIRED', 'link expired');
  if (response.status === 404) throw new ApiError('FILE_GONE', 'file gone');
  if (response.status === 429)
    throw new ApiError('RATE_LIMITED', 'rate limited', { retryAfter: Number(response.headers.get('retry-after') ?? 1) });
  if (!response.ok) throw new ApiError(`HTTP_${response.status}`, response.statusText);
  const url = URL.createObjectURL(await response.blob());
  const anchor = document.createElement('a');
  anchor.href = url;
  anchor.download = job.fileName;
  document.body.append(anchor);
  anchor.click();
  anchor.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** "Meus arquivos": the account's exports with live status and progress, downloads and cancels. */
export function FilesScreen(props: {
  session: Session;
  jobs: ConsoleExportJobFragment[];
  live: LiveMode;
  onJob: (job: ConsoleExportJobFragment) => void;
  onRefresh: () => Promise<void>;
  lang: Lang;
  t: Translate;
}) {
  const { session, jobs, t, lang } = props;
  const [error, setError] = useState<string | null>(null);
  const format = numberFormat(lang);
  const dateTime = new Intl.DateTimeFormat(lang, { dateStyle: 'short', timeStyle: 'short', timeZone: session.account.timeZone });
  const title = (job: ConsoleExportJobFragment) => {
    const report = session.catalog.find((r) => r.key === job.report);
    return report ? reportTitle(report, lang) : job.report;
  };
  const act = async (action: () => Promise<void>) => {
    setError(null);
    try {
      await action();
    } catch (caught) {
      setError(describeError(t, caught));
      // A new list brings fresh links, so the next press of Download works.
      if (caught instanceof ApiError && caught.code === 'LINK_EXPIRED') await props.onRefresh().catch(() => undefined);
    }
  };

  return (
    <section aria-labelledby="files-title">
      <h2 id="files-title">{t('filesTitle')}</h2>
      <p class="hint" id="live-mode" data-mode={props.live}>
        {props.live === 'polling' ? t('livePolling', { seconds: POLL_SECONDS }) : t('liveStream')}{' '}
        <button type="button" class="link" onClick={() => act(props.onRefresh)}>
          {t('refresh')}
        </button>
      </p>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      {jobs.length === 0 ? (
        <p>{t('filesEmpty')}</p>
      ) : (
        <div class="table-wrap" tabIndex={0} role="region" aria-labelledby="files-caption">
          <table id="files-table">
            <caption id="files-caption">{t('filesCaption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('report')}</th>
                <th scope="col">{t('requestedAt')}</th>
                <th scope="col">{t('status')}</th>
                <th scope="col" class="num">
                  {t('rows')}
                </th>
                <th scope="col" class="num">
                  {t('size')}
                </th>
                <th scope="col">{t('actions')}</th>
              </tr>
            </thead>
            <tbody>
              {jobs.map((job) => (
                <tr key={job.id} data-job={job.id} data-status={job.status}>
                  <td data-label={t('report')}>
                    <span>
                      {title(job)}
                      <br />
                      <span class="hint">{job.fileName}</span>
                    </span>
                  </td>
                  <td data-label={t('requestedAt')}>{dateTime.format(new Date(job.createdAt))}</td>
                  <td data-label={t('status')}>
                    <span class={`status status-${job.status.toLowerCase()}`}>{t(`status${job.status}` as MessageKey)}</span>
                    {RUNNING.includes(job.status) && (
                      <progress
                        max={1}
                        value={job.progress}
                        aria-label={`${t('progress')} ${job.fileName}`}
                        aria-valuetext={`${Math.round(job.progress * 100)}%`}
                      />
                    )}
                    {job.error && <span class="hint"> {job.error.message}</span>}
                  </td>
                  <td class="num" data-label={t('rows')}>
                    {job.rowCount === null || job.rowCount === undefined ? '' : format.format(job.rowCount)}
                  </td>
                  <td class="num" data-label={t('size')}>
                    {job.byteSize === null || job.byteSize === undefined ? '' : formatBytes(lang, job.byteSize)}
                  </td>
                  <td data-label={t('actions')}>
                    {job.status === 'SUCCEEDED' && job.downloadUrl && (
                      <button
                        type="button"
                        class="small primary"
                        aria-label={t('downloadFile', { file: job.fileName })}
                        onClick={() => act(() => download(job))}
                      >
                        ⬇ {t('download')}
                      </button>
                    )}
                    {RUNNING.includes(job.status) && (
                      <button
                        type="button"
                        class="small"
                        aria-label={t('cancelExport', { file: job.fileName })}
                        onClick={() =>
                          act(async () =>
                            props.onJob((await request(session.key, ConsoleCancelExportDocument, { id: job.id })).cancelExport),
                          )
                        }
                      >
                        {t('cancel')}
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
