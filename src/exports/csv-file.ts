import crypto from 'node:crypto';
import fs from 'node:fs';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import zlib from 'node:zlib';
import { PoolClient } from 'pg';
import { to as copyTo } from 'pg-copy-streams';

const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

/** RFC 4180 quoting, as COPY applies it to the data rows: quote a field holding the delimiter, a quote or a line break. */
export function csvLine(fields: string[], delimiter: string): string {
  const quoted = fields.map((field) =>
    field === '' || field.includes(delimiter) || /["\r\n]/.test(field) ? `"${field.replace(/"/g, '""')}"` : field,
  );
  return `${quoted.join(delimiter)}\n`;
}

export interface CsvFileRequest {
  /** A client inside the export's transaction; COPY runs on it. */
  client: PoolClient;
  copy: string;
  /** The header line, already quoted and terminated. */
  header: string;
  bom: boolean;
  gzip: boolean;
  /** Where to write; must not exist yet. */
  file: string;
  signal: AbortSignal;
}

export interface CsvFileResult {
  rowCount: number;
  byteSize: number;
  sha256: string;
}

/** Passes the rows through, led by the BOM and header (also when there are no rows). */
function prefixed(prefix: Buffer): Transform {
  let sent = false;
  return new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      if (!sent) {
        sent = true;
        this.push(prefix);
      }
      callback(null, chunk);
    },
    flush(callback) {
      callback(null, sent ? undefined : prefix);
    },
  });
}

/**
 * Streams COPY's CSV into `file` behind the BOM and header: the bytes are hashed on their way to
 * disk (after compression, so the hash is the file's), memory stays at a few stream buffers
 * whatever the row count, and the data is fsynced before this returns. Node only moves bytes:
 * every cell was formatted by PostgreSQL.
 */
export async function writeCsvFile(request: CsvFileRequest): Promise<CsvFileResult> {
  const hash = crypto.createHash('sha256');
  let byteSize = 0;
  const hasher = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      hash.update(chunk);
      byteSize += chunk.length;
      callback(null, chunk);
    },
  });
  const rows = request.client.query(copyTo(request.copy));
  const prefix = Buffer.concat([request.bom ? BOM : Buffer.alloc(0), Buffer.from(request.header, 'utf8')]);
  const compress: NodeJS.ReadWriteStream[] = request.gzip ? [zlib.createGzip()] : [];
  const sink = fs.createWriteStream(request.file, { flags: 'wx', mode: 0o600 });
  await pipeline([rows, prefixed(prefix), ...compress, hasher, sink], { signal: request.signal });
  // fsync flushes the file, not the descriptor, so a second one reaches the bytes the stream wrote.
  const handle = await fs.promises.open(request.file, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
  return { rowCount: rows.rowCount, byteSize, sha256: hash.digest('hex') };
}
