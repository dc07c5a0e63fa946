import { ExportResolver } from './export.resolver';

export const exportResolvers: Function[] = [ExportResolver];
