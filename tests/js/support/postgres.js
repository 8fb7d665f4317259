// A throw-away PostgreSQL server for tests, from Debian's packages: initdb into a temporary directory,
// started on a free port on 127.0.0.1 as the postgres user (the server refuses to run as root), trust
// authentication for loopback, stopped and removed by stop(). Never touches a system cluster.
'use strict';

const { execFileSync, spawnSync } = require('child_process');
const fs = require('fs');
const net = require('net');
const os = require('os');
const path = require('path');

function binDir() {
  const root = '/usr/lib/postgresql';
  if (!fs.existsSync(root)) return null;
  const versions = fs.readdirSync(root).filter((v) => fs.existsSync(path.join(root, v, 'bin', 'initdb'))).sort();
  return versions.length ? path.join(root, versions[versions.length - 1], 'bin') : null;
}

function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

// Why PostgreSQL cannot run here, or null when it can.
function unavailableReason() {
  if (!binDir()) return 'PostgreSQL server binaries are not installed (npm run setup installs the postgresql package)';
  if (process.getuid && process.getuid() === 0 && spawnSync('id', ['-u', 'postgres']).status !== 0) {
    return 'there is no postgres user to run the server as';
  }
  return null;
}

async function startPostgres() {
  const bin = binDir();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ltgs-pg-'));
  fs.chmodSync(dir, 0o755);
  const asRoot = process.getuid && process.getuid() === 0;
  const run = (cmd, args) => (asRoot
    ? execFileSync('runuser', ['-u', 'postgres', '--', path.join(bin, cmd), ...args], { stdio: 'pipe' })
    : execFileSync(path.join(bin, cmd), args, { stdio: 'pipe' }));
  if (asRoot) execFileSync('chown', ['postgres:postgres', dir]);
  const data = path.join(dir, 'data');
  run('initdb', ['-D', data, '-A', 'trust', '-U', 'ltgs', '--no-sync']);
  const port = await freePort();
  run('pg_ctl', ['-D', data, '-l', path.join(dir, 'log'), '-w', '-o',
    `-k ${dir} -c listen_addresses=127.0.0.1 -p ${port} -c fsync=off -c max_connections=100`, 'start']);
  return {
    connectionString: `postgres://ltgs@127.0.0.1:${port}/postgres`,
    port,
    stop() {
      try {
        run('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

module.exports = { startPostgres, unavailableReason };
