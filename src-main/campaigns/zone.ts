/**
 * Local wall-clock arithmetic for send windows and daily caps, in an IANA time zone (`Europe/Istanbul`) or a fixed
 * offset (`+03:00`, `UTC-5`). Computed from instants with Intl, never from the machine's own zone, so the engine
 * and its tests agree wherever they run, and days that are 23 or 25 hours long (DST) are handled.
 */

const OFFSET = /^(?:UTC|GMT)?\s*([+-])(\d{1,2})(?::?(\d{2}))?$/i;
const DAY_MS = 86_400_000;

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(zone, f);
  }
  return f;
}

/** True for a zone name Intl knows or a fixed offset within ±14:00. */
export function isValidZone(zone: string): boolean {
  const m = OFFSET.exec(zone.trim());
  if (m) return Number(m[2]) * 60 + Number(m[3] ?? 0) <= 14 * 60 && Number(m[3] ?? 0) < 60;
  try {
    formatter(zone);
    return true;
  } catch {
    return false;
  }
}

/** Recent lookups: the engine asks about the same few minutes (now, today's midnight) again and again; Intl is slow. */
const memo = new Map<string, number>();
const MEMO_SIZE = 64;

/** The zone's offset from UTC at instant `t`, in ms (Istanbul: +3 h). */
export function zoneOffsetMs(zone: string, t: number): number {
  const key = `${zone}|${Math.floor(t / 60_000)}`;
  const hit = memo.get(key);
  if (hit !== undefined) return hit;
  const offset = lookupOffset(zone, t);
  if (memo.size >= MEMO_SIZE) memo.delete(memo.keys().next().value!);
  memo.set(key, offset);
  return offset;
}

// Offsets change only on whole minutes, so one lookup holds for the whole minute.
function lookupOffset(zone: string, t: number): number {
  const m = OFFSET.exec(zone.trim());
  if (m) return (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3] ?? 0)) * 60_000;
  const parts = formatter(zone).formatToParts(new Date(t));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return asUtc - Math.floor(t / 1000) * 1000;
}

export interface LocalTime {
  year: number;
  /** 1-12 */
  month: number;
  day: number;
  /** Minutes since local midnight. */
  minutes: number;
}

export function localTime(t: number, zone: string): LocalTime {
  const shifted = new Date(t + zoneOffsetMs(zone, t));
  return {
    year: shifted.getUTCFullYear(),
    month: shifted.getUTCMonth() + 1,
    day: shifted.getUTCDate(),
    minutes: shifted.getUTCHours() * 60 + shifted.getUTCMinutes(),
  };
}

/** The instant of a local wall-clock time; on a DST gap it lands just after the gap. */
export function atLocal(year: number, month: number, day: number, minutes: number, zone: string): number {
  const wall = Date.UTC(year, month - 1, day, 0, minutes);
  let t = wall - zoneOffsetMs(zone, wall);
  t = wall - zoneOffsetMs(zone, t);
  return t;
}

/** Local midnight starting the day `t` is in. */
export function localDayStart(t: number, zone: string): number {
  const l = localTime(t, zone);
  return atLocal(l.year, l.month, l.day, 0, zone);
}

/** Local midnight ending the day `t` is in. */
export function nextLocalDayStart(t: number, zone: string): number {
  const l = localTime(t, zone);
  const next = new Date(Date.UTC(l.year, l.month - 1, l.day) + DAY_MS);
  return atLocal(next.getUTCFullYear(), next.getUTCMonth() + 1, next.getUTCDate(), 0, zone);
}

/** `YYYY-MM-DD` of the local day `t` is in: the key of a daily count. */
export function localDayKey(t: number, zone: string): string {
  const l = localTime(t, zone);
  return `${l.year}-${String(l.month).padStart(2, '0')}-${String(l.day).padStart(2, '0')}`;
}

/** The first instant after `t` at which the local clock reads `minutes` past midnight. */
export function nextLocalMinute(t: number, minutes: number, zone: string): number {
  const l = localTime(t, zone);
  const today = atLocal(l.year, l.month, l.day, minutes, zone);
  if (today > t) return today;
  const next = new Date(Date.UTC(l.year, l.month - 1, l.day) + DAY_MS);
  return atLocal(next.getUTCFullYear(), next.getUTCMonth() + 1, next.getUTCDate(), minutes, zone);
}
