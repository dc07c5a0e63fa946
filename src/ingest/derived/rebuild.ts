import { QueryRunner } from 'typeorm';
import { rebuildConversationFirsts } from './conversation-firsts';
import { rebuildIdFloors } from './id-floors';
import { rebuildLockSessions } from './lock-sessions';
import { rebuildMessageBuckets } from './message-buckets';
import { rebuildHumanReplies } from './human-replies';
import { rebuildMessageCounts } from './message-counts';

export interface RebuiltDerived {
  idFloors: number;
  messageBuckets: number;
  conversationFirsts: number;
  lockSessions: number;
  humanReplies: number;
  messageCounts: number;
}

/** Recomputes every table derived from the bound account's domain tables, in the caller's transaction. */
export async function rebuildDerived(runner: QueryRunner): Promise<RebuiltDerived> {
  return {
    idFloors: await rebuildIdFloors(runner),
    messageBuckets: await rebuildMessageBuckets(runner),
    conversationFirsts: await rebuildConversationFirsts(runner),
    lockSessions: await rebuildLockSessions(runner),
    humanReplies: await rebuildHumanReplies(runner),
    messageCounts: await rebuildMessageCounts(runner),
  };
}
