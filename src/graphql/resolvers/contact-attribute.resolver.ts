import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { RequestContext } from '../../context';
import { Contact, ContactAttribute } from '../../entities';

@Resolver(() => ContactAttribute)
export class ContactAttributeResolver {
  @FieldResolver(() => Contact, { description: 'The contact the attribute is stored on.' })
  contact(@Root() attribute: ContactAttribute, @Ctx() ctx: RequestContext): Promise<Contact | null> {
    return ctx.loaders.contactById.load(attribute.contactId);
  }
}
