import { describe, expect, it } from 'vitest';
import { parseSmsCommand } from './sms-commands.js';

describe('parseSmsCommand', () => {
  it.each([
    ['STOP', { kind: 'stop' }],
    [' stop ', { kind: 'stop' }],
    ['Arrêt', { kind: 'stop' }],
    ['START', { kind: 'start' }],
    ['1', { kind: 'follow_up_reply', better: true }],
    [' 2.', { kind: 'follow_up_reply', better: false }],
    ['ECHANGE 14/03', { kind: 'swap_offer', day: 14, month: 3 }],
    ['échange 4-11', { kind: 'swap_offer', day: 4, month: 11 }],
    ['ECHANGE 32/03', { kind: 'unknown' }],
    ['oui 4821', { kind: 'swap_take', code: '4821' }],
    ['OUI', { kind: 'unknown' }],
    ['ANNULER', { kind: 'cancel_consultation' }],
    [' annuler svp ', { kind: 'cancel_consultation' }],
    ['Annulation.', { kind: 'cancel_consultation' }],
    ['annuler le rdv', { kind: 'cancel_consultation' }],
    ['ANNULERA', { kind: 'unknown' }],
    ['je veux pas annuler', { kind: 'unknown' }],
    ['bonjour, j’ai de la fièvre', { kind: 'unknown' }],
    ['', { kind: 'unknown' }],
  ])('%j → %j', (body, expected) => {
    expect(parseSmsCommand(body)).toEqual(expected);
  });
});
