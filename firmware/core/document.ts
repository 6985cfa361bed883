// Signed input documents (tariffs, value of energy). The signature covers the
// exact body bytes (UTF-8 JSON), so no canonical JSON is needed.
// Envelope: version u8 | kind u8 | bodyLength u32 | body | signature 64 (r || s)
// docHash = H_tag(kind tag, body); the signature is ECDSA P-256 over docHash.
import { p256 } from '@noble/curves/nist.js';
import { Reader, concat, u32, u8, utf8Decode, utf8Encode } from './bytes.js';
import { fail } from './errors.js';
import { taggedHash } from './group.js';
import { PROTOCOL_VERSION, TAG } from './tags.js';


export const DocumentKind = Object.freeze({ tariff: 1, valueOfEnergy: 2 } as const);
export type DocumentKind = (typeof DocumentKind)[keyof typeof DocumentKind];
export const MAX_DOCUMENT_BYTES = 1 << 20;
/** Documents carry compact signatures r || s (64 bytes, low-S). */
export const DOCUMENT_SIGNATURE_BYTES = 64;

export interface SignedDocument {
  kind: DocumentKind;
  body: Uint8Array;
  signature: Uint8Array;
  hash: Uint8Array;
  bytes: Uint8Array;
}

function kindTag(kind: number): string {
  if (kind === DocumentKind.tariff) return TAG.tariff;
  if (kind === DocumentKind.valueOfEnergy) return TAG.valueOfEnergy;
  return fail('bad-document-kind', `unknown document kind ${kind}`, 'kind');
}

export function documentHash(kind: DocumentKind, body: Uint8Array): Uint8Array {
  return taggedHash(kindTag(kind), body);
}

export function signDocument(kind: DocumentKind, json: string, signerSecretKey: Uint8Array): SignedDocument {
  const body = utf8Encode(json);
  if (body.length > MAX_DOCUMENT_BYTES) fail('document-too-large', `body exceeds ${MAX_DOCUMENT_BYTES} bytes`, 'body');
  const hash = documentHash(kind, body);
  const signature = p256.sign(hash, signerSecretKey, { prehash: false, lowS: true, extraEntropy: false });
  return { kind, body, signature, hash, bytes: concat(u8(PROTOCOL_VERSION), u8(kind), u32(body.length), body, signature) };
}

export function readDocument(r: Reader): SignedDocument {
  const start = r.offset;
  const version = r.u8('document.version');
  if (version !== PROTOCOL_VERSION) fail('bad-version', `unsupported document version ${version}`, 'document.version');
  const kind = r.u8('document.kind') as DocumentKind;
  kindTag(kind);
  const length = r.u32('document.bodyLength');
  if (length > MAX_DOCUMENT_BYTES) fail('document-too-large', `body length ${length} exceeds ${MAX_DOCUMENT_BYTES}`, 'document.bodyLength');
  const body = r.bytes(length, 'document.body');
  const signature = r.bytes(DOCUMENT_SIGNATURE_BYTES, 'document.signature');
  return { kind, body, signature, hash: documentHash(kind, body), bytes: r.span(start, r.offset) };
}

export function decodeDocument(bytes: Uint8Array): SignedDocument {
  const r = new Reader(bytes, 'document');
  const d = readDocument(r);
  r.end();
  return d;
}

export function verifyDocumentSignature(d: SignedDocument, signerPublicKey: Uint8Array): boolean {
  try {
    return p256.verify(d.signature, d.hash, signerPublicKey, { prehash: false, lowS: true });
  } catch {
    return false;
  }
}

/** The body as a JSON object, or a named error. */
export function documentJson(d: SignedDocument): Record<string, unknown> {
  const text = utf8Decode(d.body, 'document.body');
  let v: unknown;
  try { v = JSON.parse(text); } catch (e) { return fail('bad-json', `body is not JSON (${(e as Error).message})`, 'document.body'); }
  if (v === null || typeof v !== 'object' || Array.isArray(v)) fail('bad-json', 'body must be a JSON object', 'document.body');
  return v as Record<string, unknown>;
}
