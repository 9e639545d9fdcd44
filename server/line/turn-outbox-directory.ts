import { mkdir, open, readdir, readFile, rename, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import type { OutboxEntry, TurnOutbox } from './turn-outbox.js';
import { deadLetterDays, parseKept } from './turn-outbox.js';
import type { TurnWrites } from './turn-writes.js';

/**
 * The outbox of the embedded default (no Redis): one file per kept turn, named by when it is
 * due so a directory listing is the queue. A file is written under a temporary name, flushed
 * to disk, then renamed: after a kill it is either whole or absent. Dead letters move to dead/.
 */
export class DirectoryOutbox implements TurnOutbox {
  readonly kind = 'directory';
  private ready: Promise<unknown> | null = null;
  private replayingUntil = 0;

  constructor(private readonly dir: string) {}

  private async prepared(): Promise<void> {
    this.ready ??= mkdir(join(this.dir, 'dead'), { recursive: true });
    await this.ready;
  }

  private async write(name: string, content: string, sub = ''): Promise<void> {
    await this.prepared();
    const temporary = join(this.dir, sub, `.${name}.tmp`);
    const file = await open(temporary, 'w');
    try {
      await file.writeFile(content);
      await file.sync();
    } finally {
      await file.close();
    }
    await rename(temporary, join(this.dir, sub, name));
  }

  keep(writes: TurnWrites): Promise<void> {
    return this.write(nameOf(Date.now(), writes.key), JSON.stringify({ writes, tries: 0 }));
  }

  /** The kept files; none (and no directory made) before the first keep. */
  private async names(): Promise<string[]> {
    const names = await readdir(this.dir).catch((err: NodeJS.ErrnoException) => {
      if (err.code === 'ENOENT') return [] as string[];
      throw err;
    });
    return names.filter((n) => n.endsWith('.json'));
  }

  async due(limit: number, now: number): Promise<OutboxEntry[]> {
    const names = (await this.names())
      .filter((n) => dueOf(n) <= now)
      .sort()
      .slice(0, limit);
    const entries: OutboxEntry[] = [];
    for (const ref of names) {
      const text = await readFile(join(this.dir, ref), 'utf8').catch(() => null);
      if (text !== null) entries.push({ ref, ...parseKept(text) });
    }
    return entries;
  }

  async done(entry: OutboxEntry): Promise<void> {
    await unlink(join(this.dir, entry.ref)).catch(() => {});
  }

  async later(entry: OutboxEntry, dueAt: number): Promise<void> {
    const key = entry.writes?.key ?? entry.ref.slice(14, -5);
    await this.write(
      nameOf(dueAt, key),
      JSON.stringify({ writes: entry.writes, tries: entry.tries + 1 }),
    );
    await this.done(entry);
  }

  async deadLetter(entry: OutboxEntry, code: string): Promise<void> {
    await this.prepared();
    const letter = JSON.stringify({ code, tries: entry.tries, writes: entry.writes });
    await this.write(entry.ref, letter, 'dead');
    await this.done(entry);
    await this.pruneDead(Date.now() - deadLetterDays * 86_400_000);
  }

  /** Dead letters hold patient numbers: those older than the limit go. */
  private async pruneDead(before: number): Promise<void> {
    const dir = join(this.dir, 'dead');
    for (const name of await readdir(dir)) {
      const file = join(dir, name);
      if ((await stat(file)).mtimeMs < before) await unlink(file);
    }
  }

  async size(): Promise<number> {
    return (await this.names()).length;
  }

  /** One process owns a data directory (the embedded database's), so an in-process claim does. */
  async claimReplay(ms: number): Promise<boolean> {
    const now = Date.now();
    if (now < this.replayingUntil) return false;
    this.replayingUntil = now + ms;
    return true;
  }

  async releaseReplay(): Promise<void> {
    this.replayingUntil = 0;
  }
}

/** 13-digit due time, a dash, the key made safe for a file name. */
const nameOf = (dueAt: number, key: string) =>
  `${String(dueAt).padStart(13, '0')}-${key.replace(/[^A-Za-z0-9_-]/g, '_')}.json`;
const dueOf = (name: string) => Number(name.slice(0, 13));
