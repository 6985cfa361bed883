// Power cuts at random instants of flash writes and erases: no record whose
// append returned may ever be lost, and the log must keep working.
import { strict as assert } from 'node:assert';
import { RingLog } from '../../firmware/meter/ring-log.js';
import { PowerCut, SimFlash } from '../../host-sim/flash.js';
import { prng } from '../support/fixtures.js';

const PINNED = 7;

describe('ring log under power cuts', () => {
  it('1,200 random power-cut points lose no committed record', () => {
    const rnd = prng(20261204);
    const flash = new SimFlash(512, 6); // small sectors: recycling and carrying happen often
    const pinned = (r: { type: number; payload: Uint8Array }) => r.type === PINNED && key(r.payload) === pinnedPayload;
    let log = RingLog.open(flash, { pinned });
    const committed = new Map<number, string>(); // seq -> payload hex, for records still within retention
    let pinnedPayload = '';
    const key = (b: Uint8Array) => Buffer.from(b).toString('hex');
    let cuts = 0, appended = 0;
    while (cuts < 1200) {
      // arm a cut somewhere in the next few writes
      if (rnd() % 3 === 0) flash.armPowerCut(rnd() % 300);
      try {
        for (let k = 0; k < 4; k++) {
          const type = appended % 25 === 0 ? PINNED : 2;
          const payload = Uint8Array.from({ length: 1 + (rnd() % 90) }, () => rnd() & 255);
          const seq = log.append(type, payload);
          appended++;
          committed.set(seq, key(payload));
          if (type === PINNED) pinnedPayload = key(payload);
        }
      } catch (e) {
        if (!(e instanceof PowerCut)) throw e;
        cuts++;
      }
      flash.disarm();
      // reboot: recover and compare
      log = RingLog.open(flash, { pinned });
      const found = new Map<number, string>();
      const payloads = new Set<string>();
      log.forEach((r) => { found.set(r.seq, key(r.payload)); payloads.add(key(r.payload)); });
      const oldestKept = Math.min(...found.keys());
      for (const [seq, payload] of committed) {
        if (seq < oldestKept) { committed.delete(seq); continue; } // expired by the ring, not lost
        assert.equal(found.get(seq), payload, `record ${seq} lost after cut ${cuts}`);
      }
      // the newest pinned record survives every recycling, possibly re-appended under a newer seq
      if (pinnedPayload) assert.ok(payloads.has(pinnedPayload), `pinned record lost after cut ${cuts}`);
      // sequence numbers only grow
      const seqs = [...found.keys()];
      for (let i = 1; i < seqs.length; i++) assert.ok(seqs[i]! > seqs[i - 1]!);
    }
    assert.ok(appended > 2000, `only ${appended} appends`);
    assert.ok(flash.erases > 100, 'the ring recycled its sectors');
  });

  it('refuses records larger than a sector, naming the limit', () => {
    const log = RingLog.open(new SimFlash(512, 4));
    assert.throws(() => log.append(2, new Uint8Array(600)), /record-too-large/);
  });
});
