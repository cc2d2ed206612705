import type { AppMode } from '../../shared/api';
import type { DomainHandlers } from '../dispatch';

export function createAppHandlers(deps: { mode: AppMode; version: string; platform: string }): DomainHandlers<'app'> {
  return {
    'app.info': () => Promise.resolve({ name: 'Airlock', version: deps.version, mode: deps.mode, platform: deps.platform }),
  };
}
