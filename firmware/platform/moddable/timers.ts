import Timer from 'timer';
import type { TimerHandle, Timers } from '../api.js';

interface Handle extends TimerHandle { timer: Timer | undefined }
let nextId = 1;

export const timers: Timers = {
  once(ms, callback) {
    const h: Handle = { id: nextId++, timer: undefined };
    h.timer = Timer.set(() => { h.timer = undefined; callback(); }, ms);
    return h;
  },
  clear(handle) {
    const h = handle as Handle | undefined;
    if (h?.timer) { Timer.clear(h.timer); h.timer = undefined; }
  },
};
