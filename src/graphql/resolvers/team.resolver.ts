import { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Ctx, FieldResolver, ID, Info, Query, Resolver, Root } from 'type-graphql';
import { RequestContext } from '../../context';
import { Agent, Conversation, Team } from '../../entities';
import { ConnectionArgs } from '../types/connection.args';
import { Connection } from '../types/connection.type';
import { ConversationConnection, TeamConnection } from '../types/connections';
import { ConversationConnectionArgs, conversationFilter } from '../types/conversation-filter.input';
import { listDescription } from '../support/list-description';
import { findById } from '../support/lookup';
import { paginate } from '../support/paginate';

@Resolver(() => Team)
export class TeamResolver {
  @Query(() => Team, { description: 'One team of the account; NOT_FOUND when the account has no team with this id.' })
  team(
    @Arg('id', () => ID, { description: 'Identifier of the team.' }) id: string,
    @Info() info: GraphQLResolveInfo,
    @Ctx() ctx: RequestContext,
  ): Promise<Team> {
    return findById(ctx.loaders.teamById, id, 'Team', info);
  }

  @Query(() => TeamConnection, { description: listDescription('Teams of the account', 'createdAt') })
  teams(
    @Args(() => ConnectionArgs) args: ConnectionArgs,
    @Info() info: GraphQLResolveInfo,
    @Ctx() ctx: RequestContext,
  ): Promise<Connection<Team>> {
    return paginate(info, ctx.accountId, TeamConnection, ctx.loaders.accountTeams, ctx.accountId, args);
  }

  @FieldResolver(() => [Agent], { description: 'Agents who are members of the team, by name.' })
  members(@Root() team: Team, @Ctx() ctx: RequestContext): Promise<Agent[]> {
    return ctx.loaders.teamMembers.load(team.id);
  }

  @FieldResolver(() => ConversationConnection, { description: listDescription('Conversations currently routed to the team', 'createdAt') })
  conversations(
    @Root() team: Team,
    @Args(() => ConversationConnectionArgs) args: ConversationConnectionArgs,
    @Info() info: GraphQLResolveInfo,
    @Ctx() ctx: RequestContext,
  ): Promise<Connection<Conversation>> {
    return paginate(
      info,
      ctx.accountId,
      ConversationConnection,
      ctx.loaders.teamConversations,
      team.id,
      args,
      conversationFilter(args.filter),
    );
  }
}
