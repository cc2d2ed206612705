import type { CoreServices } from '../core';
import type { DomainHandlers } from '../dispatch';

export function createProjectsHandlers(_core: CoreServices): DomainHandlers<'projects'> {
  return {};
}
