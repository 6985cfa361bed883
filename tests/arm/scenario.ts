// A short deterministic scenario for the emulated Cortex-M4 (npm run arm:test):
// known answers, a certified run of periods kept in the flash log, a certified
// total proven from the log and verified. Node prints the same lines.
import {
  Certifier, OpeningDeriver, StatementKind, H, encodePoint, prove, registerCommitment, setPrecomputeWindow, toHex, verifyStatementFile, type Certificate,
} from '../../firmware/core/index.js';
import { p256 } from '@noble/curves/nist.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { utf8Encode } from '../../firmware/core/bytes.js';
import { MeterStore } from '../../firmware/meter/store.js';
import { MemoryFlash } from '../support/memory-flash.js';

declare const print: (s: string) => void;

setPrecomputeWindow(4); // the meter's table size: same results, less RAM and set-up work
print(`H ${toHex(encodePoint(H()))}`);
const vectorKey = sha256(utf8Encode('wattproof vector meter-customer key'));
const vectorMeter = Uint8Array.of(0x00, 0x1b, 0xc5, 0x0c, 0x70, 0x00, 0xa1, 0x5e);
const d = new OpeningDeriver(vectorKey, vectorMeter);
print(`opening 996043 ${d.opening(996043).toString(16)}`);
print(`commitment 996044 ${toHex(encodePoint(registerCommitment(5_000_000n, d.opening(996044))))}`);

const key = (label: string) => { const h = sha256(utf8Encode(`wattproof arm scenario ${label}`)); h[0] = h[0]! & 0x7f; return h; };
const keys = { meterId: Uint8Array.of(0, 0x1b, 0xc5, 0x0c, 0x70, 0, 0x0a, 0x4d), meterSecretKey: key('meter'), meterCustomerKey: key('customer') };
const first = 983_000;
const store = new MeterStore(new MemoryFlash(4096, 4));
store.appendGenesis({ firstPeriod: first, register: 77_000n });
const certifier = Certifier.genesis(keys, first, 77_000n);
let e = 77_000n;
for (let p = first; p < first + 6; p++) {
  e += BigInt((p * 31) % 900);
  print(`K ${p} ${toHex(certifier.certify(p, e))}`);
  store.appendPeriod({ period: p, register: e });
}
const cert: Certificate = certifier.close();
store.appendCertificate({ seq: cert.seq, firstPeriod: cert.firstPeriod, count: cert.count, hash: cert.hash, signature: cert.signature });
print(`certificate ${toHex(cert.bytes)}`);
const recovered = store.recover();
const total = prove({ kind: StatementKind.total, meterId: keys.meterId, fromPeriod: first + 2, count: 4, register: store.registerReader(recovered.genesis), openings: certifier.openings, certificates: [cert] });
print(`total ${total.statement.result} ${toHex(total.bundle)}`);
const v = verifyStatementFile(total.bundle, { meterPublicKey: p256.getPublicKey(keys.meterSecretKey, false) });
print(`verify ${v.valid ? 'valid' : v.reason}`);
print('done');
