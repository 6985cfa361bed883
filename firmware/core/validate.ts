// Field checks shared by the document parsers; each names the offending field.
import { fail } from './errors.js';

export function obj(v: unknown, field: string): Record<string, unknown> {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) fail('bad-field', 'expected an object', field);
  return v as Record<string, unknown>;
}
export function arr(v: unknown, field: string, min = 0, max = Infinity): unknown[] {
  if (!Array.isArray(v)) fail('bad-field', 'expected an array', field);
  if (v.length < min || v.length > max) fail('bad-field', `expected ${min}..${max} entries, got ${v.length}`, field);
  return v;
}
export function str(v: unknown, field: string, re?: RegExp): string {
  if (typeof v !== 'string') fail('bad-field', 'expected a string', field);
  if (re && !re.test(v)) fail('bad-field', `${JSON.stringify(v)} does not match ${re}`, field);
  return v;
}
/** Integers only: JSON numbers that are not safe integers are refused, never rounded. */
export function int(v: unknown, field: string, min: number, max: number, what = 'value'): number {
  if (typeof v !== 'number' || !Number.isFinite(v)) fail('bad-field', `expected an integer ${what}`, field);
  if (!Number.isInteger(v)) fail('non-integer', `${what} ${v} is not an integer`, field);
  if (v < min) fail(min === 0 ? 'negative' : 'out-of-range', `${what} ${v} is below ${min}`, field);
  if (v > max) fail('out-of-range', `${what} ${v} exceeds ${max}`, field);
  return v;
}
export function exact(v: unknown, expected: string, field: string): void {
  if (v !== expected) fail('bad-format', `expected ${JSON.stringify(expected)}, got ${JSON.stringify(v)}`, field);
}
export function onlyKeys(o: Record<string, unknown>, allowed: readonly string[], field: string): void {
  for (const k of Object.keys(o)) if (!allowed.includes(k)) fail('unknown-field', `unknown field ${JSON.stringify(k)}`, field ? `${field}.${k}` : k);
}
