// The platform seam: the only things the meter application needs from the
// device. `#platform/<name>` resolves (package.json "imports") to
// firmware/platform/moddable/<name>.ts on Moddable ("moddable" condition) and
// to host-sim/platform/<name>.ts elsewhere; each module exports one object
// implementing the interface below.

export interface Clock {
  /** UTC milliseconds since 1970-01-01. */
  nowMs(): number;
}

export interface TimerHandle { readonly id: number }
export interface Timers {
  /** Calls back once after `ms`. */
  once(ms: number, callback: () => void): TimerHandle;
  clear(handle: TimerHandle | undefined): void;
}

/** NOR-flash semantics: erase sets a block to 0xFF; writes can only clear bits. */
export interface FlashPartition {
  readonly blockLength: number;
  readonly blocks: number;
  read(offset: number, length: number): Uint8Array;
  write(offset: number, data: Uint8Array): void;
  eraseBlock(block: number): void;
}

/** Small values (≤ 63 bytes on pico/nrf52 preference storage), names ≤ 31 characters. */
export interface KeyValueStore {
  get(key: string): Uint8Array | undefined;
  set(key: string, value: Uint8Array): void;
  delete(key: string): void;
}

export interface Metrology {
  /** The metrology chip's cumulative import register, Wh. */
  readRegisterWh(): bigint;
}

export interface Network {
  /** Queues a message for the WAN; false when the link cannot take it now. */
  send(message: Uint8Array): boolean;
  /** Registers the handler for inbound messages (tariff and value-of-energy updates). */
  onReceive(handler: (message: Uint8Array) => void): void;
}

export type LogLevel = 'info' | 'warn' | 'error';
export interface Log {
  log(level: LogLevel, message: string): void;
}

export interface Platform {
  clock: Clock;
  timers: Timers;
  flash: FlashPartition;
  keyValue: KeyValueStore;
  metrology: Metrology;
  network: Network;
  log: Log;
}
