import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createConnection } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface Nginx {
  url: string;
  port: number;
  /**
   * Sends every request to these upstream ports only (the others marked `down`), or to all
   * again with null: a test decides which instance sees which webhook. Reloads nginx.
   */
  only(ports: number[] | null): Promise<void>;
  /** nginx's error log so far (a failing test shows why a request failed). */
  errors(): string;
  /** Every proxied request so far: which upstream answered, its status, and the request. */
  requests(): ProxiedRequest[];
  stop(): Promise<void>;
}

export interface ProxiedRequest {
  /** `127.0.0.1:port` of the instance(s) tried, in order (`a, b` when nginx passed it on). */
  upstreams: string[];
  status: number;
  path: string;
  /** The form body (Twilio's parameters), decoded. */
  params: URLSearchParams;
}

/** Debian's nginx binary: on PATH in CI (installed by .ci/run), or /usr/sbin. */
export function nginxBinary(): string {
  return existsSync('/usr/sbin/nginx') ? '/usr/sbin/nginx' : 'nginx';
}

/**
 * nginx in front of the given loopback ports, round-robin (no sticky sessions), as the
 * deployment recipe does: a refused connection or a timeout passes the request to the next
 * instance (`proxy_next_upstream error timeout`), so the webhooks of a killed instance reach the
 * other. Its own prefix, config and port; a foreground child process, never the system service.
 */
export async function startNginx(upstreamPorts: number[], port: number): Promise<Nginx> {
  const dir = mkdtempSync(join(tmpdir(), 'gl-nginx-'));
  for (const sub of ['body', 'proxy', 'fastcgi', 'uwsgi', 'scgi']) mkdirSync(join(dir, sub));
  const log = join(dir, 'access.log');
  const confPath = join(dir, 'nginx.conf');
  // As root (CI containers), nginx's workers would switch to `nobody`, who cannot write here.
  const user = process.getuid?.() === 0 ? 'user root root;' : '';
  const conf = (live: number[]) => `
daemon off;
${user}
worker_processes 1;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections 1024; }
http {
  log_format twilio escape=json '$upstream_addr\\t$status\\t$request_uri\\t$request_body';
  access_log ${log} twilio;
  client_body_temp_path ${dir}/body;
  proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;
  # max_fails=0: never mark an instance down. Two failures in a row (one instance restarting,
  # the other dropping a keep-alive connection as it drains) would otherwise leave "no live
  # upstreams" for fail_timeout; on loopback a refused connection costs nothing to retry.
  upstream gardeline {
${upstreamPorts.map((p) => `    server 127.0.0.1:${p} max_fails=0${live.includes(p) ? '' : ' down'};`).join('\n')}
    keepalive 16;
  }
  server {
    listen 127.0.0.1:${port};
    location / {
      proxy_pass http://gardeline;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host $http_host;
      proxy_set_header X-Forwarded-For $remote_addr;
      # A webhook whose instance died before answering goes to the other one too (POST
      # included): the service makes each webhook's effects idempotent, and a patient must never
      # hear Twilio's application error because one process was killed.
      proxy_next_upstream error timeout non_idempotent;
      proxy_connect_timeout 1s;
      proxy_read_timeout 14s;
    }
  }
}
`;
  writeFileSync(confPath, conf(upstreamPorts));
  const args = ['-p', dir, '-c', confPath, '-e', join(dir, 'error.log')];
  const child: ChildProcess = spawn(nginxBinary(), args, { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  let spawnError = '';
  child.once('error', (err) => {
    spawnError = `${nginxBinary()} could not be started (${err.message}): install Debian's nginx-light (.ci/run does)`;
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  await waitForPort(port, 5000, () => {
    const errors = existsSync(join(dir, 'error.log')) ? readFileSync(join(dir, 'error.log')) : '';
    if (spawnError) return spawnError;
    return child.exitCode !== null ? `nginx exited: ${stderr}${String(errors)}` : null;
  });
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    async only(ports) {
      writeFileSync(confPath, conf(ports ?? upstreamPorts));
      await new Promise<void>((resolve, reject) =>
        spawn(nginxBinary(), [...args, '-s', 'reload'], { stdio: 'ignore' }).once('exit', (code) =>
          code === 0 ? resolve() : reject(new Error(`nginx -s reload exited ${code}`)),
        ),
      );
      // The master starts a new worker on the new configuration and lets the old one finish its
      // requests and keep-alive connections: until it has exited, a webhook on one of those may
      // still go to an instance the test took out. Wait for that, not for a fixed time.
      await oldWorkersGone(child.pid!);
    },
    errors: () =>
      existsSync(join(dir, 'error.log')) ? readFileSync(join(dir, 'error.log'), 'utf8') : '',
    requests: () => parseLog(existsSync(log) ? readFileSync(log, 'utf8') : ''),
    async stop() {
      if (child.exitCode === null) child.kill('SIGQUIT');
      await exited;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Resolves once nginx's master has exactly one worker and none is shutting down (5 s at most). */
async function oldWorkersGone(masterPid: number): Promise<void> {
  const deadline = Date.now() + 5000;
  while (Date.now() < deadline) {
    const workers = await new Promise<string[]>((resolve) => {
      let out = '';
      const ps = spawn('ps', ['-o', 'args=', '--ppid', String(masterPid)]);
      ps.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
      ps.once('close', () => resolve(out.split('\n').filter((l) => l.includes('nginx'))));
      ps.once('error', () => resolve([]));
    });
    if (workers.length === 1 && !workers[0]!.includes('shutting down')) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  // The new worker has just been forked: let it open its listening socket.
  await new Promise((r) => setTimeout(r, 100));
}

function parseLog(text: string): ProxiedRequest[] {
  return text
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      const [upstream = '', status = '0', uri = '', body = ''] = line.split('\t');
      return {
        upstreams: upstream.split(', ').filter((u) => u && u !== '-'),
        status: Number(status),
        path: uri.split('?')[0]!,
        params: new URLSearchParams(JSON.parse(`"${body}"`) as string),
      };
    });
}

/** Resolves once something accepts connections on the port; rejects if `failed()` says why not. */
export async function waitForPort(
  port: number,
  timeoutMs: number,
  failed: () => string | null = () => null,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const open = await new Promise<boolean>((resolve) => {
      const socket = createConnection({ port, host: '127.0.0.1' });
      socket.once('connect', () => (socket.destroy(), resolve(true)));
      socket.once('error', () => resolve(false));
    });
    if (open) return;
    const why = failed();
    if (why) throw new Error(why);
    if (Date.now() > deadline)
      throw new Error(`nothing listens on port ${port} after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
