import type { Actor } from '../access/actor.js';
import { Html, html } from './html.js';

const styles = `
:root{--ink:#1b1f24;--muted:#4b5563;--line:#d0d7de;--bg:#f6f8fa;--accent:#0b5cad;--gap:#b42318;--gapbg:#fdecea;--l1:#0b5cad;--l2:#6b4fbb;--l3:#0f766e;--hol:#8a4b00}
*{box-sizing:border-box}body{margin:0;font:16px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--ink);background:#fff}
header{background:var(--accent);color:#fff;padding:.6rem 1rem;display:flex;flex-wrap:wrap;gap:1rem;align-items:center}
header a{color:#fff;text-decoration:none;font-weight:600}header a:focus,header a:hover{text-decoration:underline}
header .who{margin-left:auto;font-size:.9rem}main{padding:1rem;max-width:1200px;margin:0 auto}
h1{font-size:1.4rem}table{border-collapse:collapse;width:100%}th,td{border:1px solid var(--line);padding:.35rem .5rem;text-align:left;vertical-align:top}
th{background:var(--bg)}
.gap{border-left:4px solid var(--gap);background:var(--gapbg);color:var(--gap);font-weight:600}.holiday{color:var(--hol);font-weight:600}
button,.button{background:var(--accent);color:#fff;border:0;border-radius:4px;padding:.4rem .8rem;font:inherit;cursor:pointer}button.secondary{background:#57606a}
input,select{font:inherit;padding:.3rem;border:1px solid #8c959f;border-radius:4px}label{display:block;margin:.5rem 0 .2rem;font-weight:600}
.card{border:1px solid var(--line);border-radius:6px;padding:1rem;margin:.5rem 0}.cards{display:grid;grid-template-columns:repeat(auto-fit,minmax(260px,1fr));gap:1rem}
.error{color:var(--gap);font-weight:600}.muted{color:var(--muted)}svg text{font-size:11px;fill:var(--ink)}
@media (max-width:700px){main{padding:.5rem}}
`;

/**
 * The page shell: French, a skip link, the navigation for the actor's role. `head` adds a page's
 * own stylesheets and external scripts (no inline scripts: a CSP may forbid them later).
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
<title>${title} · gardeline</title><style>${new Html(styles)}</style>${head}</head><body>
<a href="#main" class="skip" style="position:absolute;left:-999px">Aller au contenu</a>
<header><a href="/">gardeline</a>${
    actor
      ? html`<nav aria-label="Navigation principale" style="display:flex;gap:1rem;flex-wrap:wrap"><a href="/rota">Planning</a>${actor.professionalId ? html`<a href="/me">Mes gardes</a>` : ''}${manager ? html`<a href="/swaps">Échanges</a><a href="/calls">Appels</a><a href="/callbacks">Rappels</a>` : ''}<a href="/professionals">Annuaire</a>${manager ? html`<a href="/accounts">Comptes</a>` : ''}<a href="/account">Mon compte</a><a href="/demo">Démo</a></nav>
<span class="who">${actor.name} (${roleLabel[actor.role]})</span><form method="post" action="/logout" style="margin:0"><input type="hidden" name="_csrf" value="${csrf}"><button class="secondary" type="submit">Déconnexion</button></form>`
      : ''
  }</header><main id="main"><h1>${title}</h1>${body}</main></body></html>`.value;
}

const roleLabel = {
  admin: 'administration',
  manager: 'coordination',
  professional: 'professionnel',
} as const;
