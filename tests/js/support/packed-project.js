// A partner's project for the bundler tests: `npm pack` of this repository's build, installed offline into a
// new temporary project. ltgs-checkout comes from the tarball; the tools a partner would install beside it
// (express, better-sqlite3, esbuild, vite) are linked from this repository's node_modules, so that no
// registry is needed. The bundlers run through their command lines, as the docs tell a partner to.
'use strict';

const { spawnSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');

const ROOT = path.resolve(__dirname, '..', '..', '..');
const DIST = path.join(ROOT, 'dist');
const SHIPPED = ['ltgs-checkout.js', 'ltgs-checkout.wasm', 'ltgs-checkout.single.js', 'ltgs-checkout.mjs', 'ltgs-checkout.inline.mjs'];

// npm run-script exports npm_config_* (prefix, cache, …) to the test process: a child npm must not
// inherit them, or it could install into this repository instead of the temporary project.
function cleanEnv(extra = {}) {
  const env = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (!/^npm_/i.test(k) && k !== 'INIT_CWD' && k !== 'NODE_OPTIONS') env[k] = v;
  }
  return { ...env, ...extra };
}

function run(cmd, args, { cwd, env } = {}) {
  const r = spawnSync(cmd, args, { cwd, env: cleanEnv(env), encoding: 'utf8', timeout: 180_000 });
  if (r.error) throw r.error;
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} exited with ${r.status}\n${r.stdout}\n${r.stderr}`);
  return r;
}

// { tmp, project, installed, cleanup() }: the tarball installed into `project`, the tools linked beside it.
function packedProject(prefix, { link = ['esbuild', 'vite'] } = {}) {
  const missing = SHIPPED.filter((name) => !fs.existsSync(path.join(DIST, name)));
  if (missing.length) throw new Error(`dist/ lacks ${missing.join(', ')}: run npm run build (build:wasm, then build:web) first`);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  try {
    const packDir = path.join(tmp, 'pack');
    fs.mkdirSync(packDir);
    const packed = JSON.parse(run('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', packDir], { cwd: ROOT }).stdout);
    const tarball = path.join(packDir, packed[0].filename);
    const project = path.join(tmp, 'project');
    fs.mkdirSync(project);
    fs.writeFileSync(path.join(project, 'package.json'),
      JSON.stringify({ name: 'partner-shop', version: '0.0.0', private: true }, null, 2));
    run('npm', ['install', '--offline', '--no-audit', '--no-fund', tarball], { cwd: project });
    for (const name of link) {
      const from = path.join(ROOT, 'node_modules', name);
      if (!fs.existsSync(from)) throw new Error(`node_modules/${name} is missing: npm install`);
      fs.symlinkSync(from, path.join(project, 'node_modules', name), 'dir');
    }
    const installed = path.join(project, 'node_modules', 'ltgs-checkout');
    if (fs.lstatSync(installed).isSymbolicLink()) throw new Error('ltgs-checkout was linked, not installed from the tarball');
    return { tmp, project, tarball, installed, cleanup: () => fs.rmSync(tmp, { recursive: true, force: true }) };
  } catch (err) {
    fs.rmSync(tmp, { recursive: true, force: true });
    throw err;
  }
}

// `esbuild <entry> --bundle --outfile=<outfile> …` in the project: { stdout, stderr } (its log is on stderr).
function esbuild(project, entry, outfile, args = []) {
  return run(path.join(project, 'node_modules', 'esbuild', 'bin', 'esbuild'), [entry, '--bundle', `--outfile=${outfile}`,
    '--log-level=warning', ...args], { cwd: project });
}

// `vite build` in the project (its index.html at the root): { stdout, stderr }.
function viteBuild(project, args = []) {
  return run(process.execPath, [path.join(project, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', ...args],
    { cwd: project, env: { NO_COLOR: '1' } });
}

function write(file, text) {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
}

module.exports = { ROOT, DIST, packedProject, esbuild, viteBuild, write, run, cleanEnv };
