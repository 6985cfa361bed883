// Device entry point (the manifest's creation.main is "wattproof/main").
import './platform/moddable/text-encoder.js'; // first: @noble needs it while loading
import config from 'mc/config';
import { sha256 } from '@noble/hashes/sha2.js';
import { p256 } from '@noble/curves/nist.js';
import { encodePoint, setPrecomputeWindow } from './core/group.js';
import { registerCommitment } from './core/commitment.js';
import { OpeningDeriver } from './core/opening.js';
import { toHex, utf8Encode } from './core/bytes.js';
import { WattproofError } from './core/errors.js';
import { keyValue } from '#platform/key-value';
import { storeIdentity } from './meter/keys.js';
import { startMeter } from './meter/start.js';

setPrecomputeWindow(typeof config.precomputeWindow === 'number' ? config.precomputeWindow : 4);

// Known answer from tests/vectors/core-v1.json: the commitment of period 996044
// (register 5,000,000 Wh) under the vector keys. A device that computes it
// differently must not certify anything.
if (config.selfTest) {
  const d = new OpeningDeriver(sha256(utf8Encode('wattproof vector meter-customer key')), Uint8Array.of(0x00, 0x1b, 0xc5, 0x0c, 0x70, 0x00, 0xa1, 0x5e));
  const k = toHex(encodePoint(registerCommitment(5_000_000n, d.opening(996044))));
  const expected = '044356505e31fd9912a80ef13087443d414fc36b4fd46d7b62e2fc88a7e536c9a64885';
  trace(`wattproof self-test ${k.startsWith(expected) ? 'ok' : `FAILED ${k}`}\n`);
}

// The lin simulator has no provisioning station: it provisions demonstration keys once.
function provisionDemo(): void {
  const key = (label: string) => { const h = sha256(utf8Encode(`wattproof demo ${label}`)); h[0] = h[0]! & 0x7f; return h; };
  storeIdentity(keyValue, {
    meterId: key('meter id').subarray(0, 8), meterSecretKey: key('meter signing key'), meterCustomerKey: key('meter-customer key'),
    supplierPublicKey: p256.getPublicKey(key('supplier key'), true), settlementPublicKey: p256.getPublicKey(key('settlement key'), true),
  });
}

try {
  startMeter();
} catch (e) {
  if (!(e instanceof WattproofError && e.code === 'not-provisioned' && config.demoProvision)) throw e;
  provisionDemo();
  startMeter();
}
