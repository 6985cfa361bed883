// Every rejection of external data names what is wrong: a machine-readable code
// and, where there is one, the field (a JSON-pointer-like path or a byte offset).

export class WattproofError extends Error {
  readonly code: string;
  readonly field: string | undefined;
  readonly detail: string;
  constructor(code: string, message: string, field?: string) {
    super(field === undefined ? `${code}: ${message}` : `${code}: ${field}: ${message}`);
    // XS freezes the built-ins, so assigning `name` would hit the read-only Error.prototype.name.
    Object.defineProperty(this, 'name', { value: 'WattproofError', writable: true, configurable: true });
    this.code = code;
    this.field = field;
    this.detail = message;
  }
}

export function fail(code: string, message: string, field?: string): never {
  throw new WattproofError(code, message, field);
}
