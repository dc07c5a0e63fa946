import { Arg, Ctx, ID, Resolver, Root, Subscription } from 'type-graphql';
import { ExportJobUpdate } from '../../exports/export-job-updates';
import { downloadLinkFor } from '../../exports/services';
import { notFound } from '../../errors';
import { unauthenticated } from '../../security/request-errors';
import { ExportJobObject } from './export-job.type';
import { SubscriptionContext } from './export-subscription.context';

@Resolver(() => ExportJobObject)
export class ExportSubscriptionResolver {
  @Subscription(() => ExportJobObject, {
    description:
      'The exports of the account as they change (requested, started, progress about once a second, finished, cancelled, expired), ' +
      'pushed from whichever process makes the change. Admins hear every export of the account, analysts their own. With `id`, ' +
      'only that export, starting with its current state. Served as Server-Sent Events at `/graphql/stream` (graphql-sse ' +
      'protocol, distinct connections mode); the stream ends with UNAUTHENTICATED once the key is revoked.',
    subscribe: ({ args, context }) => (context as SubscriptionContext).exportJobUpdates((args as { id?: string | null }).id ?? null),
  })
  exportJobUpdated(
    @Root() update: ExportJobUpdate,
    @Ctx() ctx: SubscriptionContext,
    @Arg('id', () => ID, { nullable: true, description: 'Follow only this export (its current state comes first).' }) _id?: string,
  ): ExportJobObject {
    switch (update.kind) {
      case 'job':
        return new ExportJobObject(update.job, downloadLinkFor(ctx.exports, ctx.key, update.job));
      case 'revoked':
        throw unauthenticated('The API key is unknown or revoked.');
      case 'missing':
        throw notFound(`No export with id ${update.exportId}.`);
      case 'failed':
        throw update.error;
    }
  }
}
