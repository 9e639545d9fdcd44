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
  return html`<!doctype html><html lang="fr"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><link rel="icon" href="data:,">
<title>${title} · gardeline</title><link rel="stylesheet" href="${ownAsset('gardeline.css')}">${head}</head><body>
<a href="#main" class="skip">Aller au contenu</a>
<header><a href="/">gardeline</a>${
    actor
      ? html`${navigation(actor)}
<span class="who">${actor.name} (${roleLabel[actor.role]})</span><form class="m-0" method="post" action="/logout"><input type="hidden" name="_csrf" value="${csrf}"><button class="secondary" type="submit">Déconnexion</button></form>`
      : ''
  }</header><main id="main" tabindex="-1"><h1>${title}</h1>${body}</main></body></html>`.value;
}

interface NavLink {
  href: string;
  label: string;
}

/**
 * The links of the actor's role: the daily ones in the bar, the rest under « Plus » (a closed
 * <details>: out of the Tab order until opened, so a page's own actions stay a few Tabs away).
 */
function navLinks(actor: Actor): { daily: NavLink[]; more: NavLink[] } {
  const manager = actor.role !== 'professional';
  const own: NavLink[] = actor.professionalId
    ? [
        { href: '/me', label: 'Mes gardes' },
        { href: '/my-calls', label: 'Mes appels' },
      ]
    : [];
  const directory = { href: '/directory', label: 'Annuaire' };
  const always = [
    // The on-call professionals (tours de garde): also linked from the directory's page.
    { href: '/professionals', label: 'Professionnels de garde' },
    { href: '/account', label: 'Mon compte' },
    { href: '/demo', label: 'Démo' },
  ];
  const pro: NavLink[] = actor.professionalId
    ? [
        { href: '/consultations', label: 'Consultations' },
        { href: '/my-patients', label: 'Mes patients à l’hôpital' },
        { href: '/advice', label: 'Avis entre confrères' },
      ]
    : [];
  if (!manager)
    return {
      daily: [{ href: '/rota', label: 'Planning' }, ...own, directory],
      more: [...pro, ...always],
    };
  return {
    daily: [
      { href: '/rota', label: 'Planning' },
      { href: '/swaps', label: 'Échanges' },
      { href: '/calls', label: 'Appels' },
      { href: '/callbacks', label: 'Rappels' },
      directory,
    ],
    more: [
      ...own,
      ...pro,
      { href: '/tableau', label: 'Tableau de garde' },
      { href: '/hospital', label: 'Hôpital' },
      { href: '/reports/activity', label: 'Rapport ARS' },
      { href: '/history', label: 'Historique' },
      { href: '/accounts', label: 'Comptes' },
      ...always,
    ],
  };
}

function navigation(actor: Actor): Html {
  const { daily, more } = navLinks(actor);
  const link = (l: NavLink) => html`<a href="${l.href}">${l.label}</a>`;
  return html`<nav class="nav-links" aria-label="Navigation principale">${daily.map(link)}<details class="nav-more"><summary>Plus</summary><div class="nav-more-links">${more.map(link)}</div></details></nav>`;
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
