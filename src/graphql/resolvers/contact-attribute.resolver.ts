import { GraphQLResolveInfo } from 'graphql';
import { Ctx, FieldResolver, Info, Resolver, Root } from 'type-graphql';
import { RequestContext } from '../../context';
import { selectedFields } from '../support/selected-fields';
import { Contact, ContactAttribute } from '../../entities';

@Resolver(() => ContactAttribute)
export class ContactAttributeResolver {
  @FieldResolver(() => Contact, { description: 'The contact the attribute is stored on.' })
  contact(@Root() attribute: ContactAttribute, @Info() info: GraphQLResolveInfo, @Ctx() ctx: RequestContext): Promise<Contact | null> {
    return ctx.loaders.contactById.load(attribute.contactId, selectedFields(info));
  }
}
