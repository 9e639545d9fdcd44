/**
 * What this process says about itself to the proxy. `draining` turns true the moment SIGTERM
 * arrives: /readyz answers 503 and every response closes its connection, so the proxy sends the
 * next requests to another instance while this one finishes what it already has.
 */
export interface Lifecycle {
  draining: boolean;
}

export const createLifecycle = (): Lifecycle => ({ draining: false });
