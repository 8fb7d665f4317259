// The README's "Layout" section against the tree: every folder it lists exists, every top-level folder and
// every folder under web/ that holds files of the repository is listed, and what it says ships where agrees
// with each web/ folder's own README and with the npm package's files. And what ships (web/widget/,
// web/partner/) imports nothing from the folders beside it.
//
// "The repository" is what a commit of this working tree would hold: tracked files that still exist, plus
// new files Git does not ignore (as in links.test.js).
'use strict';

const { spawnSync } = require('child_process');
const fs = require('fs');
const path = require('path');

const ROOT = path.resolve(__dirname, '..', '..');
const README = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
const SECTIONS = [...README.matchAll(/^## (.+)$/gm)].map((m) => m[1]);

// The text of the README's "## Layout" section.
function layoutSection() {
  const start = README.indexOf('\n## Layout\n');
  if (start < 0) return '';
  const end = README.indexOf('\n## ', start + 1);
  return README.slice(start, end < 0 ? README.length : end);
}

// The section's table rows whose first cell is one folder in backticks: [{ folder, what, ships }].
function listedFolders() {
  return layoutSection().split('\n')
    .map((line) => line.match(/^\| `([^`]+\/)` \| (.*) \| (.*) \|$/))
    .filter(Boolean)
    .map(([, folder, what, ships]) => ({ folder, what, ships }));
}

// Top-level folders .gitignore leaves out ("/build/", …), for a tree that is not a Git checkout.
const IGNORED = new Set(['.git', ...fs.readFileSync(path.join(ROOT, '.gitignore'), 'utf8').split('\n')
  .map((line) => line.trim().match(/^\/([^/*]+)\/$/)).filter(Boolean).map((m) => m[1])]);

function walk(dir, out) {
  for (const entry of fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true })) {
    const rel = dir ? `${dir}/${entry.name}` : entry.name;
    if (!dir && IGNORED.has(entry.name)) continue;
    if (entry.isDirectory()) walk(rel, out);
    else if (entry.isFile()) out.push(rel);
  }
  return out;
}

// The repository's files, as paths with '/' (without Git: every file outside the ignored top-level folders).
function repositoryFiles() {
  const git = spawnSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], {
    cwd: ROOT, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024,
  });
  if (git.status !== 0) return walk('', []);
  return git.stdout.split('\0').filter((rel) => rel && fs.existsSync(path.join(ROOT, rel)));
}

// The folders that hold files of the repository: at the top level, and directly under web/.
function foldersInTree() {
  const folders = new Set();
  for (const rel of repositoryFiles()) {
    const parts = rel.split('/');
    if (parts.length > 1) folders.add(`${parts[0]}/`);
    if (parts[0] === 'web' && parts.length > 2) folders.add(`web/${parts[1]}/`);
  }
  return [...folders].sort();
}

// A web/ folder's "Ships to" and the words its own README says it with.
const SHIPS = { browsers: '**It ships to browsers**', "partners' servers": "**It ships to partners' servers**", neither: '**It ships nowhere**' };

test('the README has a Layout section, after the others and just before Documentation', () => {
  expect(SECTIONS).toContain('Layout');
  expect(SECTIONS.indexOf('Documentation')).toBe(SECTIONS.indexOf('Layout') + 1);
  expect(SECTIONS[SECTIONS.length - 1]).toBe('Documentation');
});

test('every folder the Layout section lists exists, once, and says what it is and where it ships', () => {
  const listed = listedFolders();
  expect(listed.length).toBeGreaterThan(0);
  expect(new Set(listed.map((r) => r.folder)).size).toBe(listed.length);
  for (const { folder, what, ships } of listed) {
    const dir = path.join(ROOT, folder);
    expect({ folder, isDirectory: fs.existsSync(dir) && fs.statSync(dir).isDirectory() }).toEqual({ folder, isDirectory: true });
    expect({ folder, what: what.trim().length > 0, ships: ships.trim().length > 0 }).toEqual({ folder, what: true, ships: true });
  }
});

test('every top-level folder and every folder under web/ of the repository is listed', () => {
  const listed = new Set(listedFolders().map((r) => r.folder));
  const tree = foldersInTree();
  expect(tree).toEqual(expect.arrayContaining(['core/', 'wasm/', 'web/', 'tests/', 'web/widget/', 'web/partner/']));
  expect(tree.filter((folder) => !listed.has(folder))).toEqual([]);
});

test('each web/ folder ships where the Layout says: its README says so, and the npm package agrees', () => {
  const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
  const inPackage = (folder) => pkg.files.some((f) => f === folder || f.startsWith(folder));
  const webFolders = listedFolders().filter((r) => /^web\/[^/]+\/$/.test(r.folder));
  expect(webFolders.map((r) => r.folder).sort()).toEqual(['web/partner/', 'web/sandbox/', 'web/shop/', 'web/widget/']);
  for (const { folder, ships } of webFolders) {
    expect({ folder, ships, known: ships in SHIPS }).toEqual({ folder, ships, known: true });
    const readme = path.join(ROOT, folder, 'README.md');
    expect({ folder, readme: fs.existsSync(readme) }).toEqual({ folder, readme: true });
    expect({ folder, says: fs.readFileSync(readme, 'utf8').includes(SHIPS[ships]) }).toEqual({ folder, says: true });
    // The package carries the server package's sources; the widget reaches browsers as dist/'s bundles.
    expect({ folder, inPackage: inPackage(folder) }).toEqual({ folder, inPackage: ships === "partners' servers" });
  }
});

// The relative imports of a web/ folder's sources (import … from, import(…), require(…)) that leave it.
function importsLeaving(folder) {
  const dir = path.join(ROOT, 'web', folder);
  const out = [];
  for (const name of fs.readdirSync(dir).filter((f) => /\.(js|mjs)$/.test(f))) {
    const text = fs.readFileSync(path.join(dir, name), 'utf8');
    for (const m of text.matchAll(/(?:\bfrom\s+|\bimport\s*\(\s*|\brequire\s*\(\s*)['"](\.{1,2}\/[^'"]+)['"]/g)) {
      const target = path.relative(path.join(ROOT, 'web'), path.resolve(dir, m[1])).split(path.sep).join('/');
      if (!target.startsWith(`${folder}/`)) out.push(`web/${folder}/${name} → ${m[1]}`);
    }
  }
  return out;
}

test('what ships imports only itself: the widget and the server package reach no other folder', () => {
  expect(importsLeaving('widget')).toEqual([]);
  expect(importsLeaving('partner')).toEqual([]);
  // The sandbox and the shop do use the server package (web/README.md draws who uses what).
  expect(importsLeaving('sandbox').length).toBeGreaterThan(0);
  expect(importsLeaving('sandbox').every((line) => line.includes('../partner/'))).toBe(true);
});
