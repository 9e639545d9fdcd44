/** The ceiling of the webhook benchmarks: a bare express route answering constant TwiML, in its own process. */
import express from 'express';

const twiml =
  '<?xml version="1.0" encoding="UTF-8"?><Response><Say language="fr-FR">Bonjour</Say><Gather numDigits="1" action="/x"><Say>Tapez 1</Say></Gather></Response>';
const app = express();
app.use(express.urlencoded({ extended: false }));
app.post('/twilio/voice', (_req, res) => res.type('text/xml').send(twiml));
const server = app.listen(0, '127.0.0.1', () =>
  console.log((server.address() as { port: number }).port),
);
process.on('SIGTERM', () => process.exit(0));
