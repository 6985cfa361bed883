// Messages between the meter and the infrastructure (docs/formats.md §3).
// Each is one type byte followed by its payload.
import { concat, u8, utf8Decode, utf8Encode } from '../core/bytes.js';
import { fail } from '../core/errors.js';

export const MessageType = Object.freeze({
  certificate: 0x01, // certificate wire bytes
  statement: 0x02, // statement (146 bytes); the receiver joins the certificates
  event: 0x03, // level u8 | UTF-8 text
  documentAck: 0x04, // accepted u8 | docHash 32 | UTF-8 reason
  documentUpdate: 0x81, // inbound: signed document envelope
  resendCertificates: 0x82, // inbound: fromSeq u32 — send certificates fromSeq.. again (at most 32)
} as const);

export const EventLevel = Object.freeze({ info: 0, warn: 1, error: 2 } as const);

export function message(type: number, payload: Uint8Array): Uint8Array { return concat(u8(type), payload); }

export function eventMessage(level: number, text: string): Uint8Array { return message(MessageType.event, concat(u8(level), utf8Encode(text))); }

export function documentAck(accepted: boolean, docHash: Uint8Array, reason: string): Uint8Array {
  return message(MessageType.documentAck, concat(u8(accepted ? 1 : 0), docHash, utf8Encode(reason)));
}

export function parseMessage(m: Uint8Array): { type: number; payload: Uint8Array } {
  if (!(m instanceof Uint8Array) || m.length < 1) fail('bad-message', 'empty message');
  return { type: m[0]!, payload: m.subarray(1) };
}

export function parseDocumentAck(payload: Uint8Array): { accepted: boolean; docHash: Uint8Array; reason: string } {
  if (payload.length < 33 || payload[0]! > 1) fail('bad-message', 'document ack needs accepted u8 and a 32-byte hash');
  return { accepted: payload[0] === 1, docHash: payload.slice(1, 33), reason: utf8Decode(payload.subarray(33), 'reason') };
}
