// The lin simulator has no comms hub: outbound messages are traced as hex.
import type { Network } from '../api.js';

export const network: Network = {
  send(message) {
    let hex = '';
    for (let i = 0; i < message.length; i++) hex += (message[i]! < 16 ? '0' : '') + message[i]!.toString(16);
    trace(`wattproof message ${hex}\n`);
    return true;
  },
  onReceive() { /* nothing arrives in the simulator */ },
};
