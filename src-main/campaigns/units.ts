import type { UnitState } from '../../src-shared/api/campaigns';

/**
 * The life of a send unit (one recipient x one part):
 *
 *   pending -> sending -> sent | failed | invalid_number | unknown
 *   pending -> invalid_number | skipped        (number checked before sending; opted out, cancelled)
 *   sending -> pending                         (only when the gateway refused before anything left the phone)
 *   unknown -> sent | pending | failed         (the chat showed it / positively not sent or the user said resend /
 *                                               the user said it failed)
 *
 * A unit in `sending` has been charged; it is never sent again unless something proves it did not go out.
 */
const NEXT: Record<UnitState, readonly UnitState[]> = {
  pending: ['sending', 'invalid_number', 'skipped'],
  sending: ['sent', 'failed', 'invalid_number', 'unknown', 'pending'],
  unknown: ['sent', 'pending', 'failed'],
  sent: [],
  failed: [],
  invalid_number: [],
  skipped: [],
};

export const FINAL_STATES: readonly UnitState[] = ['sent', 'failed', 'invalid_number', 'skipped'];

export function canMove(from: UnitState, to: UnitState): boolean {
  return NEXT[from].includes(to);
}

export function isFinal(state: UnitState): boolean {
  return FINAL_STATES.includes(state);
}

/** The states a unit may be in for a move to `to` (what an `UPDATE ... WHERE state IN (...)` guards with). */
export function sourcesOf(to: UnitState): UnitState[] {
  return (Object.keys(NEXT) as UnitState[]).filter((from) => NEXT[from].includes(to));
}

export class IllegalTransition extends Error {
  constructor(from: UnitState, to: UnitState) {
    super(`a send unit cannot move from ${from} to ${to}`);
    this.name = 'IllegalTransition';
  }
}

export function assertMove(from: UnitState, to: UnitState): void {
  if (!canMove(from, to)) throw new IllegalTransition(from, to);
}
