// npm start: one meter, one billing month, built-in defaults.
import { simulate } from './simulate.js';

const outDir = process.env.WATTPROOF_OUT ?? 'out';
const report = simulate({ outDir, progress: (d, n) => { if (process.stdout.isTTY) process.stdout.write(`\rsimulating day ${d}/${n}`); } });
if (process.stdout.isTTY) process.stdout.write('\n');
const pounds = (p: string) => `£${(Number(p) / 100).toFixed(2)}`;
console.log(`wattproof host simulation — meter ${report.meterId}`);
console.log(`  simulated          ${report.from} .. ${report.to}`);
console.log(`  periods certified  ${report.periodsCertified} in ${report.certificates} certificates (chain ${report.chainComplete ? 'complete' : 'INCOMPLETE'})`);
for (const s of report.statements) console.log(`  ${s.kind.padEnd(10)}         ${s.from} +${s.periods} periods: ${s.amountPence} p ${s.valid ? 'verified' : `REJECTED (${s.reason})`}`);
console.log(`  bill               ${pounds(report.billPence)} (time-of-use energy + standing charge)`);
console.log(`  settlement value   ${pounds(report.settlementPence)}`);
console.log(`  verification       ${report.allStatementsValid ? 'all statements valid' : 'FAILED'}`);
console.log(`  elapsed            ${(report.elapsedMs / 1000).toFixed(1)} s`);
console.log(`  artefacts          ${outDir}/ (verify: npx wattproof verify ${outDir}/statements/<file>.wps)`);
process.exitCode = report.allStatementsValid && report.chainComplete ? 0 : 1;
