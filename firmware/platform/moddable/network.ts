// The WAN side is the comms hub, reached over a UART. Frames are
// u16 length (big-endian) | message, both directions.
import Serial from 'embedded:io/serial';
import config from 'mc/config';
import type { Network } from '../api.js';

let handler: ((m: Uint8Array) => void) | undefined;
let inbound = new Uint8Array(0);

const serial = new Serial({
  transmit: typeof config.hubTx === 'number' ? config.hubTx : 0,
  receive: typeof config.hubRx === 'number' ? config.hubRx : 1,
  baud: typeof config.hubBaud === 'number' ? config.hubBaud : 115200,
  port: typeof config.hubPort === 'number' ? config.hubPort : 1,
  format: 'buffer',
  onReadable() {
    const chunk = this.read();
    if (!(chunk instanceof ArrayBuffer)) return;
    const joined = new Uint8Array(inbound.length + chunk.byteLength);
    joined.set(inbound);
    joined.set(new Uint8Array(chunk), inbound.length);
    inbound = joined;
    while (inbound.length >= 2) {
      const length = (inbound[0]! << 8) | inbound[1]!;
      if (length > 65535 || inbound.length < 2 + length) break;
      const m = inbound.slice(2, 2 + length);
      inbound = inbound.slice(2 + length);
      handler?.(m);
    }
    if (inbound.length > 70000) inbound = new Uint8Array(0); // a broken link: resynchronise
  },
});

export const network: Network = {
  send(message) {
    if (message.length > 65535) return false;
    const frame = new Uint8Array(2 + message.length);
    frame[0] = message.length >> 8;
    frame[1] = message.length & 255;
    frame.set(message, 2);
    serial.write(frame.buffer as ArrayBuffer);
    return true;
  },
  onReceive(h) { handler = h; },
};
