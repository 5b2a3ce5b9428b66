import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { LOCAL_OPERATOR, type Ctx } from '../../../src-main/api/context';
import type { HandlerMap } from '../../../src-main/api/handler';
import { createRouter } from '../../../src-main/api/router';
import { ManualClock } from '../../../src-main/platform/clock';
import { EventBus } from '../../../src-main/platform/events';
import { silentLogger } from '../../../src-main/platform/logger';
import { procedures, type ProcedureName } from '../../../src-shared/api';

/**
 * Over the router, not per handler: every procedure in the contract, including ones added later, must turn
 * malformed input into `invalid_input` before any handler (or service) is reached.
 */
const handlerRan = new Proxy({} as HandlerMap<ProcedureName>, {
  get: (_t, name) => () => {
    throw new Error(`handler ${String(name)} ran on malformed input`);
  },
});
const untouchable = new Proxy({}, {
  get: (_t, key) => {
    throw new Error(`services.${String(key)} was touched while validating`);
  },
});
const ctx: Ctx = { actor: LOCAL_OPERATOR, services: untouchable as Ctx['services'], clock: new ManualClock(), events: new EventBus(), log: silentLogger };
const router = createRouter(handlerRan);

/** The object schema under defaults, refinements and pipes, to learn the field names a procedure takes. */
function objectShape(schema: z.ZodTypeAny): Record<string, z.ZodTypeAny> | null {
  if (schema instanceof z.ZodObject) return schema.shape as Record<string, z.ZodTypeAny>;
  if (schema instanceof z.ZodDefault || schema instanceof z.ZodOptional) return objectShape(schema._def.innerType);
  if (schema instanceof z.ZodEffects) return objectShape(schema._def.schema);
  if (schema instanceof z.ZodPipeline) return objectShape(schema._def.in);
  return null;
}

/** A value no field of the contract accepts: an object with an unknown key holding nested arrays. */
const JUNK = { $junk: [[{ deeper: ['x'] }]] };

function malformedInputs(name: ProcedureName): [string, unknown][] {
  const cases: [string, unknown][] = [
    ['a number', 42],
    ['a string', 'x'],
    ['an array', [1]],
    ['an empty array', []],
    ['a boolean', true],
    ['NaN', Number.NaN],
    ['an unknown extra key', { zzz_unknown: 1 }],
    ['an own __proto__ key', JSON.parse('{"__proto__": {"polluted": true}}')],
    ['a constructor key', JSON.parse('{"constructor": {"prototype": {"polluted": true}}}')],
    ['a 100 kB key', { ['k'.repeat(100_000)]: 1 }],
  ];
  const shape = objectShape(procedures[name].input);
  expect(shape, `${name} should take an object`).not.toBeNull();
  const keys = Object.keys(shape ?? {});
  for (const key of keys) cases.push([`junk in "${key}"`, { [key]: JUNK }]);
  if (keys.length > 0) cases.push(['junk in every field', Object.fromEntries(keys.map((k) => [k, JUNK]))]);
  return cases;
}

describe('router validation of every procedure', () => {
  const names = Object.keys(procedures) as ProcedureName[];

  it('covers the whole contract', () => {
    expect(names.length).toBeGreaterThanOrEqual(10);
    expect(router.names().sort()).toEqual([...names].sort());
  });

  for (const name of names) {
    it(`${name} rejects malformed input with a typed, bilingual error`, async () => {
      for (const [label, input] of malformedInputs(name)) {
        const res = await router.call(name, input, ctx);
        expect(res.ok, `${name} with ${label}`).toBe(false);
        if (res.ok) continue;
        expect(res.error.code, `${name} with ${label}: ${res.error.message}`).toBe('invalid_input');
        expect(res.error.message, label).toMatch(/^Invalid input/);
        expect(res.error.messageTr, label).toMatch(/^Geçersiz giriş/);
        expect(JSON.stringify(res.error), label).not.toMatch(/\n\s+at /);
      }
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    });
  }

  it('names an unknown procedure as such, whatever the name looks like', async () => {
    for (const name of ['nope', '__proto__', 'constructor', 'toString', 'channels.list.extra', '']) {
      const res = await router.call(name, {}, ctx);
      expect(res.ok, name).toBe(false);
      if (!res.ok) expect(res.error.code, name).toBe('unknown_procedure');
    }
  });
});
