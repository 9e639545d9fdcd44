import type { Actor } from '../access/actor.js';
import { ownAsset } from './assets.js';
import { type Html, html } from './html.js';

/**
 * The page shell: French, a skip link, the navigation for the actor's role. `head` adds a page's
 * own stylesheets and external scripts (no inline script, style block or style attribute: the CSP forbids them).
 */
export function page(
  title: string,
  actor: Actor | undefined,
  body: Html,
  csrf = '',
  head: Html = html``,
): string {
  const manager = actor && actor.role !== 'professional';
  return html`<!doctype html><html lang="fr"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><link rel="icon" href="data:,">
<title>${title} · gardeline</title><link rel="stylesheet" href="${ownAsset('gardeline.css')}">${head}</head><body>
<a href="#main" class="skip">Aller au contenu</a>
<header><a href="/">gardeline</a>${
    actor
      ? html`<nav class="nav-links" aria-label="Navigation principale"><a href="/rota">Planning</a>${actor.professionalId ? html`<a href="/me">Mes gardes</a>` : ''}${manager ? html`<a href="/swaps">Échanges</a><a href="/tableau">Tableau de garde</a><a href="/calls">Appels</a><a href="/callbacks">Rappels</a><a href="/history">Historique</a><a href="/reports/activity">Rapport ARS</a>` : ''}<a href="/professionals">Annuaire</a>${manager ? html`<a href="/accounts">Comptes</a>` : ''}<a href="/account">Mon compte</a><a href="/demo">Démo</a></nav>
<span class="who">${actor.name} (${roleLabel[actor.role]})</span><form class="m-0" method="post" action="/logout"><input type="hidden" name="_csrf" value="${csrf}"><button class="secondary" type="submit">Déconnexion</button></form>`
      : ''
  }</header><main id="main" tabindex="-1"><h1>${title}</h1>${body}</main></body></html>`.value;
}

/**
 * A table that scrolls sideways in its own box on a narrow screen, so the page itself never does.
 * The box is a labelled region a keyboard can focus (to scroll it with the arrow keys).
 */
export const scrollingTable = (label: string, table: Html): Html =>
  html`<div class="table-scroll" role="region" aria-label="${label}" tabindex="0">${table}</div>`;

/** A header cell read out to screen readers only (e.g. the column of row actions). */
export const hiddenHeader = (label: string): Html =>
  html`<th scope="col"><span class="visually-hidden">${label}</span></th>`;

const roleLabel = {
  admin: 'administration',
  manager: 'coordination',
  professional: 'professionnel',
} as const;
