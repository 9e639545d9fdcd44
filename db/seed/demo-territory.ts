import type { ShiftTemplateSlot } from '../schema/settings.js';

/**
 * The demo territory. Every number is in ARCEP's ranges reserved for fiction
 * (02 61 91 xx xx, 06 39 98 xx xx): nobody real can be dialled by a demo.
 */
export const demoTerritory = {
  slug: 'pays-auray',
  name: "Pays d'Auray",
  publicNumber: '+33261910015',
  fallbackNumber: '+33261910099',
  daytimeNumber: '+33261910050',
  /** MSH-4 of the hospital feed: the centre hospitalier Bretagne Atlantique (Vannes, Auray). */
  hl7Facilities: ['CHBA'],
  /**
   * The demo's regulation (CSP R6315-3): a platform interconnected with the CRRA under a demo
   * convention (fictitious reference and dates). The CRRA's long number is a fictitious one the
   * emulator rings: a régulateur's hand-off can be tried on the Démo page.
   */
  regulation: {
    regulationMode: 'plateforme' as const,
    crraNumber: '+33261910115',
    regionalRegulationNumber: '15' as const,
    conventionRef: 'DEMO-SAMU56-2025-014',
    conventionSignedOn: '2025-03-14',
    arsApprovedOn: '2025-04-02',
  },
};

export const demoPassword = 'garde-auray-2026';

/** The demo logins; `can` is what the start banner says each may do (French first). */
export const demoUsers = [
  {
    email: 'admin@gardeline.local',
    name: 'Admin gardeline',
    role: 'admin' as const,
    can: 'admin : territoires, comptes, files de tâches / territories, accounts, job queues',
  },
  {
    email: 'coordination@cpts-auray.local',
    name: 'Coordination CPTS',
    role: 'manager' as const,
    can: 'coordination : planning, annuaire, appels, rappels / rota, directory, calls',
  },
  {
    email: 'dr.le-goff@cpts-auray.local',
    name: 'Dr Anne Le Goff',
    role: 'professional' as const,
    professional: 'Dr Anne Le Goff',
    can: 'médecin : mes gardes, échanges, agenda / own shifts, swaps, calendar feed',
  },
];

/** Weeknights, Saturday afternoon, Sunday and holidays: the usual MMG grid. */
export const defaultDoctorTemplate: ShiftTemplateSlot[] = [
  {
    name: 'nuit',
    days: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun', 'holiday', 'pont'],
    start: '20:00',
    end: '08:00',
    levels: 2,
    kind: 'weeknight',
  },
  { name: 'samedi', days: ['sat'], start: '12:00', end: '20:00', levels: 2, kind: 'saturday' },
  {
    name: 'jour',
    days: ['sun', 'holiday', 'pont'],
    start: '08:00',
    end: '20:00',
    levels: 2,
    kind: 'sunday_holiday',
  },
];

export const pharmacyTemplate: ShiftTemplateSlot[] = [
  {
    name: 'nuit',
    days: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun', 'holiday', 'pont'],
    start: '20:00',
    end: '08:00',
    levels: 1,
    kind: 'weeknight',
  },
  {
    name: 'jour',
    days: ['sun', 'holiday'],
    start: '08:00',
    end: '20:00',
    levels: 1,
    kind: 'sunday_holiday',
  },
];

const doctorNames = [
  'Dr Anne Le Goff',
  'Dr Yann Le Bihan',
  'Dr Morgane Guillou',
  'Dr Erwan Tanguy',
  'Dr Soizic Le Gall',
  'Dr Loïc Jaffré',
  'Dr Gwenaëlle Le Corre',
  'Dr Ronan Le Floch',
  'Dr Nolwenn Evano',
  'Dr Pierre Le Roux',
  'Dr Katell Le Bras',
  'Dr Tristan Le Pape',
  'Dr Maïwenn Le Moing',
  'Dr Gaël Conan',
];
const pharmacies = [
  'Pharmacie du Loch',
  'Pharmacie de la Petite Mer',
  'Pharmacie du Port de Saint-Goustan',
  'Pharmacie de Carnac-Plage',
];
const physios = ['Mathilde Le Dréau (kiné)', 'Julien Le Texier (kiné)'];

export interface DemoProfessional {
  name: string;
  profession: 'médecin généraliste' | 'pharmacien' | 'masseur-kinésithérapeute';
  mobile: string;
  languages: string[];
  service: 'doctor' | 'pharmacy' | 'respiratory_physio';
}

/** 20 fictitious professionals with fictitious mobiles +33 6 39 98 00 01… */
export const demoProfessionals: DemoProfessional[] = [
  ...doctorNames.map((name, i) => ({
    name,
    profession: 'médecin généraliste' as const,
    service: 'doctor' as const,
    languages: i % 3 === 0 ? ['fr', 'en'] : ['fr'],
  })),
  ...pharmacies.map((name) => ({
    name,
    profession: 'pharmacien' as const,
    service: 'pharmacy' as const,
    languages: ['fr'],
  })),
  ...physios.map((name) => ({
    name,
    profession: 'masseur-kinésithérapeute' as const,
    service: 'respiratory_physio' as const,
    languages: ['fr'],
  })),
].map((p, i) => ({ ...p, mobile: `+336399800${String(i + 1).padStart(2, '0')}` }));
