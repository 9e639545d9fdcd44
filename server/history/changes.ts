/** The fields of an audited row a person reads, in French; the others (ids, versions) are left out. */
export const fieldLabels: Record<string, string> = {
  startsAt: 'Début',
  endsAt: 'Fin',
  professionalId: 'Professionnel',
  serviceId: 'Service',
  level: 'Niveau',
  kind: 'Type de nuit',
  status: 'Statut',
  offeredBy: 'Proposée par',
  takenBy: 'Prise par',
  decidedAt: 'Décidée le',
  reason: 'Motif',
  name: 'Nom',
  profession: 'Profession',
  active: 'Actif',
  role: 'Rôle',
  email: 'E-mail',
};

export interface Change {
  field: string;
  before: unknown;
  after: unknown;
}

const record = (v: unknown): Record<string, unknown> =>
  v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};

/**
 * What an entry changed, field by field (before → after), among the fields a person reads. A
 * creation lists what was set; a deletion what was there. Pure, for the page and its test.
 */
export function changesOf(before: unknown, after: unknown): Change[] {
  const b = record(before);
  const a = record(after);
  return Object.keys(fieldLabels)
    .filter((k) => k in a || k in b)
    .filter((k) => JSON.stringify(b[k] ?? null) !== JSON.stringify(a[k] ?? null))
    .map((field) => ({ field, before: b[field] ?? null, after: a[field] ?? null }));
}

/** Ids an entry's changes mention (professionals, services), to name them. */
export const idsIn = (changes: Change[]) =>
  changes
    .filter((c) => ['professionalId', 'serviceId', 'offeredBy', 'takenBy'].includes(c.field))
    .flatMap((c) => [c.before, c.after])
    .filter((v): v is string => typeof v === 'string');

export const actionLabels: Record<string, string> = {
  'shift.create': 'Garde créée',
  'shift.update': 'Garde modifiée',
  'shift.cancel': 'Garde annulée',
  'swap.offer': 'Échange proposé',
  'swap.take': 'Échange pris',
  'swap.approve': 'Échange validé',
  'swap.reject': 'Échange refusé',
};

export const entityLabels: Record<string, string> = {
  shift: 'Garde',
  swap_request: 'Échange',
  unavailability: 'Indisponibilité',
  override: 'Remplacement',
  professional: 'Professionnel',
  user: 'Compte',
  territory: 'Territoire',
  service: 'Service',
};
