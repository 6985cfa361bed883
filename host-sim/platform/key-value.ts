import type { KeyValueStore } from '../../firmware/platform/api.js';
import { world } from '../world.js';
export const keyValue: KeyValueStore = {
  get: (key) => world().keyValue.get(key),
  set: (key, value) => world().keyValue.set(key, value),
  delete: (key) => world().keyValue.delete(key),
};
