import { AuthenticatedKey } from '../../auth/api-keys';
import { ExportJobUpdate } from '../../exports/export-job-updates';
import { ExportServices } from '../../exports/services';

/**
 * What the subscription resolvers receive on the event stream (`/graphql/stream`): the key it was
 * opened with and the key's exports as they change. Unlike a request's context it holds no
 * transaction: a stream lasts for hours, and each update is read in a short transaction of its own.
 */
// A type, not an interface: graphql-sse takes contexts that are records.
export type SubscriptionContext = {
  key: AuthenticatedKey;
  exports: ExportServices;
  /** The key's exports (or the one given) as they change, until the stream closes. */
  exportJobUpdates(exportId: string | null): AsyncIterableIterator<ExportJobUpdate>;
};
