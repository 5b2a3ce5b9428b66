import { systemClock, type Clock } from './clock';

/**
 * The wall clock plus an offset that only moves forward: what the e2e suite runs on, so a test can step into next
 * month and see what the app does there (monthly statements). Moving it fires, in order, the timers that fall due,
 * each once. Nothing in the app's own entry points builds one: only the e2e server (scripts/e2e-server.ts) does.
 */
export class AdjustableClock implements Clock {
  private offset = 0;
  private readonly timers = new Set<{ at: number; fn: () => void; handle: { cancel(): void } }>();

  constructor(private readonly base: Clock = systemClock) {}

  now(): number {
    return this.base.now() + this.offset;
  }

  setTimeout(fn: () => void, ms: number): { cancel(): void } {
    const timer = { at: this.now() + Math.max(0, ms), fn, handle: { cancel() {} } };
    timer.handle = this.base.setTimeout(() => {
      if (this.timers.delete(timer)) fn();
    }, ms);
    this.timers.add(timer);
    return {
      cancel: () => {
        this.timers.delete(timer);
        timer.handle.cancel();
      },
    };
  }

  /** Moves to `at` if that is later than now (time never runs backwards here); returns the new time. */
  advanceTo(at: number): number {
    const now = this.now();
    if (at <= now) return now;
    this.offset += at - now;
    const due = [...this.timers].filter((t) => t.at <= at).sort((a, b) => a.at - b.at);
    for (const t of due) {
      if (!this.timers.delete(t)) continue;
      t.handle.cancel();
      t.fn();
    }
    return this.now();
  }
}
