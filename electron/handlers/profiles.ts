import type { DomainHandlers } from '../dispatch';
import type { Session } from '../services/session';

export function createProfilesHandlers(deps: { session: Session }): DomainHandlers<'profiles'> {
  return {
    'profiles.list': () => deps.session.list(),
    'profiles.select': ({ name, region }) => deps.session.select(name, region),
    'profiles.active': () => deps.session.active(),
  };
}
