export * from './territory.js';
export * from './rota.js';
export * from './calls.js';
export * from './access.js';
export * from './settings.js';
export * from './live-calls.js';
export * from './swap-attempts.js';
export * from './notices.js';
