// Every document the repository refers to is in it. In Markdown files, each relative link (and its #anchor,
// checked against the target's headings, slugged as GitHub does) resolves to a file of the repository. In
// every text file (source, JSON, Markdown, shell, …), each mentioned file name ending in ".md" names a file
// of the repository: by its path when it has a '/', by its base name otherwise.
//
// "The repository" is what a commit of this working tree would hold: tracked files that still exist, plus
// new files Git does not ignore. node_modules, build, third_party and dist are left out.
'use strict';

const { spawnSync } = require('child_process');
const fs = require('fs');
const path = require('path');

const ROOT = path.resolve(__dirname, '..', '..');
const EXCLUDED_DIRS = new Set(['node_modules', 'build', 'third_party', 'dist', '.git']);
const MD = '.md';

const excluded = (rel) => rel.split('/').some((part) => EXCLUDED_DIRS.has(part));

function walk(dir, out) {
  for (const entry of fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true })) {
    const rel = dir ? `${dir}/${entry.name}` : entry.name;
    if (excluded(rel)) continue;
    if (entry.isDirectory()) walk(rel, out);
    else if (entry.isFile()) out.push(rel);
  }
  return out;
}

// Repository-relative paths with '/' separators.
function repositoryFiles() {
  const git = spawnSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], {
    cwd: ROOT,
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  const listed = git.status === 0 ? git.stdout.split('\0').filter(Boolean) : walk('', []);
  return [...new Set(listed)]
    .filter((rel) => !excluded(rel))
    .filter((rel) => fs.existsSync(path.join(ROOT, rel)) && fs.statSync(path.join(ROOT, rel)).isFile())
    .sort();
}

function readText(rel) {
  const bytes = fs.readFileSync(path.join(ROOT, rel));
  if (bytes.subarray(0, 8192).includes(0)) return null;  // binary
  return bytes.toString('utf8');
}

const lineOf = (text, index) => text.slice(0, index).split('\n').length;

// Keeps offsets and line numbers: each character of a removed part becomes a space (newlines stay).
const blank = (s) => s.replace(/[^\n]/g, ' ');

// Fenced code blocks (``` or ~~~) blanked out.
function withoutFences(markdown) {
  const lines = markdown.split('\n');
  let fence = null;
  return lines
    .map((line) => {
      const open = /^ {0,3}(`{3,}|~{3,})/.exec(line);
      if (fence === null) {
        if (open) {
          fence = open[1];
          return blank(line);
        }
        return line;
      }
      if (open && open[1][0] === fence[0] && open[1].length >= fence.length && line.trim() === open[1]) fence = null;
      return blank(line);
    })
    .join('\n');
}

// Fences, HTML comments and inline code spans blanked out: what remains is where links live.
function linkableText(markdown) {
  return withoutFences(markdown)
    .replace(/<!--[\s\S]*?-->/g, blank)
    .replace(/(`+)(?:[^\n]|\n(?![ \t]*\n))*?[^`\n]\1(?!`)/g, blank);
}

// GitHub's heading anchors (github-slugger): the heading's text, lower-cased, without punctuation or symbols,
// spaces as '-'; a repeated slug gets -1, -2, …
function headingText(raw) {
  return raw
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/<[^>]+>/g, '')
    .trim();
}
const slug = (text) =>
  text
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, '')
    .replace(/ /g, '-');

function anchorsOf(markdown) {
  const anchors = new Set();
  const seen = new Map();
  const add = (text) => {
    const base = slug(headingText(text));
    const n = seen.get(base) || 0;
    seen.set(base, n + 1);
    anchors.add(n === 0 ? base : `${base}-${n}`);
  };
  const lines = withoutFences(markdown).split('\n');
  lines.forEach((line, i) => {
    const atx = /^ {0,3}#{1,6}(?:\s+(.*?))?(?:\s+#+)?\s*$/.exec(line);
    if (atx) return add(atx[1] || '');
    const next = lines[i + 1];
    const isText = line.trim() !== '' && !/^\s*([-*+>|]|\d+[.)])\s/.test(line) && !line.includes('|');
    if (isText && next !== undefined && /^ {0,3}(=+|-+)\s*$/.test(next)) add(line);
    return undefined;
  });
  for (const m of markdown.matchAll(/<a\s+[^>]*?(?:name|id)\s*=\s*["']([^"']+)["']/gi)) anchors.add(m[1]);
  return anchors;
}

function makeRepository(files) {
  const fileSet = new Set(files);
  const byBase = new Map();
  for (const rel of files) {
    const base = path.posix.basename(rel);
    if (!byBase.has(base)) byBase.set(base, []);
    byBase.get(base).push(rel);
  }
  const anchorCache = new Map();
  const texts = new Map();
  return {
    files,
    has: (rel) => fileSet.has(rel),
    isDir: (rel) => rel === '' || files.some((f) => f.startsWith(`${rel}/`)),
    withBase: (base) => byBase.get(base) || [],
    text(rel) {
      if (!texts.has(rel)) texts.set(rel, readText(rel));
      return texts.get(rel);
    },
    anchors(rel) {
      if (!anchorCache.has(rel)) anchorCache.set(rel, anchorsOf(this.text(rel) || ''));
      return anchorCache.get(rel);
    },
  };
}

// A path relative to `fromDir` ('' is the root; a leading '/' means the root), normalised; null when it
// leaves the repository.
function resolveIn(fromDir, target) {
  const joined = target.startsWith('/') ? path.posix.normalize(target.slice(1)) : path.posix.join(fromDir, target);
  const rel = path.posix.normalize(joined).replace(/\/+$/, '');
  if (rel === '.' || rel === '') return '';
  if (rel === '..' || rel.startsWith('../')) return null;
  return rel;
}

const isMarkdown = (rel) => rel.toLowerCase().endsWith(MD);

function decode(s) {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

// Problems with the relative links of one Markdown file: "file:line: message".
function checkMarkdownLinks(rel, markdown, repo) {
  const problems = [];
  const text = linkableText(markdown);
  const dir = path.posix.dirname(rel) === '.' ? '' : path.posix.dirname(rel);
  const targets = [];
  const inline = /\[(?:[^[\]]|\[[^\]]*\])*\]\(\s*(<[^>\n]*>|[^\s)]+(?:\([^\s)]*\)[^\s)]*)*)(?:\s+(?:"[^"\n]*"|'[^'\n]*'|\([^)\n]*\)))?\s*\)/g;
  for (const m of text.matchAll(inline)) targets.push({ target: m[1].replace(/^<|>$/g, ''), index: m.index });
  for (const m of text.matchAll(/^ {0,3}\[[^\]\n]+\]:\s*(<[^>\n]*>|\S+)/gm)) {
    targets.push({ target: m[1].replace(/^<|>$/g, ''), index: m.index });
  }
  for (const { target, index } of targets) {
    if (/^[a-z][a-z0-9+.-]*:/i.test(target) || target.startsWith('//')) continue;  // http:, mailto:, tel:, …
    const where = `${rel}:${lineOf(markdown, index)}`;
    const hash = target.indexOf('#');
    const filePart = decode((hash < 0 ? target : target.slice(0, hash)).replace(/\?.*$/, ''));
    const anchor = hash < 0 ? null : decode(target.slice(hash + 1));
    const resolved = filePart === '' ? rel : resolveIn(dir, filePart);
    if (resolved === null) {
      problems.push(`${where}: link "${target}" leaves the repository`);
      continue;
    }
    if (!repo.has(resolved) && !repo.isDir(resolved)) {
      problems.push(`${where}: link "${target}" points to ${resolved || '/'}, which is not in the repository`);
      continue;
    }
    if (anchor && repo.has(resolved) && isMarkdown(resolved) && !repo.anchors(resolved).has(anchor)) {
      problems.push(`${where}: link "${target}": ${resolved} has no heading with the anchor #${anchor}`);
    }
  }
  return problems;
}

// Problems with the ".md" file names one text file mentions: "file:line: message". URLs are left out (a page
// elsewhere may well be a Markdown file); so are names that are not names ("*.md", "${x}.md").
function checkMentions(rel, text, repo) {
  const problems = [];
  const dir = path.posix.dirname(rel) === '.' ? '' : path.posix.dirname(rel);
  const scanned = text.replace(/\b[a-z][a-z0-9+.-]*:\/\/[^\s<>"'`)\]]+/gi, blank);
  const mention = /(?<![\w./\\-])((?:[\w.-]+\/)*[\w.-]*\w\.md)(?![\w])(#[\w-]+)?/gi;
  for (const m of scanned.matchAll(mention)) {
    const name = m[1];
    const anchor = m[2] ? m[2].slice(1) : null;
    const where = `${rel}:${lineOf(text, m.index)}`;
    let candidates;
    if (name.includes('/')) {
      const paths = [resolveIn(dir, name), resolveIn('', name.replace(/^(\.\.?\/)+/, ''))];
      candidates = [...new Set(paths)].filter((c) => c !== null && repo.has(c));
    } else {
      candidates = repo.withBase(name);
    }
    if (candidates.length === 0) {
      problems.push(`${where}: "${name}" is not a file of the repository`);
      continue;
    }
    if (anchor && !candidates.some((c) => repo.anchors(c).has(anchor))) {
      problems.push(`${where}: "${name}#${anchor}": ${candidates.join(', ')} has no heading with that anchor`);
    }
  }
  return problems;
}

const repo = makeRepository(repositoryFiles());

describe('references to documents', () => {
  test('the repository is listed', () => {
    expect(repo.has('package.json')).toBe(true);
    expect(repo.files.some((f) => excluded(f))).toBe(false);
  });

  test('every relative Markdown link points to a file of the repository, and its anchor to a heading', () => {
    const markdown = repo.files.filter(isMarkdown);
    expect(markdown.length).toBeGreaterThan(0);
    const problems = markdown.flatMap((rel) => checkMarkdownLinks(rel, repo.text(rel) || '', repo));
    expect(problems).toEqual([]);
  });

  test('every mentioned .md file name names a file of the repository', () => {
    const problems = [];
    for (const rel of repo.files) {
      const text = repo.text(rel);
      if (text !== null) problems.push(...checkMentions(rel, text, repo));
    }
    expect(problems).toEqual([]);
  });

  // The checks themselves, on made-up text: a check that finds nothing would pass the tests above too.
  describe('the checks', () => {
    const guide = 'docs/guide' + MD;
    const fake = makeRepository(['README' + MD, guide, 'src/a.js']);
    fake.text = (rel) => (rel === 'README' + MD ? '# Read me\n' : '# Guide\n\n## Two words: `code`, [link](x)\n\nText\n---\n');
    const missing = 'MISSING' + MD;

    test('slugs as GitHub does', () => {
      expect([...fake.anchors(guide)]).toEqual(['guide', 'two-words-code-link', 'text']);
      expect([...anchorsOf('# A\n# A\n# A\n')]).toEqual(['a', 'a-1', 'a-2']);
    });

    test('finds broken links and anchors, and skips code and URLs', () => {
      const md = [
        '[ok](' + guide + '#two-words-code-link) [ok](src/) [ok](#read-me) [ok](https://example.com/x' + MD + ')',
        '[gone](docs/' + missing + ') [bad anchor](' + guide + '#nope) [out](../x' + MD + ')',
        '`[in code](nowhere' + MD + ')`',
        '```',
        '[in a fence](nowhere' + MD + ')',
        '```',
      ].join('\n');
      const problems = checkMarkdownLinks('README' + MD, md, fake).map((p) => p.replace(/: .*/, ''));
      expect(problems).toEqual(Array(3).fill('README' + MD + ':2'));
    });

    test('finds mentions of missing files by name or path, and checks their anchors', () => {
      const text = [
        '// see ' + missing + ' §1, README' + MD + ', docs/guide' + MD + '#guide, ../docs/guide' + MD,
        '// (../shared/' + missing + ') guide' + MD + '#nope src/README' + MD,
        '// *' + MD + ' ${name}' + MD + ' https://example.com/' + missing,
      ].join('\n');
      const problems = checkMentions('src/a.js', text, fake).map((p) => p.replace(/: .*/, ''));
      expect(problems).toEqual(['src/a.js:1', 'src/a.js:2', 'src/a.js:2', 'src/a.js:2']);
    });
  });
});
