// Keys and identity in Moddable preferences (domain "wattproof"): values are
// ArrayBuffers ≤ 63 bytes and names ≤ 31 characters on pico and nrf52.
import Preference from 'preference';
import type { KeyValueStore } from '../api.js';

const DOMAIN = 'wattproof';

export const keyValue: KeyValueStore = {
  get(key) {
    const v = Preference.get(DOMAIN, key);
    return v instanceof ArrayBuffer ? new Uint8Array(v) : undefined;
  },
  set(key, value) { Preference.set(DOMAIN, key, value.slice().buffer as ArrayBuffer); },
  delete(key) { Preference.delete(DOMAIN, key); },
};
