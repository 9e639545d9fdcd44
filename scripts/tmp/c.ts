import { loadConfig } from '../../server/config.js';
try { loadConfig({ PORT: 'abc', DATABASE_URL: 'nonsense', LOG_LEVEL: 'loud' }); } catch (e) { console.log((e as any).problems); }
