import type { EventMap, EventName } from '../../src-shared/api/events';

export type EventListener = <E extends EventName>(event: E, payload: EventMap[E]) => void;

/** The one place main-process features publish to; each transport subscribes and forwards to its clients. */
export class EventBus {
  private listeners = new Set<EventListener>();

  emit<E extends EventName>(event: E, payload: EventMap[E]): void {
    for (const listener of this.listeners) {
      try {
        listener(event, payload);
      } catch {
        // A broken client connection must not stop the others from hearing the event.
      }
    }
  }

  subscribe(listener: EventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
