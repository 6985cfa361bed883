// Civil time in Europe/London without a time-zone database (XS has none).
// Since 1996 British Summer Time (UTC+1) runs from 01:00 UTC on the last Sunday
// of March to 01:00 UTC on the last Sunday of October (Summer Time Order 2002).
// Dates before 1996 are refused rather than guessed.
import { fail } from './errors.js';
import { PERIOD_SECONDS } from './ids.js';

export const FIRST_SUPPORTED_YEAR = 1996;
export const LAST_SUPPORTED_YEAR = 2099;
const DAY = 86400;

/** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm). */
export function daysFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

export function civilFromDays(z: number): { y: number; m: number; d: number } {
  z += 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return { y: yoe + era * 400 + (m <= 2 ? 1 : 0), m, d };
}

/** 0 = Monday .. 6 = Sunday. */
export function weekdayOfDay(day: number): number {
  return (((day + 3) % 7) + 7) % 7; // 1970-01-01 was a Thursday
}

export function daysInMonth(y: number, m: number): number {
  return m === 2 ? (y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0) ? 29 : 28) : [31, 0, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]!;
}

function lastSunday(y: number, m: number): number {
  const last = daysFromCivil(y, m, daysInMonth(y, m));
  return last - ((weekdayOfDay(last) + 1) % 7);
}

function checkYear(y: number): void {
  if (y < FIRST_SUPPORTED_YEAR || y > LAST_SUPPORTED_YEAR)
    fail('unsupported-date', `Europe/London rules are implemented for ${FIRST_SUPPORTED_YEAR}..${LAST_SUPPORTED_YEAR}, got year ${y}`);
}

/** UTC seconds at which BST starts and ends in year y. */
export function bstBounds(y: number): { start: number; end: number } {
  checkYear(y);
  return { start: lastSunday(y, 3) * DAY + 3600, end: lastSunday(y, 10) * DAY + 3600 };
}

/** Offset of Europe/London from UTC at a UTC instant, in seconds (0 or 3600). */
export function londonOffset(utcSeconds: number): number {
  const { y } = civilFromDays(Math.floor(utcSeconds / DAY));
  const { start, end } = bstBounds(y);
  return utcSeconds >= start && utcSeconds < end ? 3600 : 0;
}

export interface LocalSlot {
  /** Local date as days since 1970-01-01. */
  day: number;
  /** Half-hour of the local clock at the period's start, 0..47. */
  slot: number;
}

export function localSlotOfPeriod(period: number): LocalSlot {
  const t = period * PERIOD_SECONDS;
  const local = t + londonOffset(t);
  const day = Math.floor(local / DAY);
  return { day, slot: Math.floor((local - day * DAY) / PERIOD_SECONDS) };
}

/** First UTC period of a local date (local midnight). Clock changes happen at 01:00 UTC, never near midnight. */
export function firstPeriodOfLocalDay(day: number): number {
  const bstMidnight = day * DAY - 3600;
  const t = londonOffset(bstMidnight) === 3600 ? bstMidnight : day * DAY;
  return t / PERIOD_SECONDS;
}

/** 46 on the spring change day, 50 on the autumn one, else 48. */
export function periodsInLocalDay(day: number): number {
  return firstPeriodOfLocalDay(day + 1) - firstPeriodOfLocalDay(day);
}

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
/** Parses YYYY-MM-DD to a day number, naming the field on error. */
export function parseDate(s: unknown, field: string): number {
  const m = typeof s === 'string' ? DATE_RE.exec(s) : null;
  if (!m) return fail('bad-date', `expected a date YYYY-MM-DD, got ${JSON.stringify(s)}`, field);
  const y = +m[1]!, mo = +m[2]!, d = +m[3]!;
  if (mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo)) fail('bad-date', `no such date ${s}`, field);
  if (y < FIRST_SUPPORTED_YEAR || y > LAST_SUPPORTED_YEAR) fail('bad-date', `year must be ${FIRST_SUPPORTED_YEAR}..${LAST_SUPPORTED_YEAR}`, field);
  return daysFromCivil(y, mo, d);
}

export function formatDate(day: number): string {
  const { y, m, d } = civilFromDays(day);
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/**
 * Walks UTC periods in order, tracking the local date and half-hour slot with
 * O(1) work per period: only clock changes (01:00 UTC) move the slot by ±2.
 */
export class LocalPeriodWalker {
  day: number;
  slot: number;
  period: number;
  private nextChange: number; // first period after the next clock change
  private changeStep = 0;
  constructor(period: number) {
    const s = localSlotOfPeriod(period);
    this.day = s.day; this.slot = s.slot; this.period = period;
    this.nextChange = this.findNextChange(period);
  }
  private findNextChange(period: number): number {
    const t = period * PERIOD_SECONDS;
    let { y } = civilFromDays(Math.floor(t / DAY));
    for (;;) {
      const { start, end } = bstBounds(y);
      if (start > t) { this.changeStep = 2; return start / PERIOD_SECONDS; }
      if (end > t) { this.changeStep = -2; return end / PERIOD_SECONDS; }
      y++;
    }
  }
  /** Advances to the next period. */
  next(): void {
    this.period++;
    let slot = this.slot + 1;
    if (this.period === this.nextChange) {
      slot += this.changeStep;
      this.nextChange = this.findNextChange(this.period);
    }
    if (slot >= 48) { slot -= 48; this.day++; }
    this.slot = slot;
  }
}
