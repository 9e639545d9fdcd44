import type { AppDeps } from '../../platform/deps.js';
import type { JobPayload } from '../../platform/job-payloads.js';
import { reminderAfterMs, textFicheLink } from './link-sms.js';
import { ficheById } from './store.js';

/**
 * 'fiche-reminder' (queued at the call's end, delayed 2 h): texts the régulateur again if the
 * fiche is still unfinished. Once: the SMS's dedupe key holds however often the job runs. A job
 * run early (it never should: it is delayed) sends nothing.
 */
export async function ficheReminder(
  deps: Pick<AppDeps, 'db' | 'jobs' | 'logger' | 'now' | 'config' | 'publicUrl'>,
  { ficheId }: JobPayload<'fiche-reminder'>,
): Promise<string> {
  const c = await ficheById(deps.db.db, ficheId);
  if (!c?.fiche) return 'gone';
  if (c.fiche.completedAt) return 'completed';
  if (deps.now().getTime() < c.fiche.createdAt.getTime() + reminderAfterMs) return 'too-early';
  return (await textFicheLink(deps, c, 'fiche_reminder')) ? 'sent' : 'no-regulator';
}
