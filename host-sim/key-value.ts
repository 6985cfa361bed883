// Simulated key-value storage with the device limits (names ≤ 31 characters, values ≤ 63 bytes).
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import type { KeyValueStore } from '../firmware/platform/api.js';

export class SimKeyValue implements KeyValueStore {
  private readonly map = new Map<string, Uint8Array>();
  static load(path: string): SimKeyValue {
    const kv = new SimKeyValue();
    if (existsSync(path)) for (const [k, v] of Object.entries(JSON.parse(readFileSync(path, 'utf8')) as Record<string, string>)) kv.map.set(k, Buffer.from(v, 'hex'));
    return kv;
  }
  save(path: string): void {
    writeFileSync(path, JSON.stringify(Object.fromEntries([...this.map].map(([k, v]) => [k, Buffer.from(v).toString('hex')])), null, 1) + '\n');
  }
  get(key: string): Uint8Array | undefined { const v = this.map.get(key); return v && Uint8Array.from(v); }
  set(key: string, value: Uint8Array): void {
    if (key.length > 31) throw new RangeError(`key-value name ${key} exceeds 31 characters`);
    if (value.length > 63) throw new RangeError(`key-value ${key}: ${value.length} bytes exceed 63`);
    this.map.set(key, Uint8Array.from(value));
  }
  delete(key: string): void { this.map.delete(key); }
}
