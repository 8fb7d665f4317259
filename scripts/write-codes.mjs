// dist/codes.json: the catalogue of every code the core writes (its kind, field, English message with
// {placeholders} and the names of its params), as the built core itself lists it (codes(), ltgs/codes.hpp).
// Run by scripts/build-web.mjs; `node scripts/write-codes.mjs` alone rewrites it from the current dist/.

import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const CODES_FILE = path.join(ROOT, 'dist', 'codes.json');

export async function writeCodes() {
  const { loadCore } = createRequire(import.meta.url)('../web/partner/core.js');
  const answer = (await loadCore()).codes();
  if (!answer.ok) throw new Error(`write-codes: the core did not list its codes: ${JSON.stringify(answer.errors)}`);
  fs.writeFileSync(CODES_FILE, `${JSON.stringify(answer.value, null, 1)}\n`);
  return answer.value;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const codes = await writeCodes();
  console.log(`write-codes: ${codes.length} codes in ${path.relative(ROOT, CODES_FILE)}`);
}
