/**
 * Who may call each route of the app: the table test/api/authorization-matrix.test.ts checks
 * against every route the router declares. A route the router has and this table lacks fails
 * that test, by name: add its row here (one line, usually).
 *
 * `ok` lists the identities that get through (2xx/3xx, or 400/409 for the body the row sends:
 * validation, never 401/403/404); every other identity must be refused (anonymous: 401 on the
 * API, a redirect to the login page on the pages; signed in: 403 or 404). Route parameters
 * name fixtures of territory A (see authorization-world.ts): B's manager and professional must
 * be refused them. A route without parameters (a list) is open to B's people too, who must not
 * read anything of A in it (the test looks for A's ids and numbers in the answer).
 * `sessionOnly` rows refuse every Bearer token (403), whoever it belongs to.
 */
export type Who = 'admin' | 'manager' | 'managerB' | 'pro' | 'proB';

export interface Expectation {
  /** Who gets through; 'public': anyone, anonymous included; 'twilio': 403 unsigned, for all. */
  ok: Who[] | 'public' | 'twilio';
  /** A fixture name (authorization-world.ts) for each route parameter. */
  params?: Record<string, string>;
  query?: string;
  /** JSON for the API, form fields for the pages. Targets of A, so that authorization decides. */
  body?: Record<string, unknown>;
  /** Logs the session out: each request gets a session of its own. */
  endsSession?: true;
  /** For a 'public' row: the status every caller gets, when it is certain (else any but 5xx). */
  status?: number;
  /** Only from a logged-in session: a Bearer token is refused (403) even to those in `ok`. */
  sessionOnly?: true;
}

const managers: Who[] = ['admin', 'manager'];
const members: Who[] = ['admin', 'manager', 'pro'];
const everyone: Who[] = ['admin', 'manager', 'managerB', 'pro', 'proB'];
const twilio: Expectation = { ok: 'twilio' };
const service = { id: 'serviceA' };
const week = 'from=2026-11-24T00:00:00Z&to=2026-12-01T00:00:00Z';
const night = { startsAt: '2026-12-02T19:00:00Z', endsAt: '2026-12-03T07:00:00Z' };
const listers: Who[] = ['admin', 'manager', 'managerB'];
// Links go by SMS (no mail server in tests: an e-mail would be a 409 before anything is sent).
const newManager = {
  email: 'fixture:freshEmail',
  name: 'Coordination Nouvelle',
  territoryIds: ['fixture:territoryA'],
  mobile: '06 39 98 77 04',
  channels: ['sms'],
};
// A wrong current password: a 400 once through, so no session of the world is ended.
const passwordChange = {
  currentPassword: 'pas-le-mot-de-passe-actuel',
  newPassword: 'une phrase de passe nouvelle',
};
const tableauSpan = { service: 'fixture:serviceA', du: '2027-01-01', au: '2027-03-31' };
const tableauQuery = 'service=fixture:serviceA&du=2027-01-01&au=2027-03-31';
// A quarter already over: its réalisé can be drawn up.
const realisedQuery = 'service=fixture:serviceA&du=2026-07-01&au=2026-09-30';
const consultationCall = { callId: 'consultationCallA' };
const adviceOffer = {
  entryId: 'fixture:adviceEntryA',
  specialty: 'SM41',
  windows: [{ weekday: 2, start: '12:30', end: '13:30' }],
};
const adviceForm = { specialty: 'SM48', windows: 'mardi 12:30-13:30', deadlineHours: '48' };
const acceptance = { token: 'fixture:freshInvitationToken', password: 'cheval agrafe pile' };
const ficheApi = { reasonCode: 'orl', decision: 'pharmacy', prescription: false };
const ficheForm = {
  reasonCode: 'orl',
  decision: 'pharmacy',
  prescription: 'non',
  decidedAt: '2026-11-24T10:30',
};
const addendum = { text: 'Addendum de la matrice.' };

export const expectations: Record<string, Expectation> = {
  'GET /healthz': { ok: 'public' },
  'GET /readyz': { ok: 'public', status: 200 },
  // Answers a direct loopback connection without X-Forwarded-For (or METRICS_TOKEN, unset here):
  // supertest connects over loopback, so here it is open to all; the refusals of a proxied or
  // remote scrape are test/service/metrics.test.ts's.
  'GET /metrics': { ok: 'public', status: 200 },

  'POST /twilio/fallback': twilio,
  'POST /twilio/fallback/after-queue': twilio,
  'POST /twilio/fallback/after-dial': twilio,
  'POST /twilio/voice': twilio,
  'POST /twilio/voice/:node': { ok: 'twilio', params: { node: 'literal:menu' } },
  'POST /twilio/advice/:node': { ok: 'twilio', params: { node: 'literal:menu' } },
  'POST /twilio/status': twilio,
  'POST /twilio/sms/status': twilio,
  'POST /twilio/callback/screen': twilio,
  'POST /twilio/callback/accept': twilio,
  'POST /twilio/callback/patient-screen': twilio,
  'POST /twilio/callback/patient-accept': twilio,
  'POST /twilio/callback/patient-result': twilio,
  'POST /twilio/callback/status': twilio,
  'POST /twilio/sms': twilio,

  // The secret is the URL: anyone holding it reads the feed.
  'GET /ical/professional/:token.ics': { ok: 'public', params: { token: 'proIcalToken' } },
  'GET /ical/service/:token.ics': { ok: 'public', params: { token: 'serviceIcalToken' } },

  'POST /api/session': { ok: 'public', body: {} },
  'GET /api/session': { ok: everyone },
  'DELETE /api/session': { ok: 'public', endsSession: true },

  // The invitation link's token is the credential: a valid one of A, used by each request,
  // whoever sends it (a session or a token of someone else changes nothing).
  'POST /api/invitations/accept': { ok: 'public', status: 200, body: acceptance },
  'GET /invitation': { ok: 'public', status: 200, query: 'token=fixture:freshInvitationToken' },
  'POST /invitation': {
    ok: 'public',
    status: 200,
    body: { ...acceptance, confirm: acceptance.password },
  },

  // Accounts: each manager sees their territories' (B's manager must not see A's).
  'GET /api/accounts': { ok: listers },
  'POST /api/accounts/managers': { ok: ['admin'], body: newManager },
  'POST /api/accounts/professionals': {
    ok: managers,
    body: { professionalId: 'fixture:freshProfessionalA', channels: ['sms'] },
  },
  // Whoever manages the account: an admin, or a manager of the professional's territory.
  'POST /api/accounts/:id/reset': {
    ok: managers,
    params: { id: 'freshProAccountA' },
    body: { channels: ['sms'] },
  },
  'POST /api/accounts/:id/deactivate': { ok: managers, params: { id: 'freshProAccountA' } },
  'PUT /api/account/password': { ok: everyone, sessionOnly: true, body: passwordChange },
  // One's own API tokens: someone else's is a 404; minted from a session only.
  'GET /api/tokens': { ok: listers },
  'POST /api/tokens': {
    ok: managers,
    sessionOnly: true,
    body: { name: 'export tableur', territoryId: 'fixture:territoryA' },
  },
  'DELETE /api/tokens/:id': { ok: ['manager'], params: { id: 'freshManagerTokenA' } },

  'GET /api/services/:id/on-duty': {
    ok: members,
    params: service,
    query: 'at=2026-11-24T21:00:00Z',
  },
  'GET /api/services/:id/shifts': { ok: members, params: service, query: week },
  'GET /api/services/:id/gaps': { ok: members, params: service, query: week },
  'GET /api/services/:id/fairness': { ok: members, params: service, query: week },
  'POST /api/shifts': {
    ok: managers,
    body: { serviceId: 'fixture:serviceA', professionalId: null, level: 2, ...night },
  },
  'PATCH /api/shifts/:id': { ok: managers, params: { id: 'shiftA' }, body: { level: 1 } },
  'DELETE /api/shifts/:id': { ok: managers, params: { id: 'freshShiftA' } },
  'POST /api/services/:id/auto-fill': {
    ok: managers,
    params: service,
    body: { from: '2026-12-05', to: '2026-12-06' },
  },
  // A feed's new secret: one's own (a professional), any of the territory's (its managers).
  'POST /api/me/ical-token': { ok: ['pro', 'proB'] },
  'POST /api/professionals/:id/ical-token': { ok: managers, params: { id: 'colleagueA' } },
  'POST /api/services/:id/ical-token': { ok: managers, params: service },
  'POST /api/services/:id/auto-fill/accept': {
    ok: managers,
    params: service,
    body: { assignments: [{ ...night, level: 1, professionalId: 'fixture:colleagueA' }] },
  },
  'GET /api/services/:id/shifts.csv': { ok: members, params: service, query: week },
  'POST /api/services/:id/shifts.csv': { ok: managers, params: service },
  'GET /api/territories/:id/calendar': {
    ok: members,
    params: { id: 'territoryA' },
    query: 'year=2026',
  },
  'GET /api/unavailability': { ok: managers, query: 'professionalId=fixture:colleagueA' },
  'POST /api/unavailability': {
    ok: managers,
    body: { professionalId: 'fixture:colleagueA', ...night },
  },
  'DELETE /api/unavailability/:id': { ok: managers, params: { id: 'freshUnavailabilityA' } },
  'POST /api/overrides': {
    ok: managers,
    body: {
      shiftId: 'fixture:shiftA',
      professionalId: 'fixture:colleagueA',
      startsAt: '2026-11-24T20:00:00Z',
      endsAt: '2026-11-24T22:00:00Z',
    },
  },
  'DELETE /api/overrides/:id': { ok: managers, params: { id: 'freshOverrideA' } },
  'PUT /api/territories/:id/ponts/:day/refusal': {
    ok: managers,
    params: { id: 'territoryA', day: 'literal:2026-05-15' },
  },
  'GET /api/territories': { ok: everyone },
  'POST /api/territories': { ok: ['admin'], body: {} },
  // The ARS activity report: the territory's managers only.
  'GET /api/territories/:id/activity-report': {
    ok: managers,
    params: { id: 'territoryA' },
    query: 'month=2026-11',
  },
  'GET /reports/activity': { ok: listers },
  'GET /reports/activity.csv': {
    ok: managers,
    query: 'territory=fixture:territoryA&month=2026-11',
  },
  'GET /reports/activity.pdf': {
    ok: managers,
    query: 'territory=fixture:territoryA&month=2026-11',
  },
  'PATCH /api/territories/:id': { ok: managers, params: { id: 'territoryA' }, body: {} },
  'PATCH /api/services/:id': { ok: managers, params: service, body: { name: 'Médecins' } },
  'PUT /api/territories/:id/calendar/:day': {
    ok: managers,
    params: { id: 'territoryA', day: 'literal:2026-12-24' },
    body: { kind: 'pont' },
  },
  'DELETE /api/territories/:id/calendar/:day': {
    ok: managers,
    params: { id: 'territoryA', day: 'literal:2026-12-24' },
  },
  'PUT /api/territories/:id/insee-communes': {
    ok: managers,
    params: { id: 'territoryA' },
    body: { communes: ['56007', '56034'] },
  },
  'POST /api/territories/:id/directory-imports': {
    ok: managers,
    params: { id: 'territoryA' },
    body: { personPath: 'PS_LibreAcces_Personne_activite_demo.txt' },
  },
  'GET /api/territories/:id/directory-imports/:importId': {
    ok: managers,
    params: { id: 'territoryA', importId: 'directoryImportA' },
  },
  'GET /api/professionals': { ok: everyone },
  'POST /api/professionals': {
    ok: managers,
    body: {
      territoryId: 'fixture:territoryA',
      name: 'Dr Nouveau',
      profession: 'médecin',
      mobile: '06 39 98 77 01',
    },
  },
  'PATCH /api/professionals/:id': {
    ok: managers,
    params: { id: 'colleagueA' },
    body: { profession: 'médecin généraliste' },
  },
  // The shared directory (annuaire): each territory's people read its entries, B's nothing of A's.
  'GET /api/directory/entries': { ok: everyone, query: 'q=matrice' },
  'GET /api/directory/entries/:id': { ok: members, params: { id: 'directoryEntryA' } },
  // One's own entry: A's professional has one; nobody else here does (a 404).
  'PATCH /api/directory/me': { ok: ['pro'], body: { optIns: { adviceBySms: true } } },
  'PATCH /api/directory/entries/:id': {
    ok: managers,
    params: { id: 'directoryEntryA' },
    body: { visibility: 'professionals' },
  },
  'GET /api/calls': { ok: ['admin', 'manager', 'managerB'], query: `${week}&outcome=connected` },
  'GET /api/calls/:sid': { ok: managers, params: { sid: 'callA' } },
  'POST /api/calls/:callId/crra-handoff': { ok: managers, params: { callId: 'callA' } },
  'GET /api/callbacks': { ok: ['admin', 'manager', 'managerB'] },
  'POST /api/swaps': { ok: ['pro'], body: { shiftId: 'fixture:proShiftA' } },
  'POST /api/swaps/:id/take': { ok: ['pro'], params: { id: 'swapA' } },
  // MMG consultations: booked from a call by its régulateur (A's professional) or A's managers
  // (a slot that does not exist: a 409 once through); marked by the doctor at the MMG that day.
  'GET /api/calls/:callId/consultation-slots': { ok: members, params: consultationCall },
  'POST /api/calls/:callId/consultations': {
    ok: members,
    params: consultationCall,
    body: { serviceId: 'fixture:serviceA', startsAt: '2026-11-24T03:00:00Z' },
  },
  'POST /api/consultations/:id/outcome': {
    ok: ['pro'],
    params: { id: 'consultationA' },
    body: { outcome: 'honoured' },
  },
  'POST /api/swaps/:id/:decision': {
    ok: managers,
    params: { id: 'swapA', decision: 'literal:reject' },
  },

  'GET /login': { ok: 'public' },
  'GET /assets/gardeline.css': { ok: 'public', status: 200 },
  'POST /login': { ok: 'public' },
  'POST /logout': { ok: 'public', endsSession: true },
  'GET /^\\/assets\\/vendor\\/fullcalendar@([^/]+)\\/(.+)$/': { ok: everyone },
  'GET /assets/:file': { ok: everyone, params: { file: 'literal:rota-calendar.js' } },
  'GET /': { ok: everyone },
  'GET /rota': { ok: everyone, query: 'service=fixture:serviceA&date=2026-11-24&view=week' },
  'GET /rota/feed': {
    ok: members,
    query: 'service=fixture:serviceA&start=2026-11-23T00:00:00Z&end=2026-11-30T00:00:00Z',
  },
  // A's professional reads a shift of A (read-only form); nobody of B does.
  'GET /rota/shifts/:id/edit': { ok: members, params: { id: 'shiftA' } },
  'POST /rota/shifts/:id/edit': {
    ok: managers,
    params: { id: 'shiftA' },
    body: {
      date: '2026-11-24',
      start: '20:00',
      end: '08:00',
      level: '1',
      professionalId: 'fixture:colleagueA',
    },
  },
  'POST /rota/shifts/:id/assign': {
    ok: managers,
    params: { id: 'shiftA' },
    body: { professionalId: 'fixture:colleagueA' },
  },
  'POST /rota/shifts': { ok: managers, body: { serviceId: 'fixture:serviceA' } },
  'POST /rota/shifts/:id/cancel': { ok: managers, params: { id: 'freshShiftA' } },
  'GET /rota/shifts/:id/cancel': { ok: managers, params: { id: 'shiftA' } },
  'GET /rota/export.csv': { ok: members, query: 'service=fixture:serviceA&month=2026-12' },
  // No file: a 400 once through (the preview and the import write nothing without one).
  'POST /rota/csv/preview': { ok: managers, body: { service: 'fixture:serviceA' } },
  'POST /rota/csv/import': { ok: managers, body: { service: 'fixture:serviceA' } },
  'GET /rota/auto-fill': {
    ok: managers,
    query: 'service=fixture:serviceA&from=2026-12-05&to=2026-12-06',
  },
  'POST /rota/auto-fill': {
    ok: managers,
    body: { service: 'fixture:serviceA', from: '2026-12-05', to: '2026-12-06' },
  },
  'POST /rota/auto-fill/preview': {
    ok: managers,
    body: { service: 'fixture:serviceA', from: '2026-12-05', to: '2026-12-06' },
  },
  // Planning pages (managers): a list without parameters shows the visitor's own territory.
  'GET /rota/template': { ok: listers },
  'POST /rota/template': {
    ok: managers,
    body: {
      service: 'fixture:serviceA',
      'name.0': 'nuit',
      'days.0': 'mon',
      'start.0': '20:00',
      'end.0': '08:00',
      'levels.0': '1',
      'kind.0': 'weeknight',
    },
  },
  'GET /rota/overrides': { ok: listers },
  'POST /rota/overrides': {
    ok: managers,
    body: {
      service: 'fixture:serviceA',
      shiftId: 'fixture:shiftA',
      professionalId: 'fixture:colleagueA',
    },
  },
  'GET /rota/overrides/:id/cancel': { ok: managers, params: { id: 'freshOverrideA' } },
  'POST /rota/overrides/:id/cancel': { ok: managers, params: { id: 'freshOverrideA' } },
  'GET /rota/leave': { ok: listers },
  'POST /rota/leave': {
    ok: managers,
    body: {
      territory: 'fixture:territoryA',
      professionalId: 'fixture:colleagueA',
      from: '2027-03-01',
      to: '2027-03-01',
    },
  },
  'POST /rota/leave/:id/delete': { ok: managers, params: { id: 'freshUnavailabilityA' } },
  'GET /rota/ponts': { ok: listers },
  'POST /rota/ponts': {
    ok: managers,
    body: { territory: 'fixture:territoryA', day: '2026-05-15', decision: 'confirm' },
  },
  'GET /calls': { ok: ['admin', 'manager', 'managerB'], query: 'from=2026-11-01&to=2026-11-30' },
  'GET /calls/:sid': { ok: managers, params: { sid: 'callA' } },
  // Regulation (issue 17): the mode is the managers'; the hand-off the régulateur's of that call
  // (A's professional was bridged to no call here) and the managers' (409: A has no CRRA number).
  'GET /territories/:id/regulation': { ok: managers, params: { id: 'territoryA' } },
  'POST /territories/:id/regulation': {
    ok: managers,
    params: { id: 'territoryA' },
    body: { regulationMode: 'plateforme', arsApprovedOn: '2099-01-01' },
  },
  'GET /calls/:callId/crra': { ok: managers, params: { callId: 'callA' } },
  'POST /calls/:callId/crra': { ok: managers, params: { callId: 'callA' }, body: {} },
  'GET /callbacks': { ok: ['admin', 'manager', 'managerB'] },
  'GET /swaps': { ok: ['admin', 'manager', 'managerB'] },
  // The audit of the territory each manager manages (B's manager sees B's, nothing of A).
  'GET /history': { ok: ['admin', 'manager', 'managerB'] },
  'GET /rota/shifts/:id/history': { ok: managers, params: { id: 'shiftA' } },
  'POST /swaps/:id/:decision': {
    ok: managers,
    params: { id: 'swapA', decision: 'literal:reject' },
  },
  'GET /professionals': { ok: everyone },
  'GET /professionals/new': { ok: ['admin', 'manager', 'managerB'] },
  'POST /professionals/new': {
    ok: managers,
    body: {
      territoryId: 'fixture:territoryA',
      name: 'Dr Formulaire',
      profession: 'médecin',
      mobile: '06 39 98 77 02',
      languages: 'fr',
    },
  },
  'GET /professionals/:id/edit': { ok: managers, params: { id: 'colleagueA' } },
  'POST /professionals/:id/edit': {
    ok: managers,
    params: { id: 'colleagueA' },
    body: { name: 'Dr Collègue', profession: 'médecin', mobile: '06 39 98 77 03', languages: 'fr' },
  },
  'GET /directory': { ok: everyone, query: 'q=matrice' },
  'GET /directory/entries/:id': { ok: members, params: { id: 'directoryEntryA' } },
  // One's own entry: those without one are told so (a page, not a refusal).
  'GET /directory/me': { ok: everyone },
  'POST /directory/me': {
    ok: everyone,
    body: { visibility: 'professionals', optIns: 'adviceBySms' },
  },
  'GET /directory/entries/:id/edit': { ok: managers, params: { id: 'directoryEntryA' } },
  'POST /directory/entries/:id/edit': {
    ok: managers,
    params: { id: 'directoryEntryA' },
    body: { directLine: '03 80 55 00 01', visibility: 'professionals' },
  },
  // A professional's own page: those without a directory entry are told no.
  'GET /me': { ok: ['pro', 'proB'] },
  'POST /me/shifts/:id/offer': { ok: ['pro'], params: { id: 'proShiftA' } },
  'POST /me/swaps/:id/take': { ok: ['pro'], params: { id: 'swapA' } },
  'POST /me/unavailability': {
    ok: ['pro', 'proB'],
    body: { from: '2026-12-10', to: '2026-12-11' },
  },
  // A's managers may delete A's leave through this door too (the command's rule).
  'POST /me/ical-token': { ok: ['pro', 'proB'] },
  'POST /me/unavailability/:id/delete': { ok: members, params: { id: 'freshProUnavailabilityA' } },
  'GET /demo': { ok: everyone },
  'GET /calls/:callId/consultation': { ok: members, params: consultationCall },
  'POST /calls/:callId/consultation': {
    ok: members,
    params: consultationCall,
    body: { slot: 'fixture:serviceA@2026-11-24T03:00:00.000Z' },
  },
  // The evening of each one's own MMG (B's people see B's, nothing of A).
  'GET /consultations': { ok: everyone },
  'POST /consultations/:id/:outcome': {
    ok: ['pro'],
    params: { id: 'consultationA', outcome: 'literal:honoured' },
  },

  'GET /accounts': { ok: listers },
  'POST /accounts/managers': {
    ok: ['admin'],
    body: { ...newManager, territoryIds: 'fixture:territoryA', channels: 'sms' },
  },
  'POST /accounts/professionals': {
    ok: managers,
    body: { professionalId: 'fixture:freshProfessionalA', channels: 'sms' },
  },
  'POST /accounts/:id/reset': {
    ok: managers,
    params: { id: 'freshProAccountA' },
    body: { channels: 'sms' },
  },
  'POST /accounts/:id/deactivate': { ok: managers, params: { id: 'freshProAccountA' } },
  'GET /account': { ok: everyone },
  'POST /account/password': { ok: everyone, sessionOnly: true, body: passwordChange },
  // Each person's own choices of swap notices (an admin has none to choose: saved as nothing).
  'POST /account/notices': { ok: everyone, body: { swap_offer: 'email' } },
  'POST /account/tokens': {
    ok: managers,
    sessionOnly: true,
    body: { name: 'export tableur', territoryId: 'fixture:territoryA' },
  },
  'POST /account/tokens/:id/revoke': { ok: ['manager'], params: { id: 'freshManagerTokenA' } },

  // The tableau de garde (R6315-2) and the printable month: the territory's managers only.
  'GET /tableau': { ok: listers },
  'POST /tableau/periodes': { ok: managers, body: tableauSpan },
  'POST /tableau/envoye': { ok: managers, body: { ...tableauSpan, envoyeLe: '2026-11-24' } },
  'GET /tableau/tableau.pdf': { ok: managers, query: tableauQuery },
  'GET /tableau/tableau.csv': { ok: managers, query: tableauQuery },
  'GET /tableau/realise.pdf': { ok: managers, query: realisedQuery },
  'GET /tableau/realise.csv': { ok: managers, query: realisedQuery },
  'GET /rota/imprimer': { ok: managers, query: 'service=fixture:serviceA&mois=2026-11' },

  // The fiche de régulation (issue 17): A's professional regulated the fixture's call and writes
  // it; A's managers read it. Its SMS link (no session) is test/regulation's. The addendum is a
  // 409 within the 24 h (the fiche itself is corrected then): through, not refused.
  'GET /api/fiches/:id': { ok: members, params: { id: 'ficheA' } },
  'PUT /api/fiches/:id': { ok: ['pro'], params: { id: 'ficheA' }, body: ficheApi },
  'POST /api/fiches/:id/addenda': { ok: ['pro'], params: { id: 'ficheA' }, body: addendum },
  'GET /calls/:callId/fiche': { ok: members, params: { callId: 'ficheCallA' } },
  'POST /calls/:callId/fiche': { ok: ['pro'], params: { callId: 'ficheCallA' }, body: ficheForm },
  'POST /calls/:callId/fiche/addenda': {
    ok: ['pro'],
    params: { callId: 'ficheCallA' },
    body: addendum,
  },
  'GET /my-calls': { ok: ['pro', 'proB'] },
  // Hospital follow-up (issue 19): the patient's GP (A's professional) and A's coordination.
  'GET /my-patients': { ok: everyone },
  'GET /hospital': { ok: listers },
  'GET /hospital/stays/:id': { ok: members, params: { id: 'stayA' } },
  'POST /hospital/stays/:id/items': {
    ok: members,
    params: { id: 'stayA' },
    body: { kind: 'other', label: 'Lit médicalisé' },
  },
  'POST /hospital/items/:id/assign': {
    ok: members,
    params: { id: 'itemA' },
    body: { assignee: 'fixture:entryA' },
  },
  'POST /hospital/items/:id/done': { ok: members, params: { id: 'itemA' }, body: { done: 'true' } },
  'GET /api/my-patients': { ok: everyone },
  'GET /api/hospital/coordination': { ok: listers },
  'GET /api/hospital/stays/:id': { ok: members, params: { id: 'stayA' } },
  'POST /api/hospital/stays/:id/items': {
    ok: members,
    params: { id: 'stayA' },
    body: { kind: 'other', label: 'Lit médicalisé' },
  },
  'POST /api/hospital/items/:id/assign': {
    ok: members,
    params: { id: 'itemA' },
    body: { assignee: 'fixture:entryA' },
  },
  'POST /api/hospital/items/:id/done': {
    ok: members,
    params: { id: 'itemA' },
    body: { done: true },
  },
  // The professionals' line (server/advice): offers of A's colleague, avis requests of A.
  'GET /api/advice/offers': { ok: everyone },
  'POST /api/advice/offers': { ok: managers, body: adviceOffer },
  'PUT /api/advice/offers/:id': {
    ok: managers,
    params: { id: 'adviceOfferA' },
    body: { ...adviceOffer, entryId: undefined, specialty: 'SM48' },
  },
  'DELETE /api/advice/offers/:id': { ok: managers, params: { id: 'freshAdviceOfferA' } },
  'GET /api/advice/requests': { ok: everyone },
  'POST /api/advice/requests/:id/answered': { ok: managers, params: { id: 'freshAvisRequestA' } },
  'GET /advice': { ok: everyone },
  // The page's form is for one's own entry: none of the world's people has one (400 for all).
  'POST /advice/offers': { ok: everyone, body: adviceForm },
  'POST /advice/offers/:id': { ok: managers, params: { id: 'adviceOfferA' }, body: adviceForm },
  'POST /advice/offers/:id/delete': { ok: managers, params: { id: 'freshAdviceOfferA' } },
  'GET /advice/requests': { ok: everyone },
  'POST /advice/requests/:id/answered': { ok: managers, params: { id: 'freshAvisRequestA' } },
};

/**
 * Apps mounted whole (bull-board's own router, which the walk does not see into): checked by
 * the matrix like the declared routes.
 */
export const mountedApps: Record<string, Expectation> = {
  'GET /admin/queues': { ok: ['admin'] },
};
