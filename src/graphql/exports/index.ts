import { ExportResolver } from './export.resolver';
import { ExportSubscriptionResolver } from './export-subscription.resolver';

export const exportResolvers: Function[] = [ExportResolver, ExportSubscriptionResolver];
