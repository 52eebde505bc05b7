import type { LiveConnectionsConfig } from '../config.js';

export type Admission = 'admitted' | 'process full' | 'network full';

/**
 * How many readers' live connections this process holds, in all and per network: an open
 * stream costs memory for as long as the reader stays, so a crowd (or one network opening
 * thousands) is turned away at the door instead. A reader turned away polls.
 */
export class LiveConnectionLimits {
  #total = 0;
  #byNetwork = new Map<string, number>();

  constructor(private readonly limits: LiveConnectionsConfig) {}

  /** Takes a place for a connection from `network` (give it back with `release`), or says which limit is reached. */
  admit(network: string): Admission {
    if (this.#total >= this.limits.maxConnections) return 'process full';
    const fromNetwork = this.#byNetwork.get(network) ?? 0;
    if (fromNetwork >= this.limits.maxConnectionsPerNetwork) return 'network full';
    this.#total++;
    this.#byNetwork.set(network, fromNetwork + 1);
    return 'admitted';
  }

  release(network: string): void {
    const fromNetwork = this.#byNetwork.get(network) ?? 0;
    if (fromNetwork === 0) return;
    this.#total--;
    if (fromNetwork === 1) this.#byNetwork.delete(network);
    else this.#byNetwork.set(network, fromNetwork - 1);
  }

  get open(): number {
    return this.#total;
  }
}
