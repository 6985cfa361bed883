// wattproof <command>: provision | simulate | verify. Exit codes: 0 success
// (valid), 1 invalid statement or failed run, 2 usage error or unreadable input.
import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { p256 } from '@noble/curves/nist.js';
import { randomBytes } from 'node:crypto';
import { WattproofError, fromHex, toHex, verifyStatementFile, STATEMENT_KIND_NAMES, formatDate, localSlotOfPeriod } from '../../firmware/core/index.js';
import { simulate } from '../../host-sim/simulate.js';
import { customerKeyFromSecret, encodeCustomerCode } from './code.js';

const USAGE = `usage:
  wattproof provision [--meter-id HEX16] [--out DIR]
      new meter identity: P-256 signing key pair, meter-customer key and its printed code
  wattproof simulate [--days N] [--seed N] [--start YYYY-MM-DD] [--tariff FILE.json] [--out DIR]
      run one simulated meter (npm start with options); artefacts in DIR (default out)
  wattproof verify STATEMENT.wps [--keys keys.json]
      exit 0 valid, 1 invalid (reason printed), 2 usage or unreadable input`;

class UsageError extends Error {}

function parseArgs(args: string[], flags: string[]): { positional: string[]; opts: Record<string, string> } {
  const positional: string[] = [];
  const opts: Record<string, string> = {};
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a.startsWith('--')) {
      const name = a.slice(2);
      if (!flags.includes(name)) throw new UsageError(`unknown option ${a}`);
      const v = args[++i];
      if (v === undefined) throw new UsageError(`${a} needs a value`);
      opts[name] = v;
    } else positional.push(a);
  }
  return { positional, opts };
}

function intOpt(opts: Record<string, string>, name: string, min: number, max: number): number | undefined {
  if (opts[name] === undefined) return undefined;
  const v = Number(opts[name]);
  if (!Number.isInteger(v) || v < min || v > max) throw new UsageError(`--${name} must be an integer in ${min}..${max}`);
  return v;
}

function provision(args: string[]): number {
  const { positional, opts } = parseArgs(args, ['meter-id', 'out']);
  if (positional.length) throw new UsageError(`unexpected argument ${positional[0]}`);
  const meterId = opts['meter-id'] ? fromHex(opts['meter-id'], '--meter-id') : randomBytes(8);
  if (meterId.length !== 8) throw new UsageError('--meter-id is 8 bytes (16 hex digits)');
  const signingKey = p256.utils.randomSecretKey();
  const secret = randomBytes(16);
  const code = encodeCustomerCode(secret);
  const identity = {
    meterId: toHex(meterId),
    meterPublicKey: toHex(p256.getPublicKey(signingKey, false)),
    meterSigningKey: toHex(signingKey),
    meterCustomerKey: toHex(customerKeyFromSecret(secret)),
    customerCode: code,
  };
  if (opts.out) {
    mkdirSync(opts.out, { recursive: true });
    writeFileSync(join(opts.out, 'meter-secret.json'), JSON.stringify(identity, null, 1) + '\n', { mode: 0o600 });
    writeFileSync(join(opts.out, 'meter-public.json'), JSON.stringify({ meterId: identity.meterId, meterPublicKey: identity.meterPublicKey }, null, 1) + '\n');
  }
  console.log(`meter id          ${identity.meterId}`);
  console.log(`meter public key  ${identity.meterPublicKey}`);
  console.log(`customer code     ${code}   (print on the meter; the customer types it to unlock readings)`);
  if (opts.out) console.log(`written           ${join(opts.out, 'meter-secret.json')} (keep secret: signing key) and meter-public.json`);
  else console.log('(secrets not written: pass --out DIR to save them)');
  return 0;
}

function simulateCommand(args: string[]): number {
  const { positional, opts } = parseArgs(args, ['days', 'seed', 'start', 'tariff', 'out']);
  if (positional.length) throw new UsageError(`unexpected argument ${positional[0]}`);
  let tariff: Record<string, unknown> | undefined;
  if (opts.tariff) {
    let text: string;
    try { text = readFileSync(opts.tariff, 'utf8'); } catch (e) { throw new UsageError(`cannot read tariff ${opts.tariff}: ${(e as Error).message}`); }
    try { tariff = JSON.parse(text); } catch (e) { throw new UsageError(`tariff ${opts.tariff} is not JSON: ${(e as Error).message}`); }
  }
  if (opts.start && !/^\d{4}-\d{2}-\d{2}$/.test(opts.start)) throw new UsageError('--start is a date YYYY-MM-DD');
  const days = intOpt(opts, 'days', 1, 400) ?? 31;
  const outDir = opts.out ?? 'out';
  const report = simulate({
    days, seed: intOpt(opts, 'seed', 0, 0xffffffff), start: opts.start, tariff, outDir,
    progress: (d, n) => { process.stderr.write(`\rsimulating day ${d}/${n}`); if (d >= n) process.stderr.write('\n'); },
  });
  console.log(`meter ${report.meterId}: ${report.periodsCertified} periods in ${report.certificates} certificates, chain ${report.chainComplete ? 'complete' : 'INCOMPLETE'}`);
  for (const s of report.statements) console.log(`  ${s.kind} from ${s.from}, ${s.periods} periods: ${s.amountPence} p — ${s.valid ? 'verified' : `REJECTED ${s.reason}`}`);
  for (const a of report.documentAcks.filter((x) => !x.accepted)) console.log(`  meter rejected a document: ${a.reason}`);
  console.log(`artefacts in ${outDir}/ (${(report.elapsedMs / 1000).toFixed(1)} s)`);
  return report.allStatementsValid && report.chainComplete ? 0 : 1;
}

function verifyCommand(args: string[]): number {
  const { positional, opts } = parseArgs(args, ['keys']);
  if (positional.length !== 1) throw new UsageError('verify takes one statement file');
  const file = positional[0]!;
  const keysPath = opts.keys ?? [join(dirname(file), 'keys.json'), join(dirname(file), '..', 'keys.json')].find((p) => existsSync(p));
  if (!keysPath) throw new UsageError(`no keys.json next to ${file} or its folder's parent: pass --keys`);
  let bytes: Uint8Array, keys: Record<string, string>;
  try { bytes = readFileSync(file); } catch (e) { throw new UsageError(`cannot read ${file}: ${(e as Error).message}`); }
  try { keys = JSON.parse(readFileSync(keysPath, 'utf8')); } catch (e) { throw new UsageError(`cannot read keys ${keysPath}: ${(e as Error).message}`); }
  const key = (name: string) => {
    if (typeof keys[name] !== 'string') throw new UsageError(`${keysPath} lacks ${name}`);
    return fromHex(keys[name]!, name);
  };
  const verdict = verifyStatementFile(new Uint8Array(bytes), {
    meterPublicKey: key('meterPublicKey'), meterId: key('meterId'),
    tariffPublicKey: keys.tariffPublicKey ? key('tariffPublicKey') : undefined as never,
    valueOfEnergyPublicKey: keys.valueOfEnergyPublicKey ? key('valueOfEnergyPublicKey') : undefined as never,
  });
  if (!verdict.valid) {
    console.log(`INVALID ${resolve(file)}\n  reason: ${verdict.reason}\n  detail: ${verdict.detail}`);
    return 1;
  }
  const s = verdict.statement;
  console.log(`VALID ${STATEMENT_KIND_NAMES[s.kind]} for meter ${toHex(s.meterId)}`);
  console.log(`  periods   ${s.fromPeriod}..${s.fromPeriod + s.count - 1} (${s.count}, local ${formatDate(localSlotOfPeriod(s.fromPeriod).day)} .. ${formatDate(localSlotOfPeriod(s.fromPeriod + s.count - 1).day)})`);
  console.log(`  result    ${s.result} ${s.kind === 3 ? 'Wh' : 'µp'}${s.kind === 1 ? ` + standing charge ${s.standingCharge} mp` : ''}`);
  if (s.kind !== 3) console.log(`  amount    ${s.amount} p`);
  console.log(`  proof     ${verdict.certificates} certificates (seq ${s.firstCertSeq}..${s.lastCertSeq}), ${verdict.pointsUsed} registers checked`);
  return 0;
}

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'provision': return provision(rest);
      case 'simulate': return simulateCommand(rest);
      case 'verify': return verifyCommand(rest);
      case undefined: case '-h': case '--help': case 'help': console.log(USAGE); return command === undefined ? 2 : 0;
      default: throw new UsageError(`unknown command ${command}`);
    }
  } catch (e) {
    if (e instanceof UsageError) { console.error(`wattproof: ${e.message}\n${USAGE}`); return 2; }
    if (e instanceof WattproofError) { console.error(`wattproof: ${e.message}`); return 2; }
    throw e;
  }
}
