// The meter–customer key as printed on the meter: 128 random bits in Crockford
// base32 (26 symbols, grouped by 4 or 5 with dashes) plus a mod-37 check symbol.
// The 32-byte key the protocol uses is HKDF-SHA-256 of those bits.
import { extract, expand } from '@noble/hashes/hkdf.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { WattproofError, utf8Encode } from '../../firmware/core/index.js';

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const CHECK = ALPHABET + '*~$=U';
const CODE_TAG = utf8Encode('wattproof/v1/meter-customer-code');

export function encodeCustomerCode(secret: Uint8Array): string {
  if (secret.length !== 16) throw new WattproofError('bad-code', 'the printed secret is 16 bytes');
  let v = 0n;
  for (const b of secret) v = (v << 8n) | BigInt(b);
  let s = '';
  for (let i = 0; i < 26; i++) { s = ALPHABET[Number(v & 31n)]! + s; v >>= 5n; }
  const check = CHECK[Number(BigInt('0x' + Buffer.from(secret).toString('hex')) % 37n)]!;
  return `${s.slice(0, 5)}-${s.slice(5, 10)}-${s.slice(10, 15)}-${s.slice(15, 20)}-${s.slice(20, 26)}${check}`;
}

export function decodeCustomerCode(code: string): Uint8Array {
  const clean = code.toUpperCase().replace(/[-\s]/g, '').replace(/[IL]/g, '1').replace(/O/g, '0');
  if (clean.length !== 27) throw new WattproofError('bad-code', `a customer code has 26 symbols and a check symbol, got ${clean.length}`, 'code');
  let v = 0n;
  for (let i = 0; i < 26; i++) {
    const k = ALPHABET.indexOf(clean[i]!);
    if (k < 0) throw new WattproofError('bad-code', `symbol ${JSON.stringify(clean[i])} at position ${i + 1} is not Crockford base32`, 'code');
    v = (v << 5n) | BigInt(k);
  }
  if (v >> 128n !== 0n) throw new WattproofError('bad-code', 'the code does not encode 128 bits', 'code');
  if (CHECK[Number(v % 37n)] !== clean[26]) throw new WattproofError('bad-code', 'check symbol mismatch: the code was mistyped', 'code');
  const out = new Uint8Array(16);
  for (let i = 15; i >= 0; i--) { out[i] = Number(v & 255n); v >>= 8n; }
  return out;
}

/** The protocol's 32-byte meter–customer key from the printed secret. */
export function customerKeyFromSecret(secret: Uint8Array): Uint8Array {
  return expand(sha256, extract(sha256, secret, CODE_TAG), CODE_TAG, 32);
}
