/**
 * Main -> renderer events, independent of the transport.
 *
 * Services emit typed events here; the IPC adapter forwards them to the window and the
 * browser-mode server streams them over SSE.
 */
import type { EventName, EventPayload } from '../../shared/api';

export type EventListener = <E extends EventName>(name: E, payload: EventPayload<E>) => void;

export interface EventHub {
  emit<E extends EventName>(name: E, payload: EventPayload<E>): void;
  subscribe(listener: EventListener): () => void;
}

export function createEventHub(): EventHub {
  const listeners = new Set<EventListener>();
  return {
    emit(name, payload) {
      for (const listener of listeners) listener(name, payload);
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
