// Domain-separation tags. Every hash, PRF and hash-to-curve input in wattproof
// starts with exactly one of these; docs/protocol.md §2 lists them.
import { utf8Encode } from './bytes.js';

export const PROTOCOL_VERSION = 1;

export const TAG = Object.freeze({
  /** RFC 9380 DST for the Pedersen generator H (suite P256_XMD:SHA-256_SSWU_RO_). */
  generatorDst: 'WATTPROOF-V1-CS01-with-P256_XMD:SHA-256_SSWU_RO_',
  generatorMsg: 'pedersen generator H',
  opening: 'wattproof/v1/register-opening',
  certificate: 'wattproof/v1/certificate',
  tariff: 'wattproof/v1/document/tariff',
  valueOfEnergy: 'wattproof/v1/document/value-of-energy',
  statement: 'wattproof/v1/statement',
  batch: 'wattproof/v1/batch-coefficients',
});

export type TagName = keyof typeof TAG;

/** Tag framing for hashes: one length byte, then the ASCII tag. */
export function framedTag(tag: string): Uint8Array {
  const t = utf8Encode(tag);
  const out = new Uint8Array(1 + t.length);
  out[0] = t.length;
  out.set(t, 1);
  return out;
}
