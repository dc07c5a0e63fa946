import { IngestionStatusResolver } from './ingestion-status.resolver';

export const ingestResolvers: Function[] = [IngestionStatusResolver];
