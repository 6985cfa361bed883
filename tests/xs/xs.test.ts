// The firmware under the XS engine: the same bundle runs under xsnap (built
// from the XS sources in @agoric/xsnap) and under Node; outputs must be equal
// byte for byte, and the vectors must equal the committed ones.
import { strict as assert } from 'node:assert';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bundleForXs, ensureXsnap, firstDifference, runNode, runXs } from '../../tools/xs/xsnap.js';

describe('firmware under XS', function () {
  this.timeout(600_000);
  let bundle = '';
  let xs = { status: 0 as number | null, stdout: '', stderr: '', ms: 0 };
  let node = { ...xs };

  before(async () => {
    ensureXsnap();
    bundle = await bundleForXs(new URL('./scenario.ts', import.meta.url).pathname, join(mkdtempSync(join(tmpdir(), 'wattproof-xs-')), 'scenario.js'));
    xs = runXs([bundle]);
    node = runNode([bundle]);
  });

  it('runs to completion under XS', () => {
    assert.equal(xs.status, 0, `xsnap exited ${xs.status}: ${xs.stdout.slice(-2000)}${xs.stderr.slice(-2000)}`);
    assert.match(xs.stdout, /\ndone\n$/);
  });

  it('prints exactly what Node prints (vectors, certificates, statements, verdicts)', () => {
    assert.equal(node.status, 0, node.stderr);
    const diff = firstDifference(node.stdout, xs.stdout);
    assert.equal(diff, undefined, `XS diverges from Node at ${diff}`);
    assert.ok(xs.stdout.length > 20_000);
  });

  it('the vectors XS computes are the committed ones', () => {
    const line = xs.stdout.split('\n').find((l) => l.startsWith('vectors '))!;
    assert.deepEqual(JSON.parse(line.slice(8)), JSON.parse(readFileSync(new URL('../vectors/core-v1.json', import.meta.url), 'utf8')));
  });

  it('XS verifies its own statements and rejects a tampered one', () => {
    assert.match(xs.stdout, /^verify bill valid \d+$/m);
    assert.match(xs.stdout, /^verify settlement valid \d+$/m);
    assert.match(xs.stdout, /^verify tampered [a-z-]+$/m);
    assert.doesNotMatch(xs.stdout, /^verify tampered valid$/m);
  });

  it('the comparison catches a one-byte divergence', () => {
    const at = xs.stdout.indexOf('certificate 1 ') + 40;
    const altered = xs.stdout.slice(0, at) + (xs.stdout[at] === '0' ? '1' : '0') + xs.stdout.slice(at + 1);
    assert.match(firstDifference(node.stdout, altered) ?? '', /^line \d+:/);
  });
});
