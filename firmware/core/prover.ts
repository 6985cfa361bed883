// Builds statements. Runs wherever the readings and the meter-customer key are:
// in the meter (in-meter billing) or on a customer device. Streams the periods,
// so memory does not grow with the billing period.
import { type Certificate, ZERO_HASH } from './certificate.js';
import { type CertificateSummary, certificatesCovering } from './chain.js';
import { DocumentKind, type SignedDocument, documentJson } from './document.js';
import { fail } from './errors.js';
import { checkMeterId, checkRegister } from './ids.js';
import { telescopedOpening } from './linear.js';
import type { OpeningDeriver } from './opening.js';
import { type Statement, StatementKind, encodeBundle } from './statement.js';
import { type Tariff, parseTariff } from './tariff.js';
import { type ValueOfEnergy, parseValueOfEnergy } from './value-of-energy.js';
import { publicParts, statementAmount } from './weights.js';

export interface ProveInput {
  kind: StatementKind;
  meterId: Uint8Array;
  fromPeriod: number;
  count: number;
  /** E_p in Wh for p in [fromPeriod - 1, fromPeriod + count - 1]. */
  register: (period: number) => bigint;
  openings: OpeningDeriver;
  /** Certificates holding those registers (extra ones are left out). */
  certificates: readonly CertificateSummary[];
  /** The tariff for a bill, the value-of-energy document for a settlement. */
  document?: SignedDocument | undefined;
}

export interface Proof { statement: Statement; bundle: Uint8Array }

/** Builds the statement and its statement file from full certificates. */
export function prove(input: ProveInput & { certificates: readonly Certificate[] }): Proof {
  const statement = proveStatement(input);
  const certs = certificatesCovering(input.certificates, input.fromPeriod, input.count);
  return { statement, bundle: encodeBundle(statement, certs, statement.kind === StatementKind.total ? undefined : input.document) };
}

/** Builds the statement alone (146 bytes): what a meter sends; whoever holds the certificates assembles the file. */
export function proveStatement(input: ProveInput): Statement {
  const { kind, fromPeriod, count, document } = input;
  const meterId = checkMeterId(input.meterId);
  if (!Number.isInteger(count) || count < 1) fail('bad-count', 'a statement covers at least one period', 'count');
  if (fromPeriod < 1) fail('bad-period', 'period 0 has no preceding register', 'fromPeriod');
  let parsed: Tariff | ValueOfEnergy | undefined;
  if (kind === StatementKind.bill || kind === StatementKind.settlement) {
    const wanted = kind === StatementKind.bill ? DocumentKind.tariff : DocumentKind.valueOfEnergy;
    if (!document || document.kind !== wanted) fail('document-missing', `a ${kind === StatementKind.bill ? 'bill needs a tariff' : 'settlement needs a value-of-energy document'}`, 'document');
    const json = documentJson(document);
    parsed = kind === StatementKind.bill ? parseTariff(json) : parseValueOfEnergy(json);
  } else if (kind !== StatementKind.total) fail('bad-kind', `unknown statement kind ${kind}`, 'kind');
  else if (document) fail('document-kind', 'a total takes no input document', 'document');
  const { weights, standingCharge } = publicParts(parsed, fromPeriod, count);

  const certs = certificatesCovering(input.certificates, fromPeriod, count);
  const { y, R } = telescopedOpening(weights, fromPeriod, count,
    (p) => checkRegister(input.register(p), `register[${p}]`), (p) => input.openings.opening(p));
  const head = certs[certs.length - 1]!;
  const statement: Statement = {
    kind, meterId, fromPeriod, count,
    inputHash: document && kind !== StatementKind.total ? document.hash : ZERO_HASH,
    result: y,
    standingCharge,
    amount: statementAmount(kind, y, standingCharge),
    R,
    firstCertSeq: certs[0]!.seq,
    lastCertSeq: head.seq,
    headCertHash: head.hash,
  };
  return statement;
}
