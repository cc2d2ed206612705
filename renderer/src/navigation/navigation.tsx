/**
 * Which view is showing, and cross-view intents ("create this missing connection in the secrets
 * editor"). Views read the intent addressed to them and clear it once handled.
 */
import { createContext, useContext, useMemo, useState, type ReactNode } from 'react';
import type { SecretKind } from '../../../shared/api';

export type ViewName = 'projects' | 'secrets' | 'deploy' | 'audit' | 'settings';

export type NavigationIntent =
  | { readonly view: 'secrets'; readonly kind: 'create'; readonly secretKind: SecretKind; readonly id: string }
  | { readonly view: 'secrets'; readonly kind: 'open'; readonly name: string };

interface Navigation {
  readonly view: ViewName;
  readonly intent: NavigationIntent | null;
  readonly go: (view: ViewName, intent?: NavigationIntent) => void;
  readonly clearIntent: () => void;
}

const NavigationContext = createContext<Navigation | null>(null);

export function NavigationProvider({ initial, children }: { initial: ViewName; children: ReactNode }) {
  const [view, setView] = useState<ViewName>(initial);
  const [intent, setIntent] = useState<NavigationIntent | null>(null);
  const value = useMemo<Navigation>(() => ({
    view,
    intent,
    go: (next, nextIntent) => {
      setView(next);
      setIntent(nextIntent ?? null);
    },
    clearIntent: () => setIntent(null),
  }), [view, intent]);
  return <NavigationContext.Provider value={value}>{children}</NavigationContext.Provider>;
}

export function useNavigation(): Navigation {
  const value = useContext(NavigationContext);
  if (value === null) throw new Error('useNavigation needs a <NavigationProvider>');
  return value;
}
