import { describe, expect, it } from 'vitest';
import { LineContextCache, type LineContext } from './line-context.js';

describe('LineContextCache.loadOnce', () => {
  it('a burst of calls on one number shares one load; the next burst loads again', async () => {
    const cache = new LineContextCache(0);
    let loads = 0;
    let release!: (v: LineContext | null) => void;
    const load = () => ((loads += 1), new Promise<LineContext | null>((r) => (release = r)));
    const burst = Array.from({ length: 50 }, () => cache.loadOnce('+33261910015', load));
    expect(loads).toBe(1);
    release(null);
    expect(await Promise.all(burst)).toEqual(Array(50).fill(null));
    void cache.loadOnce('+33261910015', load);
    expect(loads).toBe(2);
    release(null);
  });

  it('a failed load is not kept: the next call tries again', async () => {
    const cache = new LineContextCache(0);
    await expect(
      cache.loadOnce('+33261910015', () => Promise.reject(new Error('down'))),
    ).rejects.toThrow('down');
    await expect(cache.loadOnce('+33261910015', () => Promise.resolve(null))).resolves.toBeNull();
  });

  it('numbers do not share loads', () => {
    const cache = new LineContextCache(0);
    let loads = 0;
    const load = () => ((loads += 1), new Promise<LineContext | null>(() => {}));
    void cache.loadOnce('+33261910015', load);
    void cache.loadOnce('+33297000000', load);
    expect(loads).toBe(2);
  });
});
