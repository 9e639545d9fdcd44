import { html, type Html } from '../../web/html.js';
import { scrollingTable } from '../../web/layout.js';
import { directoryMaxPage, directoryPageSize, type DirectorySearch } from './schema.js';
import {
  entryCommunes,
  entryName,
  entryTrade,
  goneMark,
  telLink,
  type EntryShown,
} from './view-parts.js';

export interface SearchView {
  /** The search as typed (strings), to show it back; null values: no filter. */
  search: Pick<DirectorySearch, 'q' | 'gone' | 'page'> & {
    profession?: string | undefined;
    specialty?: string | undefined;
    commune?: string | undefined;
  };
  total: number;
  entries: EntryShown[];
  professions: { code: string; label: string }[];
  specialties: { code: string; label: string }[];
  communes: { code: string; name: string }[];
  /** The actor has an entry of their own to edit. */
  hasOwnEntry: boolean;
  /** The refusal of a bad search (a page past the last one, a bad code). */
  error?: string;
}

const option = (value: string, label: string, current?: string) =>
  html`<option value="${value}"${value === (current ?? '') ? html` selected` : ''}>${label}</option>`;

/** The address of another page of the same search. */
function pageLink(s: SearchView['search'], page: number): string {
  const query = new URLSearchParams();
  if (s.q) query.set('q', s.q);
  if (s.profession) query.set('profession', s.profession);
  if (s.specialty) query.set('specialty', s.specialty);
  if (s.commune) query.set('commune', s.commune);
  if (s.gone) query.set('gone', '1');
  if (page > 1) query.set('page', String(page));
  const text = query.toString();
  return text ? `/directory?${text}` : '/directory';
}

/** The search page: the box, the filters, the results (25 a page, by name), the pages. */
export function searchBody(v: SearchView): Html {
  const s = v.search;
  const form = html`<form method="get" action="/directory" class="directory-search" role="search" aria-label="Rechercher dans l’annuaire">
<div class="directory-search-box"><label for="d-q">Nom, profession, spécialité, commune ou structure</label><input id="d-q" name="q" type="search" value="${s.q}" maxlength="120" autocomplete="off"></div>
<div><label for="d-profession">Profession</label><select id="d-profession" name="profession">${option('', 'toutes', s.profession)}${v.professions.map((p) => option(p.code, p.label, s.profession))}</select></div>
<div><label for="d-specialty">Spécialité</label><select id="d-specialty" name="specialty">${option('', 'toutes', s.specialty)}${v.specialties.map((p) => option(p.code, p.label, s.specialty))}</select></div>
<div><label for="d-commune">Commune</label><select id="d-commune" name="commune">${option('', 'toutes', s.commune)}${v.communes.map((c) => option(c.code, c.name, s.commune))}</select></div>
<label class="choice"><input type="checkbox" name="gone" value="1"${s.gone ? html` checked` : ''}> Afficher aussi qui n’exerce plus</label>
<p><button type="submit">Rechercher</button></p></form>`;
  const pages = Math.min(directoryMaxPage, Math.ceil(v.total / directoryPageSize));
  const first = (s.page - 1) * directoryPageSize + 1;
  const count =
    v.total === 0
      ? html`<p role="status">Aucun résultat. Essayez un autre mot ou retirez un filtre.</p>`
      : html`<p role="status">${v.total} résultat(s)${pages > 1 ? html`, ${first}–${first + v.entries.length - 1} affichés` : ''}.</p>`;
  const rows = v.entries.map(
    (e) =>
      html`<tr${e.goneAt ? html` class="directory-gone-row"` : ''}><td><a href="/directory/entries/${e.id}">${entryName(e)}</a>${e.mine ? html` <span class="muted">(vous)</span>` : ''}${e.goneAt ? html` ${goneMark}` : ''}</td><td>${entryTrade(e)}</td><td>${entryCommunes(e)}</td><td>${telLink(e.directLine)}</td></tr>`,
  );
  const table = scrollingTable(
    'Résultats de l’annuaire',
    html`<table><thead><tr><th scope="col">Nom</th><th scope="col">Profession</th><th scope="col">Commune</th><th scope="col">Ligne directe</th></tr></thead><tbody>${rows}</tbody></table>`,
  );
  const pager =
    pages > 1
      ? html`<nav class="pager" aria-label="Pages de résultats">${s.page > 1 ? html`<a href="${pageLink(s, s.page - 1)}" rel="prev">Page précédente</a>` : ''} <span>Page ${s.page} sur ${pages}</span> ${s.page < pages ? html`<a href="${pageLink(s, s.page + 1)}" rel="next">Page suivante</a>` : ''}</nav>`
      : '';
  const more =
    v.total > directoryMaxPage * directoryPageSize
      ? html`<p class="muted">Seules les ${directoryMaxPage * directoryPageSize} premières personnes sont parcourables : précisez la recherche.</p>`
      : '';
  // The on-call professionals (tours de garde) have their own list, reached from here: the nav
  // keeps one « Annuaire » entry.
  return html`<p class="directory-links">${v.hasOwnEntry ? html`<a class="button" href="/directory/me">Ma fiche</a> ` : ''}<a href="/professionals">Professionnels de garde (tours de garde)</a></p>
${form}${v.error ? html`<p class="error" role="alert">${v.error}</p>` : ''}
${count}${v.entries.length ? table : ''}${pager}${more}
<p class="muted">Les lignes directes, mobiles et adresses MSSanté sont réservées aux professionnels et à la coordination du territoire.</p>`;
}
