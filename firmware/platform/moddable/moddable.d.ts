// Minimal declarations of the Moddable SDK modules this seam uses, so that
// `npm test` type-checks the Moddable side without the SDK. Inside mcconfig the
// SDK's own typings (manifest_base) are used instead; this file is not in the
// manifest.
declare module 'timer' {
  type TimerID = object;
  const Timer: {
    set(callback: (id: TimerID) => void, interval?: number, repeat?: number): TimerID;
    clear(id: TimerID | undefined): void;
  };
  export default Timer;
}
declare module 'preference' {
  const Preference: {
    get(domain: string, key: string): boolean | number | string | ArrayBuffer | undefined;
    set(domain: string, key: string, value: boolean | number | string | ArrayBuffer): void;
    delete(domain: string, key: string): void;
  };
  export default Preference;
}
declare module 'flash' {
  export default class Flash {
    constructor(partition: string);
    read(offset: number, byteLength: number): ArrayBuffer;
    write(offset: number, byteLength: number, buffer: ArrayBuffer): void;
    erase(block: number): void;
    readonly byteLength: number;
    readonly blockSize: number;
  }
}
declare module 'embedded:io/digital' {
  export default class Digital {
    static readonly Input: number;
    static readonly InputPullUp: number;
    static readonly Rising: number;
    constructor(options: { pin: number; mode: number; edge?: number; onReadable?: (this: Digital) => void });
    read(): number;
    close(): void;
  }
}
declare module 'embedded:io/serial' {
  export default class Serial {
    constructor(options: { transmit?: number; receive?: number; baud: number; port?: number; format?: 'buffer'; onReadable?: (this: Serial, bytes: number) => void });
    read(): ArrayBuffer | undefined;
    write(data: ArrayBuffer): void;
    close(): void;
  }
}
declare module 'mc/config' {
  const config: Record<string, unknown>;
  export default config;
}
declare function trace(...items: unknown[]): void;
