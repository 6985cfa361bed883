// Byte helpers that need no platform globals (XS devices have no TextEncoder).
import { fail } from './errors.js';

export function concat(...parts: Uint8Array[]): Uint8Array {
  let length = 0;
  for (const p of parts) length += p.length;
  const out = new Uint8Array(length);
  let at = 0;
  for (const p of parts) { out.set(p, at); at += p.length; }
  return out;
}

export function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a[i]! ^ b[i]!;
  return diff === 0;
}

const HEX = '0123456789abcdef';
export function toHex(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i++) s += HEX[bytes[i]! >> 4]! + HEX[bytes[i]! & 15]!;
  return s;
}

export function fromHex(hex: string, field = 'hex'): Uint8Array {
  if (typeof hex !== 'string' || hex.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(hex))
    fail('bad-hex', 'expected an even-length hexadecimal string', field);
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.slice(2 * i, 2 * i + 2), 16);
  return out;
}

export function utf8Encode(s: string): Uint8Array {
  const out: number[] = [];
  for (let i = 0; i < s.length; i++) {
    let c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) { c = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00); i++; }
    }
    if (c >= 0xd800 && c <= 0xdfff) c = 0xfffd; // lone surrogate
    if (c < 0x80) out.push(c);
    else if (c < 0x800) out.push(0xc0 | (c >> 6), 0x80 | (c & 63));
    else if (c < 0x10000) out.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
    else out.push(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 63), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
  }
  return Uint8Array.from(out);
}

/** Strict UTF-8 decoding: overlong forms, surrogates and truncation are errors. */
export function utf8Decode(b: Uint8Array, field = 'text'): string {
  let s = '';
  for (let i = 0; i < b.length;) {
    const x = b[i]!;
    let c: number, n: number, min: number;
    if (x < 0x80) { c = x; n = 0; min = 0; }
    else if ((x & 0xe0) === 0xc0) { c = x & 31; n = 1; min = 0x80; }
    else if ((x & 0xf0) === 0xe0) { c = x & 15; n = 2; min = 0x800; }
    else if ((x & 0xf8) === 0xf0) { c = x & 7; n = 3; min = 0x10000; }
    else fail('bad-utf8', `invalid lead byte at offset ${i}`, field);
    for (let k = 1; k <= n; k++) {
      const y = b[i + k];
      if (y === undefined) fail('bad-utf8', `truncated sequence at offset ${i}`, field);
      if ((y & 0xc0) !== 0x80) fail('bad-utf8', `invalid continuation at offset ${i + k}`, field);
      c = (c << 6) | (y & 63);
    }
    if (c < min || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff)) fail('bad-utf8', `invalid code point at offset ${i}`, field);
    s += String.fromCodePoint(c);
    i += n + 1;
  }
  return s;
}

/** Big-endian fixed-width unsigned encodings. */
export function u8(n: number): Uint8Array { return Uint8Array.of(n & 255); }
export function u16(n: number): Uint8Array { return Uint8Array.of((n >>> 8) & 255, n & 255); }
export function u32(n: number): Uint8Array {
  return Uint8Array.of((n >>> 24) & 255, (n >>> 16) & 255, (n >>> 8) & 255, n & 255);
}
export function u64(n: bigint): Uint8Array {
  const out = new Uint8Array(8);
  let v = BigInt.asUintN(64, n);
  for (let i = 7; i >= 0; i--) { out[i] = Number(v & 255n); v >>= 8n; }
  return out;
}
export function i64(n: bigint): Uint8Array {
  if (n < -(1n << 63n) || n >= 1n << 63n) fail('out-of-range', 'value does not fit a signed 64-bit integer');
  return u64(n);
}
export function bytesToBigInt(b: Uint8Array): bigint {
  let v = 0n;
  for (let i = 0; i < b.length; i++) v = (v << 8n) | BigInt(b[i]!);
  return v;
}
export function bigIntToBytes(v: bigint, length: number): Uint8Array {
  const out = new Uint8Array(length);
  for (let i = length - 1; i >= 0; i--) { out[i] = Number(v & 255n); v >>= 8n; }
  if (v !== 0n) fail('out-of-range', `value does not fit ${length} bytes`);
  return out;
}

/** Sequential reader for binary messages; every short read names the field and offset. */
export class Reader {
  private at = 0;
  constructor(private readonly buf: Uint8Array, private readonly what: string) {}
  get offset(): number { return this.at; }
  get remaining(): number { return this.buf.length - this.at; }
  bytes(n: number, field: string): Uint8Array {
    if (this.at + n > this.buf.length)
      fail('truncated', `${this.what} ends at byte ${this.buf.length}, ${n} bytes needed at ${this.at}`, field);
    const out = this.buf.subarray(this.at, this.at + n);
    this.at += n;
    return out;
  }
  /** Bytes already read, [from, to). */
  span(from: number, to: number): Uint8Array { return this.buf.subarray(from, to); }
  u8(field: string): number { return this.bytes(1, field)[0]!; }
  u16(field: string): number { const b = this.bytes(2, field); return (b[0]! << 8) | b[1]!; }
  u32(field: string): number { const b = this.bytes(4, field); return ((b[0]! << 24) >>> 0) + (b[1]! << 16) + (b[2]! << 8) + b[3]!; }
  u64(field: string): bigint { return bytesToBigInt(this.bytes(8, field)); }
  i64(field: string): bigint { return BigInt.asIntN(64, this.u64(field)); }
  end(): void {
    if (this.at !== this.buf.length)
      fail('trailing-bytes', `${this.buf.length - this.at} unexpected bytes after ${this.what}`, `@${this.at}`);
  }
}
