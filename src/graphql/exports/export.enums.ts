import { registerEnumType } from 'type-graphql';
import { CsvDelimiter, ExportErrorCode, ExportStatus } from '../../exports/export.enums';

/** How the schema names and describes the export enumerations; the exports module keeps only their values. */
registerEnumType(ExportStatus, {
  name: 'ExportStatus',
  description: 'Where a CSV export job is: waiting, running, or finished one way or another.',
  valuesConfig: {
    QUEUED: { description: 'Accepted and waiting for a worker (or for one of the account running exports to finish).' },
    RUNNING: { description: 'A worker is writing the file; `progress` grows from 0 to 1.' },
    SUCCEEDED: { description: 'The file is ready: `downloadUrl` serves it until `expiresAt`.' },
    FAILED: { description: 'The export could not be produced; `error` says why.' },
    CANCELLED: { description: 'Cancelled with `cancelExport` before it finished; no file is kept.' },
    EXPIRED: { description: 'The file was deleted after its retention period; export again to get a new one.' },
  },
});

registerEnumType(CsvDelimiter, {
  name: 'CsvDelimiter',
  description: 'The character between the fields of a CSV line.',
  valuesConfig: {
    COMMA: { description: 'A comma `,` (RFC 4180, English-language spreadsheets).' },
    SEMICOLON: { description: 'A semicolon `;` (what Excel expects with a Brazilian or other comma-decimal locale).' },
    TAB: { description: 'A tab character (tab-separated values).' },
  },
});

registerEnumType(ExportErrorCode, {
  name: 'ExportErrorCode',
  description: 'Why an export FAILED.',
  valuesConfig: {
    TIMEOUT: { description: 'The report query ran longer than the export time limit; narrow the range or the filter.' },
    ATTEMPTS_EXHAUSTED: { description: 'Every attempt was interrupted (worker crash or restart) before the file was complete.' },
    STORAGE_FULL: {
      description: 'The disk that holds export files is full; an operator must free space (or move EXPORT_DIR) before exporting again.',
    },
    FAILED: { description: 'The report could not be produced; the message says more, and support can find the details in the logs.' },
  },
});
