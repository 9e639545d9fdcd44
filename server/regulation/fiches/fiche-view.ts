import { html, type Html } from '../../web/html.js';
import { decisionLabels, reasonLabels } from './catalogue-fr.js';
import { addendumForm, ficheForm, refusalBlock, type FicheFormValues } from './fiche-form-view.js';
import { isLocked, lockedAt } from './lock.js';
import type { AddendumRow, CallWithFiche } from './store.js';
import { localInputValue, spokenTime } from './when.js';

export interface FichePage {
  c: CallWithFiche;
  addenda: AddendumRow[];
  canWrite: boolean;
  auth: { csrf?: string; token?: string };
  now: Date;
  notice?: string;
  error?: string;
  invalid?: string[];
  /** What was sent, when the form was refused. */
  sent?: FicheFormValues;
  /** The refusal was the addendum form's. */
  addendumError?: string;
}

const label = <T extends Record<string, string>>(labels: T, code: string | null) =>
  code && code in labels ? labels[code as keyof T] : '—';

/** The fiche's values as the form shows them (the decision time defaults to now). */
function valuesOf(p: FichePage): FicheFormValues {
  const f = p.c.fiche!;
  const zone = p.c.territory.timeZone;
  return {
    reasonCode: f.reasonCode ?? '',
    reasonText: f.reasonText ?? '',
    decision: f.decision ?? '',
    prescription: f.prescription === null ? '' : f.prescription ? 'oui' : 'non',
    prescriptionText: f.prescriptionText ?? '',
    decidedAt: localInputValue(f.decidedAt ?? p.now, zone),
  };
}

function readOnly(p: FichePage): Html {
  const f = p.c.fiche!;
  const zone = p.c.territory.timeZone;
  return html`<dl class="card fiche-read" data-testid="fiche-read">
<dt>Motif</dt><dd>${label(reasonLabels, f.reasonCode)}${f.reasonText ? html` — ${f.reasonText}` : ''}</dd>
<dt>Décision</dt><dd data-testid="decision">${label(decisionLabels, f.decision)}</dd>
<dt>Prescription</dt><dd>${f.prescription === null ? '—' : f.prescription ? html`Oui — ${f.prescriptionText ?? ''}` : 'Non'}</dd>
<dt>Heure de la décision</dt><dd>${f.decidedAt ? spokenTime(f.decidedAt, zone) : '—'}</dd>
<dt>Régulation</dt><dd>${p.c.regulator?.name ?? '—'}</dd>
</dl>`;
}

function addendaList(p: FichePage): Html {
  if (p.addenda.length === 0) return html``;
  const zone = p.c.territory.timeZone;
  return html`<section aria-labelledby="addenda-title"><h2 class="fs-110" id="addenda-title">Addenda</h2>
<ol class="plain-list" data-testid="addenda">${p.addenda.map((a) => html`<li class="card"><p class="muted">${a.author}, ${spokenTime(a.createdAt, zone)}</p><p class="fiche-addendum">${a.text}</p></li>`)}</ol></section>`;
}

/**
 * The fiche page: the call, then the form (the régulateur, within 24 h) or the fiche as recorded,
 * its addenda and, after the lock, the addendum form. The hand-off to the 15 while the call is
 * live, and the MMG booking when that is the decision, are other pages, linked from here.
 */
export function fichePageView(p: FichePage): Html {
  const { c } = p;
  const zone = c.territory.timeZone;
  const base = `/calls/${c.call.id}`;
  const fiche = c.fiche;
  const locked = fiche ? isLocked(fiche, p.now) : false;
  const status = !fiche
    ? c.call.endedAt
      ? 'pas de fiche pour cet appel'
      : 'appel en cours'
    : fiche.completedAt
      ? `complétée le ${spokenTime(fiche.completedAt, zone)}`
      : 'à compléter';
  const showsForm = Boolean(fiche) && p.canWrite && !locked;
  return html`${p.notice ? html`<p role="status" class="notice" data-testid="notice">${p.notice}</p>` : ''}
${p.error && !showsForm ? refusalBlock(p.error) : ''}
<section class="card" aria-label="L’appel">
<p>Appel du <strong data-testid="call-time">${spokenTime(c.call.startedAt, zone)}</strong> · ${c.territory.name}</p>
<p>Régulation : <strong>${c.regulator?.name ?? '—'}</strong> · Fiche : <strong data-testid="fiche-status">${status}</strong></p>
${fiche && locked ? html`<p class="muted">Verrouillée depuis le ${spokenTime(lockedAt(fiche), zone)} : elle ne change plus que par addendum.</p>` : ''}
${!c.call.endedAt ? html`<p><a class="button" href="${base}/crra" data-testid="crra-link">Transférer le patient au 15 (CRRA)</a></p>` : ''}
${fiche?.decision === 'mmg_consultation' ? html`<p><a class="button" href="${base}/consultation" data-testid="consultation-link">Réserver la consultation à la maison médicale de garde</a></p>` : ''}
</section>
${!fiche ? html`<p class="muted">La fiche s’ouvre à la fin de l’appel ; le lien arrive alors par SMS.</p>` : showsForm ? ficheForm({ action: `${base}/fiche`, auth: p.auth, values: p.sent ?? valuesOf(p), regulator: c.regulator?.name ?? '—', error: p.error, invalid: p.invalid }) : readOnly(p)}
${fiche ? addendaList(p) : ''}
${fiche && p.canWrite && locked ? addendumForm({ action: `${base}/fiche/addenda`, auth: p.auth, error: p.addendumError }) : ''}`;
}
