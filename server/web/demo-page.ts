import { Router } from 'express';
import { csrfToken } from '../access/middleware.js';
import type { AppDeps } from '../platform/deps.js';
import { html } from './html.js';
import { page } from './layout.js';
import { callStatusLabels, smsStatusLabels, statusLabel } from '../dashboard/catalogue-fr.js';

interface EmulatorState {
  calls: {
    sid: string;
    from: string;
    to: string;
    status: string;
    createdAt: string;
    transcript: string[];
  }[];
  messages: {
    sid: string;
    from: string;
    to: string;
    body: string;
    status: string;
    createdAt: string;
  }[];
}

/** On the embedded default: what the service sent through the local Twilio emulator, so a demo needs no phone. */
export function demoPage(deps: AppDeps): Router {
  const router = Router();
  router.get('/demo', async (req, res) => {
    const actor = req.actor!;
    const url = deps.emulatorUrl;
    let state: EmulatorState | null = null;
    if (url)
      state = (await fetch(`${url}/_emulator/state`)
        .then((r) => r.json())
        .catch(() => null)) as EmulatorState | null;
    const body = !state
      ? html`<p>Cette page montre les appels et SMS passés par l'émulateur Twilio local : elle n'est active qu'avec <code>npm start</code> sans <code>TWILIO_API_URL</code>.</p>`
      : html`<p>Appelez la ligne depuis un terminal : <code>npm run call</code>. Rechargez cette page pour voir ce qui a été envoyé.</p>
<h2 class="fs-110">SMS (${state.messages.length})</h2><table><thead><tr><th>Date</th><th>De</th><th>À</th><th>Message</th><th>État</th></tr></thead><tbody>
${[...state.messages]
  .reverse()
  .slice(0, 100)
  .map(
    (m) =>
      html`<tr><td>${new Date(m.createdAt).toLocaleString('fr-FR', { timeZone: 'Europe/Paris' })}</td><td>${m.from}</td><td>${m.to}</td><td>${m.body}</td><td>${statusLabel(smsStatusLabels, m.status)}</td></tr>`,
  )}</tbody></table>
<h2 class="fs-110">Appels (${state.calls.length})</h2><table><thead><tr><th>Date</th><th>De</th><th>À</th><th>État</th><th>Entendu</th></tr></thead><tbody>
${[...state.calls]
  .reverse()
  .slice(0, 50)
  .map(
    (c) =>
      html`<tr><td>${new Date(c.createdAt).toLocaleString('fr-FR', { timeZone: 'Europe/Paris' })}</td><td>${c.from}</td><td>${c.to}</td><td>${statusLabel(callStatusLabels, c.status)}</td><td><details><summary>${c.transcript.length} ligne(s)</summary><ol>${c.transcript.map((l) => html`<li>${l}</li>`)}</ol></details></td></tr>`,
  )}</tbody></table>`;
    res.type('html').send(page('Démo : téléphone local', actor, body, csrfToken(req)));
  });
  return router;
}
