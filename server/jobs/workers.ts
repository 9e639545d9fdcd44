import type { Worker } from 'bullmq';
import type { AppDeps } from '../deps.js';

export interface Workers {
  workers: Worker[];
  /** Waits for active jobs to finish, then closes. */
  close(): Promise<void>;
}

/** Starts one worker per queue. Processors are registered in processors.ts. */
export function startWorkers(deps: AppDeps): Workers {
  const workers: Worker[] = [];
  return {
    workers,
    close: async () => {
      await Promise.allSettled(workers.map((worker) => worker.close()));
      deps.logger.debug('workers closed');
    },
  };
}
