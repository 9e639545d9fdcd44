import { eq } from 'drizzle-orm';
import type { Queryable } from '../../../db/client.js';
import { serviceMembers } from '../../../db/schema/index.js';

/** The ids of a service's members: those auto-fill may propose. */
export async function memberIdsOf(q: Queryable, serviceId: string): Promise<string[]> {
  const rows = await q
    .select({ id: serviceMembers.professionalId })
    .from(serviceMembers)
    .where(eq(serviceMembers.serviceId, serviceId));
  return rows.map((m) => m.id);
}
