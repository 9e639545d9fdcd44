import { createReadStream } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import { BlockList, isIP } from 'node:net';
import { join, resolve, sep } from 'node:path';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import type { Config } from '../../platform/config.js';
import type { ExtractionSource } from '../../../db/schema/directory-imports.js';
import { ExtractionError } from './layout.js';

/** The extraction shipped with the service (tests, demo): always importable by path. */
export const fixturesDir = fileURLToPath(new URL('./fixtures/', import.meta.url));

/**
 * The only directories an import reads files from. A path from a request is read by the worker
 * with the service's own rights: left free, a manager could have it open any file the service
 * can (configuration, keys) and learn from the report or the error whether it exists and what
 * it looks like. A manager with a file elsewhere gives a URL, or an operator drops it here.
 */
export const importDirs = (config: Pick<Config, 'DIRECTORY_IMPORT_DIR' | 'DATA_DIR'>) => [
  resolve(config.DIRECTORY_IMPORT_DIR ?? join(config.DATA_DIR, 'imports')),
  resolve(fixturesDir),
];

/**
 * The real path of `path` if it is an existing file inside one of `dirs` (symbolic links
 * resolved first, so a link cannot lead out); otherwise a reason, in words.
 */
export async function allowedFile(
  path: string,
  dirs: string[],
): Promise<{ path: string } | { refused: string }> {
  const candidates = dirs.map((dir) => resolve(dir, path));
  for (const candidate of candidates) {
    const real = await realpath(candidate).catch(() => null);
    const info = real ? await stat(real).catch(() => null) : null;
    if (!real || !info?.isFile()) continue;
    const roots = await Promise.all(dirs.map((d) => realpath(d).catch(() => d)));
    if (roots.some((root) => real.startsWith(root + sep))) return { path: real };
    return {
      refused: 'fichier hors des dossiers d’import autorisés. File outside the import directories.',
    };
  }
  return { refused: 'fichier introuvable. File not found.' };
}

const internal = new BlockList();
for (const [net, bits] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.168.0.0', 16],
] as const)
  internal.addSubnet(net, bits, 'ipv4');
internal.addSubnet('::1', 128, 'ipv6');
internal.addSubnet('fc00::', 7, 'ipv6');
internal.addSubnet('fe80::', 10, 'ipv6');

/**
 * Is `url` aimed at the service's own network (loopback, private ranges, localhost)? In
 * production such a URL is refused: the worker would fetch it from inside, and the run's error
 * (an HTTP status, a refused connection) would tell a manager what answers there. Names are not
 * resolved: this stops the plain case, not a DNS name pointed inside.
 */
export function internalUrl(url: string): boolean {
  const host = new URL(url).hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (host === 'localhost' || host.endsWith('.localhost')) return true;
  const family = isIP(host);
  if (family === 0) return false;
  const mapped = host.match(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/);
  if (mapped) return internal.check(mapped[1]!, 'ipv4');
  return internal.check(host, family === 4 ? 'ipv4' : 'ipv6');
}

/** Opens an extraction as a byte stream: a file (checked again here) or an http(s) URL, streamed. */
export async function openExtraction(source: ExtractionSource, dirs: string[]): Promise<Readable> {
  if ('path' in source) {
    const allowed = await allowedFile(source.path, dirs);
    if ('refused' in allowed) throw new ExtractionError(allowed.refused);
    return createReadStream(allowed.path, { highWaterMark: 256 * 1024 });
  }
  const response = await fetch(source.url, { signal: AbortSignal.timeout(30 * 60_000) }).catch(
    (err: unknown) => {
      throw new ExtractionError(`téléchargement impossible (${(err as Error).message})`);
    },
  );
  if (!response.ok || !response.body)
    throw new ExtractionError(`téléchargement refusé : HTTP ${response.status}`);
  return Readable.fromWeb(response.body as import('node:stream/web').ReadableStream);
}
