import {
  modalityLabel,
  type SendingStatus,
  type TableauChange,
  type TableauSlot,
} from '../../../rota/tableau.js';
import { html, type Html } from '../../web/html.js';
import { dayLabel, frenchDate, hoursLabel, openSlot } from './present.js';
import type { TableauPeriodRow } from './store.js';

/** One period as the Tableau de garde page lists it. */
export interface PeriodLine {
  period: TableauPeriodRow;
  territory: string;
  service: string;
  status: SendingStatus;
  /** Changes since it was sent; null when not sent. */
  changes: TableauChange[] | null;
}

const slotText = (s: TableauSlot) =>
  `${dayLabel(s.date)} ${hoursLabel(s)}, niveau ${s.level} : ${s.name ?? openSlot} (${modalityLabel[s.modality]})`;

const changeText = (c: TableauChange) =>
  c.kind === 'added'
    ? `Ajoutée : ${slotText(c.slot)}`
    : c.kind === 'removed'
      ? `Supprimée : ${slotText(c.slot)}`
      : `Modifiée : ${slotText(c.before)} → ${c.after.name ?? openSlot}${c.after.end !== c.before.end ? `, fin ${c.after.end}` : ''}${c.after.modality !== c.before.modality ? `, ${modalityLabel[c.after.modality]}` : ''}`;

export const spanQuery = (p: TableauPeriodRow) =>
  `service=${p.serviceId}&du=${p.startsOn}&au=${p.endsOn}`;

/** The warning of a period not sent 45 days before its start, or null. */
export function warningOf(line: PeriodLine): Html | null {
  if (line.status.state !== 'late') return null;
  const { daysLeft } = line.status;
  const when =
    daysLeft > 0 ? `commence dans ${daysLeft} jour${daysLeft > 1 ? 's' : ''}` : 'a commencé';
  return html`<li>Le tableau de garde ${line.territory} · ${line.service} du ${frenchDate(line.period.startsOn)} au ${frenchDate(line.period.endsOn)} ${when} et n'a pas été envoyé au conseil départemental de l'Ordre (45 jours avant au plus tard).</li>`;
}

function statusCell(line: PeriodLine): Html {
  const p = line.period;
  const sent = p.sentOn
    ? html`Envoyé le ${frenchDate(p.sentOn)}${p.sentByLabel ? html` par ${p.sentByLabel}` : ''}`
    : '';
  switch (line.status.state) {
    case 'sent':
      return html`${sent}`;
    case 'late':
      return html`<strong class="error">Non envoyé : en retard</strong>`;
    case 'due':
      return html`À envoyer avant le ${frenchDate(line.status.deadline)}`;
    case 'over':
      return html`Période terminée${sent ? html`. ${sent}` : html`, jamais envoyée`}`;
  }
}

function changesCell(line: PeriodLine): Html {
  if (!line.changes) return html`<span class="muted">—</span>`;
  if (!line.changes.length) return html`Aucun`;
  const n = line.changes.length;
  return html`<details class="tableau-changes"><summary class="error">${n} changement${n > 1 ? 's' : ''} depuis l'envoi</summary><ul>${line.changes.map((c) => html`<li>${changeText(c)}</li>`)}</ul></details>`;
}

export function periodRow(line: PeriodLine, csrf: string, today: string): Html {
  const p = line.period;
  const q = spanQuery(p);
  const over = line.status.state === 'over';
  return html`<tr><td>${line.territory} · ${line.service}</td><td>${frenchDate(p.startsOn)} → ${frenchDate(p.endsOn)}</td><td>${statusCell(line)}</td><td>${changesCell(line)}</td>
<td><a href="/tableau/tableau.pdf?${q}">PDF</a> · <a href="/tableau/tableau.csv?${q}">CSV</a>${over ? html`<br>Réalisé : <a href="/tableau/realise.pdf?${q}">PDF</a> · <a href="/tableau/realise.csv?${q}">CSV</a>` : ''}</td>
<td><form class="row" method="post" action="/tableau/envoye"><input type="hidden" name="_csrf" value="${csrf}"><input type="hidden" name="service" value="${p.serviceId}"><input type="hidden" name="du" value="${p.startsOn}"><input type="hidden" name="au" value="${p.endsOn}">
<div><label for="sent-${p.id}">Envoyé le</label><input id="sent-${p.id}" type="date" name="envoyeLe" required value="${p.sentOn ?? today}"></div><button class="secondary" type="submit">${p.sentOn ? 'Envoyé à nouveau' : 'Marquer envoyé'}</button></form></td></tr>`;
}
