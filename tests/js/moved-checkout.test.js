// A built checkout copied or moved elsewhere still builds: the build scripts notice a CMake cache
// configured for another source tree and configure afresh instead of failing on it.
'use strict';

const { spawnSync } = require('child_process');
const fs = require('fs');
const path = require('path');

const ROOT = path.resolve(__dirname, '..', '..');
const SCRIPT = path.join(ROOT, 'scripts', 'forget-moved-cache.sh');
const DIR = path.join('build', `moved-cache-test-${process.pid}`);

afterEach(() => fs.rmSync(path.join(ROOT, DIR), { recursive: true, force: true }));

function cacheFor(home) {
  fs.mkdirSync(path.join(ROOT, DIR), { recursive: true });
  fs.writeFileSync(path.join(ROOT, DIR, 'CMakeCache.txt'), `# a CMake cache\nCMAKE_HOME_DIRECTORY:INTERNAL=${home}\n`);
  fs.writeFileSync(path.join(ROOT, DIR, 'build.ninja'), '');
}

test('a cache configured for another source tree is removed', () => {
  cacheFor('/somewhere/else/ltgs-checkout');
  const r = spawnSync('sh', [SCRIPT, DIR], { encoding: 'utf8' });
  expect(r.status).toBe(0);
  expect(r.stderr).toContain('configuring afresh');
  expect(fs.existsSync(path.join(ROOT, DIR))).toBe(false);
});

test('a cache for this tree, or no cache, is left alone', () => {
  cacheFor(ROOT);
  expect(spawnSync('sh', [SCRIPT, DIR]).status).toBe(0);
  expect(fs.existsSync(path.join(ROOT, DIR, 'build.ninja'))).toBe(true);
  expect(spawnSync('sh', [SCRIPT, path.join('build', 'no-such-dir')]).status).toBe(0);
});

test('every build script runs it before CMake', () => {
  const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
  for (const name of ['build:native', 'build:wasm']) expect(pkg.scripts[name]).toMatch(/^sh scripts\/forget-moved-cache\.sh build\//);
  for (const file of ['test-asan.sh', 'fuzz.sh']) {
    expect(fs.readFileSync(path.join(ROOT, 'scripts', file), 'utf8')).toMatch(/forget-moved-cache\.sh .*\n.*cmake -S/);
  }
});
