import type { Network } from '../../firmware/platform/api.js';
import { world } from '../world.js';
export const network: Network = {
  send: (message) => world().dcc.send(message),
  onReceive: (handler) => world().dcc.onReceive(handler),
};
