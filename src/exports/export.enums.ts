/** Where an export job is in its life; stored lowercase in `export_jobs.status`. */
export enum ExportStatus {
  QUEUED = 'queued',
  RUNNING = 'running',
  SUCCEEDED = 'succeeded',
  FAILED = 'failed',
  CANCELLED = 'cancelled',
  EXPIRED = 'expired',
}

export enum CsvDelimiter {
  COMMA = 'comma',
  SEMICOLON = 'semicolon',
  TAB = 'tab',
}

export const DELIMITER_CHARACTERS: Record<CsvDelimiter, ',' | ';' | '\t'> = {
  [CsvDelimiter.COMMA]: ',',
  [CsvDelimiter.SEMICOLON]: ';',
  [CsvDelimiter.TAB]: '\t',
};

export enum ExportErrorCode {
  TIMEOUT = 'timeout',
  ATTEMPTS_EXHAUSTED = 'attempts_exhausted',
  STORAGE_FULL = 'storage_full',
  FAILED = 'failed',
}
