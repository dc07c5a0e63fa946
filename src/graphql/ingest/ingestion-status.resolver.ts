import { Arg, Ctx, Int, Query, Resolver } from 'type-graphql';
import { RequestContext } from '../../context';
import { ingestionStatus } from '../../ingest/status';
import { badUserInput, forbidden } from '../../errors';
import { IngestionStatus } from './ingestion-status.type';

const MAX_REJECTIONS = 100;

@Resolver()
export class IngestionStatusResolver {
  @Query(() => IngestionStatus, {
    description:
      'Received, pending, waiting, applied and rejected events of the account, the lag and the latest rejections. Admin keys only (FORBIDDEN otherwise).',
  })
  async ingestionStatus(
    @Arg('rejections', () => Int, { defaultValue: 20, description: `How many of the latest rejections to list (0–${MAX_REJECTIONS}).` })
    rejections: number,
    @Ctx() ctx: RequestContext,
  ): Promise<IngestionStatus> {
    if (ctx.key.role !== 'admin') throw forbidden('Only admin keys can read the ingestion status.');
    if (rejections < 0 || rejections > MAX_REJECTIONS) throw badUserInput(`rejections must be 0 to ${MAX_REJECTIONS}.`, 'rejections');
    return ingestionStatus(ctx.manager, rejections);
  }
}
