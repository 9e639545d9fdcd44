import { html, type Html } from '../../web/html.js';
import { whenFr } from '../shifts/refusals-fr.js';

/**
 * The warning before leave over one's own shifts is saved: the shifts it falls on, in French and
 * local time, then "Enregistrer quand même" (the same form, confirmed) or back to change it.
 */
export function leaveConflictConfirm(v: {
  from: string;
  to: string;
  reason: string;
  csrf: string;
  timeZone: string;
  shifts: { serviceName: string; level: number; startsAt: Date; endsAt: Date }[];
}): Html {
  return html`<section class="card" aria-labelledby="h-leave-warn"><h2 class="fs-115" id="h-leave-warn">Vous êtes de garde pendant cette indisponibilité</h2>
<p role="alert" class="error">Cette indisponibilité chevauche ${v.shifts.length} de vos gardes :</p>
<ul data-testid="leave-conflicts">${v.shifts.map((s) => html`<li>${s.serviceName} · niveau ${s.level} · ${whenFr(s.startsAt, s.endsAt, v.timeZone)}</li>`)}</ul>
<p>Si vous l’enregistrez, ces gardes apparaîtront en rouge au planning et la coordination sera prévenue : proposez-les à un collègue.</p>
<form method="post" action="/me/unavailability" class="row"><input type="hidden" name="_csrf" value="${v.csrf}">
<input type="hidden" name="from" value="${v.from}"><input type="hidden" name="to" value="${v.to}"><input type="hidden" name="reason" value="${v.reason}"><input type="hidden" name="confirm" value="1">
<button type="submit">Enregistrer quand même</button><a class="button secondary" href="/me">Annuler</a></form></section>`;
}
