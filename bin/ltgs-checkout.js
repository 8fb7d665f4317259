#!/usr/bin/env node
// ltgs-checkout: command-line entry on the WebAssembly core (dist/checkout.js + dist/checkout.wasm).
//
//   ltgs-checkout validate [options] FILE|-
//
// Prints one line of JSON on stdout: the core's answer to validateRequestJson. Exit status:
//   0  the payment request is valid
//   1  it is not (the errors are in the JSON, every problem at once)
//   2  usage error, unreadable input, or the core could not be loaded (message on stderr)
'use strict';

const fs = require('fs');
const path = require('path');

const PROG = 'ltgs-checkout';
const DIST = path.join(__dirname, '..', 'dist');

const USAGE = `Usage: ${PROG} validate [options] FILE
       ${PROG} validate [options] -        (read the payload from standard input)

Validates an LTGS "Initiate a Payment Request" JSON payload and prints the result as one line of JSON:
  {"ok":true,"request":{...normalised payload...},"phone":{"e164":"+250788123456","operator":"MTN"}}
  {"ok":false,"errors":[{"field":"Phone_Number","code":"phone.too_short","message":"..."}, ...]}

Options:
  --sandbox          allow a plain-http Callback_URL on localhost / 127.0.0.1 (local development)
  --email-required   Email_Address must be given
  --min-amount N     smallest Total_Amount_to_Pay in whole francs (default 1)
  --max-amount N     largest Total_Amount_to_Pay in whole francs (default 2000000)
  -h, --help         show this help

Exit status: 0 valid (or --help), 1 invalid, 2 usage error or unreadable input.
`;

class UsageError extends Error {}
class InputError extends Error {}

function parseFrancs(name, text) {
  if (text === undefined) throw new UsageError(`${name} needs a value (whole francs)`);
  if (!/^[0-9]+$/.test(text) || !Number.isSafeInteger(Number(text))) {
    throw new UsageError(`${name} must be a whole number of francs, got ${JSON.stringify(text)}`);
  }
  return Number(text);
}

// argv without "node" and the script path -> { command, file, settings }.
function parseArgs(argv) {
  const args = [...argv];
  if (args.length === 0) throw new UsageError('no command given');
  if (args.some((a) => a === '-h' || a === '--help')) return { command: 'help' };
  const command = args.shift();
  if (command !== 'validate') throw new UsageError(`unknown command ${JSON.stringify(command)}`);

  const settings = { currentYear: new Date().getFullYear() };
  const files = [];
  let optionsDone = false;
  while (args.length > 0) {
    const arg = args.shift();
    if (optionsDone || arg === '-' || !arg.startsWith('-')) {
      files.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = eq < 0 ? arg : arg.slice(0, eq);
    const inline = eq < 0 ? undefined : arg.slice(eq + 1);
    const flag = () => {
      if (inline !== undefined) throw new UsageError(`${name} takes no value`);
      return true;
    };
    switch (name) {
      case '--':
        optionsDone = true;
        break;
      case '--sandbox':
        settings.sandbox = flag();
        break;
      case '--email-required':
        settings.emailRequired = flag();
        break;
      case '--min-amount':
        settings.minAmountRwf = parseFrancs(name, inline ?? args.shift());
        break;
      case '--max-amount':
        settings.maxAmountRwf = parseFrancs(name, inline ?? args.shift());
        break;
      default:
        throw new UsageError(`unknown option ${JSON.stringify(arg)}`);
    }
  }
  if (files.length === 0) throw new UsageError('validate needs a FILE (or - for standard input)');
  if (files.length > 1) throw new UsageError('validate takes one FILE');
  return { command, file: files[0], settings };
}

function describeReadError(err) {
  switch (err && err.code) {
    case 'ENOENT': return 'no such file';
    case 'EISDIR': return 'is a directory';
    case 'EACCES': case 'EPERM': return 'permission denied';
    default: return (err && err.message) || String(err);
  }
}

async function readInput(file) {
  if (file === '-') {
    const chunks = [];
    try {
      for await (const chunk of process.stdin) chunks.push(chunk);
    } catch (err) {
      throw new InputError(`cannot read standard input: ${describeReadError(err)}`);
    }
    return Buffer.concat(chunks);
  }
  try {
    return await fs.promises.readFile(file);
  } catch (err) {
    throw new InputError(`cannot read ${JSON.stringify(file)}: ${describeReadError(err)}`);
  }
}

async function loadCore() {
  const js = path.join(DIST, 'checkout.js');
  const wasm = path.join(DIST, 'checkout.wasm');
  if (!fs.existsSync(js) || !fs.existsSync(wasm)) {
    throw new InputError(`the WebAssembly core is not built (${path.relative(process.cwd(), js) || js} is missing): ` +
                         'run npm run build first');
  }
  const createCheckoutModule = require(js);
  // stdout carries exactly one JSON line: anything the module prints goes to stderr.
  const toStderr = (text) => process.stderr.write(`${text}\n`);
  return createCheckoutModule({ wasmBinary: fs.readFileSync(wasm), print: toStderr, printErr: toStderr });
}

async function validate(file, settings) {
  const bytes = await readInput(file);
  const core = await loadCore();
  let text;
  try {
    // The core receives a JS string (Embind passes it on as UTF-8), so bytes that are not UTF-8 would
    // arrive as U+FFFD and look valid: refuse them here. A leading byte-order mark is ignored.
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return {
      ok: false,
      errors: [{ field: '$', code: 'json.invalid_utf8', message: 'The input is not valid UTF-8 text.' }],
    };
  }
  return core.validateRequestJson(text, settings);
}

async function main(argv) {
  let parsed;
  try {
    parsed = parseArgs(argv);
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    process.stderr.write(`${PROG}: ${err.message}\n\n${USAGE}`);
    return 2;
  }
  if (parsed.command === 'help') {
    process.stdout.write(USAGE);
    return 0;
  }
  try {
    const result = await validate(parsed.file, parsed.settings);
    process.stdout.write(`${JSON.stringify(result)}\n`);
    return result.ok ? 0 : 1;
  } catch (err) {
    if (err instanceof InputError) {
      process.stderr.write(`${PROG}: ${err.message}\n`);
    } else {
      process.stderr.write(`${PROG}: internal error: ${(err && err.stack) || err}\n`);
    }
    return 2;
  }
}

if (require.main === module) {
  // A reader that stops early (| head) is not an error of ours.
  process.stdout.on('error', (err) => {
    if (err.code !== 'EPIPE') throw err;
  });
  // exitCode, not exit(): a pipe on stdout is written asynchronously and must be flushed first.
  main(process.argv.slice(2)).then((code) => { process.exitCode = code; });
}

module.exports = { parseArgs, main };
