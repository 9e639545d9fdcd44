import { describe, expect, it } from 'vitest';
import { regulationProblems, type RegulationSettings } from './regulation-rules.js';
import { regulationLabel } from './regulation-label.js';

const today = '2026-11-24';
const plateforme: RegulationSettings = {
  regulationMode: 'plateforme',
  crraNumber: '+33297010203',
  regionalRegulationNumber: '15',
  conventionRef: 'CONV-1',
  conventionSignedOn: '2026-03-02',
  arsApprovedOn: '2026-04-15',
};

describe('the regulation rules (R6315-3)', () => {
  it('a plateforme needs its convention reference, signature and ARS approval', () => {
    expect(regulationProblems(plateforme, today)).toEqual({});
    const bare = { ...plateforme, conventionRef: null, arsApprovedOn: null };
    const problems = regulationProblems(bare, today);
    expect(Object.keys(problems).sort()).toEqual(['arsApprovedOn', 'conventionRef']);
    expect(problems.conventionRef).toBe(
      "Plateforme interconnectée refusée sans la référence de la convention, la date d'approbation par l'ARS.",
    );
  });

  it('centre15 needs no convention; dates are never in the future, approval never before signature', () => {
    const centre15 = { ...plateforme, regulationMode: 'centre15' as const };
    expect(regulationProblems({ ...centre15, conventionRef: null }, today)).toEqual({});
    expect(regulationProblems({ ...centre15, arsApprovedOn: '2026-11-25' }, today)).toHaveProperty(
      'arsApprovedOn',
    );
    expect(
      regulationProblems(
        { ...centre15, conventionSignedOn: '2026-11-25', arsApprovedOn: null },
        today,
      ),
    ).toHaveProperty('conventionSignedOn');
    expect(regulationProblems({ ...plateforme, arsApprovedOn: '2026-03-01' }, today)).toEqual({
      arsApprovedOn: "L'ARS ne peut pas approuver la convention avant sa signature.",
    });
    expect(regulationProblems({ ...plateforme, arsApprovedOn: today }, today)).toEqual({});
  });

  it('reads the mode in French', () => {
    expect(regulationLabel(plateforme)).toBe(
      "Plateforme interconnectée — convention CONV-1 signée le 2 mars 2026, approuvée par l'ARS le 15 avril 2026",
    );
    expect(regulationLabel({ ...plateforme, regulationMode: 'centre15', crraNumber: null })).toBe(
      'Centre 15 (SAMU) — les appelants sont invités à composer le 15',
    );
  });
});
