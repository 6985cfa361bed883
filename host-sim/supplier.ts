// The supplier's side: keeps the certificates a meter sends, assembles statement
// files from the meter's statements, and verifies them with the core verifier.
import {
  type Certificate, type SignedDocument, type Verdict, StatementKind, certificatesCovering, decodeCertificate, encodeBundle,
  readStatement, Reader, verifyStatementFile, toHex, chainBreak, DocumentCache, STATEMENT_KIND_NAMES, u32,
} from '../firmware/core/index.js';
import { MessageType, parseDocumentAck, parseMessage } from '../firmware/meter/messages.js';

const resendRequest = (seq: number) => Uint8Array.of(MessageType.resendCertificates, ...u32(seq));

export interface VerifiedStatementFile { kind: string; fromPeriod: number; count: number; file: Uint8Array; verdict: Verdict }

export class Supplier {
  readonly certificates = new Map<number, Certificate>();
  readonly statements: VerifiedStatementFile[] = [];
  readonly acks: { accepted: boolean; docHash: string; reason: string }[] = [];
  readonly events: string[] = [];
  readonly chainProblems: string[] = [];
  private readonly documents = new Map<string, SignedDocument>();
  private readonly cache = new DocumentCache();
  private readonly seenStatements = new Set<string>();
  private readonly waiting = new Map<string, Uint8Array>();

  constructor(readonly trust: { meterPublicKey: Uint8Array; meterId: Uint8Array; tariffPublicKey: Uint8Array; valueOfEnergyPublicKey: Uint8Array }) {}

  knowDocument(d: SignedDocument): void { this.documents.set(toHex(d.hash), d); }

  /** Handles one message from the meter; returns a resend request when certificates are missing. */
  receive(m: Uint8Array): Uint8Array | undefined {
    const { type, payload } = parseMessage(m);
    if (type === MessageType.certificate) {
      const c = decodeCertificate(payload);
      this.certificates.set(c.seq, c);
      this.retryWaiting();
      const missing = this.firstMissingSeq();
      return missing !== undefined && missing < c.seq ? resendRequest(missing) : undefined;
    }
    if (type === MessageType.statement) return this.onStatement(payload);
    if (type === MessageType.documentAck) {
      const a = parseDocumentAck(payload);
      this.acks.push({ accepted: a.accepted, docHash: toHex(a.docHash), reason: a.reason });
    } else if (type === MessageType.event) this.events.push(new TextDecoder().decode(payload.subarray(1)));
    return undefined;
  }

  firstMissingSeq(): number | undefined {
    const seqs = [...this.certificates.keys()].sort((a, b) => a - b);
    for (let s = 0; s <= (seqs[seqs.length - 1] ?? -1); s++) if (!this.certificates.has(s)) return s;
    return undefined;
  }

  /** A statement naming certificates not received yet waits for them (and asks the meter to resend). */
  private onStatement(payload: Uint8Array): Uint8Array | undefined {
    const id = toHex(payload);
    if (this.seenStatements.has(id)) return undefined; // a meter re-sends after a restart
    const r = new Reader(payload, 'statement');
    const s = readStatement(r);
    r.end();
    for (let seq = s.firstCertSeq; seq <= s.lastCertSeq; seq++) {
      if (!this.certificates.has(seq)) { this.waiting.set(id, payload); return resendRequest(seq); }
    }
    this.seenStatements.add(id);
    this.waiting.delete(id);
    const certs = certificatesCovering([...this.certificates.values()].sort((a, b) => a.seq - b.seq), s.fromPeriod, s.count)
      .filter((c) => c.seq >= s.firstCertSeq && c.seq <= s.lastCertSeq);
    const doc = s.kind === StatementKind.total ? undefined : this.documents.get(toHex(s.inputHash));
    const file = encodeBundle(s, certs, doc);
    this.statements.push({ kind: STATEMENT_KIND_NAMES[s.kind]!, fromPeriod: s.fromPeriod, count: s.count, file, verdict: verifyStatementFile(file, this.trust, this.cache) });
    return undefined;
  }

  private retryWaiting(): void {
    for (const payload of [...this.waiting.values()]) this.onStatement(payload);
  }

  /** Checks the whole chain received so far: continuity and the head signature. */
  chainReport(): { certificates: number; firstSeq: number; lastSeq: number; complete: boolean; problems: string[] } {
    const seqs = [...this.certificates.keys()].sort((a, b) => a - b);
    const problems: string[] = [];
    for (let i = 1; i < seqs.length; i++) {
      const why = chainBreak(this.certificates.get(seqs[i - 1]!)!, this.certificates.get(seqs[i]!)!);
      if (why) problems.push(why);
    }
    return { certificates: seqs.length, firstSeq: seqs[0] ?? -1, lastSeq: seqs[seqs.length - 1] ?? -1, complete: this.firstMissingSeq() === undefined && problems.length === 0, problems };
  }
}
