import { Redis } from 'ioredis';
import {
  defaultLeases,
  type Bridge,
  type LiveCallLeases,
  type LiveCalls,
  type Reach,
} from './call-state.js';

/**
 * A claim, atomically: refused when the call has ended or the professional is bridged to another
 * call; otherwise the bridge (with its lease), the call → professionals indexes of both legs, and
 * the list of bridges the reconciler walks.
 * KEYS: bridge of the pro, ended flag of the call, index of the call, index of the leg, bridge list.
 * ARGV: bridge JSON, call sid, lease ms, pro id, since ms.
 */
const claimScript = `
if redis.call('EXISTS', KEYS[2]) == 1 then return 0 end
local current = redis.call('GET', KEYS[1])
if current and cjson.decode(current).callSid ~= ARGV[2] then return 0 end
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[3])
for i = 3, 4 do
  redis.call('SADD', KEYS[i], ARGV[4])
  redis.call('PEXPIRE', KEYS[i], ARGV[3])
end
redis.call('ZADD', KEYS[5], ARGV[5], ARGV[4])
redis.call('PEXPIRE', KEYS[5], ARGV[3])
return 1
`;

/**
 * A call ended: mark it, and free each professional bridged through it (patient call or leg),
 * once: only the instance whose script deleted the bridge sees them freed.
 * KEYS: ended flag, index of the call, bridge list. ARGV: sid, ended lease ms, bridge key prefix.
 */
const endScript = `
redis.call('SET', KEYS[1], '1', 'PX', ARGV[2])
local freed = {}
for _, pro in ipairs(redis.call('SMEMBERS', KEYS[2])) do
  local key = ARGV[3] .. pro
  local current = redis.call('GET', key)
  if current then
    local bridge = cjson.decode(current)
    if bridge.callSid == ARGV[1] or bridge.legSid == ARGV[1] then
      redis.call('DEL', key)
      redis.call('ZREM', KEYS[3], pro)
      table.insert(freed, pro)
    end
  end
end
redis.call('DEL', KEYS[2])
return freed
`;

export interface RedisLiveCallsOptions {
  /** Key prefix: the deployment's queue prefix, so that two deployments can share one Redis. */
  prefix: string;
  leases?: LiveCallLeases;
  /** Each Redis command gives up after this long: a Redis hang never holds a webhook longer. */
  commandTimeoutMs?: number;
}

/**
 * Live-call facts in Redis (production: the queues' Redis, on a connection of its own with its
 * own command timeout). Every key is prefixed and has a TTL; claims are Lua scripts, so two
 * instances never bridge one professional to two patients.
 */
export class RedisLiveCalls implements LiveCalls {
  private readonly redis: Redis;
  private readonly leases: LiveCallLeases;
  private readonly k: (kind: string, id?: string) => string;

  constructor(url: string, options: RedisLiveCallsOptions) {
    this.leases = options.leases ?? defaultLeases;
    const base = `${options.prefix}:live`;
    this.k = (kind, id) => (id === undefined ? `${base}:${kind}` : `${base}:${kind}:${id}`);
    this.redis = new Redis(url, {
      commandTimeout: options.commandTimeoutMs ?? 1000,
      maxRetriesPerRequest: 1,
      connectTimeout: 2000,
      // Many calls at once each ask one small question (is the doctor busy?): sent together in
      // one write per tick instead of one syscall each.
      enableAutoPipelining: true,
    });
    // Errors reach each command's caller; the connection retries by itself.
    this.redis.on('error', () => {});
  }

  async accept(callSid: string, attempt: number): Promise<void> {
    await this.redis.set(
      this.k('accepted', `${callSid}:${attempt}`),
      '1',
      'PX',
      this.leases.acceptedMs,
    );
  }

  async wasAccepted(callSid: string, attempt: number): Promise<boolean> {
    return (await this.redis.exists(this.k('accepted', `${callSid}:${attempt}`))) === 1;
  }

  async bridge(claim: Omit<Bridge, 'since'>, reach: Reach | null): Promise<boolean> {
    const since = Date.now();
    const bridge: Bridge = { ...claim, since };
    const leg = claim.legSid ?? claim.callSid;
    const claimed = await this.redis.eval(
      claimScript,
      5,
      this.k('bridge', claim.professionalId),
      this.k('ended', claim.callSid),
      this.k('call', claim.callSid),
      this.k('call', leg),
      this.k('bridges'),
      JSON.stringify(bridge),
      claim.callSid,
      String(this.leases.bridgeMs),
      claim.professionalId,
      String(since),
    );
    if (claimed !== 1) return false;
    if (reach) {
      const key = this.k('reach', claim.professionalId);
      await this.redis.set(key, JSON.stringify(reach), 'PX', this.leases.reachMs);
    }
    return true;
  }

  async isBusy(professionalId: string | null | undefined): Promise<boolean> {
    if (!professionalId) return false;
    return (await this.redis.exists(this.k('bridge', professionalId))) === 1;
  }

  async reachOf(professionalId: string): Promise<Reach | null> {
    const raw = await this.redis.get(this.k('reach', professionalId));
    return raw ? (JSON.parse(raw) as Reach) : null;
  }

  async callEnded(callSid: string): Promise<string[]> {
    const freed = await this.redis.eval(
      endScript,
      3,
      this.k('ended', callSid),
      this.k('call', callSid),
      this.k('bridges'),
      callSid,
      String(this.leases.endedMs),
      `${this.k('bridge')}:`,
    );
    return (freed as string[] | null) ?? [];
  }

  async bridges(): Promise<Bridge[]> {
    const pros = await this.redis.zrange(this.k('bridges'), 0, -1);
    if (pros.length === 0) return [];
    const values = await this.redis.mget(pros.map((pro) => this.k('bridge', pro)));
    const gone = pros.filter((_, i) => values[i] === null);
    // Bridges that expired leave their name in the list: drop it.
    if (gone.length > 0) await this.redis.zrem(this.k('bridges'), ...gone);
    return values.filter((v): v is string => v !== null).map((v) => JSON.parse(v) as Bridge);
  }

  async sweep(): Promise<void> {
    await this.bridges();
  }

  async close(): Promise<void> {
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}
