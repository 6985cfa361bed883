// @noble/curves/nist calls `new TextEncoder()` while it loads (utf8ToBytes),
// and Moddable devices have no TextEncoder global. The SDK's "text/encoder" is
// native, so it cannot run at preload time; this one is plain JS. Imported first
// by firmware/main.ts, so it is in place before the @noble modules evaluate.
import { utf8Encode } from '../../core/bytes.js';

class Utf8Encoder {
  get encoding(): string { return 'utf-8'; }
  encode(input = ''): Uint8Array { return utf8Encode(String(input)); }
}

const host = globalThis as { TextEncoder?: unknown };
if (host.TextEncoder === undefined) host.TextEncoder = Utf8Encoder;
