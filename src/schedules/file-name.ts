import { badUserInput } from '../errors';
import { WindowRange } from './windows';

export const DEFAULT_FILE_NAME_PATTERN = '{report}_{from}_{to}.{ext}';
const TOKENS = ['report', 'from', 'to', 'fromTime', 'toTime', 'ext'] as const;
const MAX_PATTERN_LENGTH = 200;

/** A remote file name: no folders, no control characters, only the known placeholders. */
export function checkFileNamePattern(pattern: string | null | undefined, field: string): string {
  if (pattern === null || pattern === undefined) return DEFAULT_FILE_NAME_PATTERN;
  if (
    pattern.length === 0 ||
    pattern.length > MAX_PATTERN_LENGTH ||
    [...pattern].some((c) => c === '/' || c === '\\' || c.charCodeAt(0) < 0x20) ||
    /^\.+$/.test(pattern)
  )
    throw badUserInput(
      `fileNamePattern must be a file name of 1 to ${MAX_PATTERN_LENGTH} characters, without / \\ or control characters.`,
      field,
    );
  const unknown = [...pattern.matchAll(/\{([^}]*)\}/g)].map((m) => m[1]).filter((name) => !(TOKENS as readonly string[]).includes(name));
  if (unknown.length > 0)
    throw badUserInput(`fileNamePattern has unknown placeholders {${unknown.join('}, {')}}; known: {${TOKENS.join('}, {')}}.`, field);
  return pattern;
}

function local(instant: Date, timeZone: string): { date: string; time: string } {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
    })
      .formatToParts(instant)
      .map((p) => [p.type, p.value]),
  );
  const date = `${parts.year}-${parts.month}-${parts.day}`;
  return { date, time: `${date}T${parts.hour}${parts.minute}` };
}

/**
 * The file name of one run. `{from}` is the window's first local day and `{to}` its last (the day
 * of the instant just before the exclusive end), so yesterday's file reads `_2026-03-09_2026-03-09`;
 * `{fromTime}`/`{toTime}` add the local hour and minute of the bounds themselves.
 */
export function renderFileName(pattern: string, values: { report: string; window: WindowRange; timeZone: string; gzip: boolean }): string {
  const from = local(values.window.from, values.timeZone);
  const lastDay = local(new Date(values.window.to.getTime() - 1), values.timeZone);
  const to = local(values.window.to, values.timeZone);
  const replacements: Record<(typeof TOKENS)[number], string> = {
    report: values.report.toLowerCase(),
    from: from.date,
    to: lastDay.date,
    fromTime: from.time,
    toTime: to.time,
    ext: values.gzip ? 'csv.gz' : 'csv',
  };
  return pattern.replace(/\{([^}]*)\}/g, (_, name: (typeof TOKENS)[number]) => replacements[name]);
}
