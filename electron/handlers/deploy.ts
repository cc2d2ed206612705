import type { CoreServices } from '../core';
import type { DomainHandlers } from '../dispatch';

export function createDeployHandlers(_core: CoreServices): DomainHandlers<'deploy'> {
  return {};
}
