// Fails at once, with one line naming the variable to set, when PostgreSQL or Redis cannot be reached.
import net from 'node:net';

const targets = [
  ['DATABASE_URL', process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/aerostic', 5432],
  ['REDIS_URL', process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', 6379],
];

function reachable(host, port) {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port, timeout: 2000 });
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => (socket.destroy(), resolve(false)));
  });
}

let failed = false;
for (const [name, value, defaultPort] of targets) {
  const url = new URL(value);
  const host = url.hostname.replace(/^\[|\]$/g, '') || '127.0.0.1';
  const port = Number(url.port || defaultPort);
  if (!(await reachable(host, port))) {
    // The host and port only: the URL may carry a password.
    console.error(`Cannot reach ${host}:${port}; start the server or set ${name}.`);
    failed = true;
  }
}
process.exit(failed ? 1 : 0);
