import { DomainModel1763700000000 } from './1763700000000-domain-model';

/** Every migration in order; listed explicitly so that tsx, ts-jest and tsc load the same set. */
export const migrations = [DomainModel1763700000000];
