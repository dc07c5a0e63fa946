import { IncomingMessage } from 'node:http';
import { ApolloServerPlugin } from '@apollo/server';
import { RequestHandler } from 'express';
import { DataSource } from 'typeorm';
import { KeyUsageRecorder } from '../auth/key-usage';
import { RevocationListener } from '../auth/revocation-listener';
import { SecurityConfig } from '../config';
import { Logger } from '../logger';
import { InFlightLimiter, inFlightGate } from './in-flight';

/** What a request is held to before it may use the database, shared by every request of the app. */
export interface RequestGuards {
  inFlight: InFlightLimiter;
  keyUsage: KeyUsageRecorder;
}

/** Retry-After of a refusal whose cause ends when some request ends, which is not known in advance. */
export const RETRY_AFTER_SECONDS = 1;

export function bearerToken(req: IncomingMessage): string | undefined {
  const header = req.headers.authorization;
  if (!header) return undefined;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match?.[1];
}

export interface AppGuards {
  /** Handed to every request context. */
  guards: RequestGuards;
  /** Mounted in front of /graphql: refuses a key at its cap (or revoked meanwhile) before its body is read. */
  gate: RequestHandler;
  /** Stops the revocation listener and waits for the last-use writes before the entry points close the pool. */
  plugin: ApolloServerPlugin;
}

function urlOf(source: DataSource): string {
  const { url } = source.options as { url?: string };
  if (!url) throw new Error('the API needs its runtime data source configured by URL');
  return url;
}

/** The per-app state behind the in-flight caps and key revocations (README, Security: Fair under load, Revocation). */
export async function startRequestGuards(runtime: DataSource, security: SecurityConfig, logger: Logger): Promise<AppGuards> {
  const guards: RequestGuards = {
    inFlight: new InFlightLimiter(security.maxInFlightPerKey, security.maxInFlightPerAccount),
    keyUsage: new KeyUsageRecorder(runtime, logger),
  };
  const revocations = new RevocationListener(urlOf(runtime), (keyHash) => guards.inFlight.markRevoked(keyHash), logger);
  await revocations.start();
  return {
    guards,
    gate: inFlightGate(guards.inFlight, RETRY_AFTER_SECONDS, bearerToken),
    plugin: {
      async serverWillStart() {
        return {
          async serverWillStop() {
            await revocations.stop();
            await guards.keyUsage.drain();
          },
        };
      },
    },
  };
}
