#!/usr/bin/env node
// ltgs-checkout: command-line entry on the WebAssembly core (dist/checkout.js + dist/checkout.wasm).
//
//   ltgs-checkout validate [options] FILE|-      the payment request, normalised, or every error (JSON)
//   ltgs-checkout options [options] FILE|-       the ways to pay offered for that request (JSON)
//   ltgs-checkout qr [--ecc L|M|Q|H] TEXT|-      the QR code as SVG
//   ltgs-checkout emv build | emv parse PAYLOAD   EMVCo merchant-presented QR payloads (JSON)
//   ltgs-checkout codes                          every code the core writes, with its message and params (JSON)
//
// Exit status:
//   0  success (emv parse: also a payload read with warnings)
//   1  the input is not valid (the JSON on stdout says why; for qr the message is on stderr)
//   2  usage error, unreadable input, a bad --config file, or the core could not be loaded (message on stderr)
'use strict';

const fs = require('fs');
const path = require('path');
const util = require('util');

const { loadCore: loadNodeCore } = require('../web/partner/core.js');

const PROG = 'ltgs-checkout';
const DIST = path.join(__dirname, '..', 'dist');

const USAGE = `Usage: ${PROG} validate [options] FILE|-
       ${PROG} options [options] [--config CONFIG.json] FILE|-
       ${PROG} qr [--ecc L|M|Q|H] [--dark COLOUR] [--light COLOUR] [--title TEXT] TEXT|-
       ${PROG} emv build            (the build input as JSON on standard input)
       ${PROG} emv parse PAYLOAD|-
       ${PROG} codes

validate  checks an LTGS "Initiate a Payment Request" JSON payload and prints one line of JSON:
            {"ok":true,"request":{...normalised payload...},"phone":{"e164":"+250788123456","operator":"MTN"}}
            {"ok":false,"errors":[{"field":"Phone_Number","code":"phone.too_short","message":"..."}, ...]}
options   the ways to pay offered for that request:
            {"ok":true,"default":"MTN_MOMO","options":[{"method":"MTN_MOMO","recommended":true,...},...]}
qr        the QR code for TEXT as an SVG document
emv       builds or parses an EMVCo merchant-presented QR payload:
            build  {"ok":true,"payload":"000201..."} or {"ok":false,"error":{...}}; every mandatory object
                   (merchant account, category, name, city) is required
            parse  {"ok":true,"emv":{...},"warnings":[{"field":"QR_Payload","code":"emv.missing_mcc",...}]}
                   or {"ok":false,"error":{...}}: only a damaged payload (structure, lengths, CRC, duplicate
                   objects, invalid text or values) is refused; a payload that leaves out objects the
                   specification calls mandatory, as wallets accept, is read with one warning for each
                   (emv.missing_merchant_account, emv.missing_mcc, emv.missing_currency, emv.missing_country,
                   emv.missing_merchant_name, emv.missing_merchant_city) and exits 0
codes     every code the core writes, as dist/codes.json lists them, on one line:
            [{"code":"amount.below_minimum","kind":"error","field":"Total_Amount_to_Pay",
              "message":"The amount must be at least RWF {min}.","params":["min"]},...]

Request options (validate, options):
  --sandbox          allow a plain-http Callback_URL on localhost / 127.0.0.1 (local development)
  --email-required   Email_Address must be given
  --min-amount N     smallest Total_Amount_to_Pay in whole francs (default 1)
  --max-amount N     largest Total_Amount_to_Pay in whole francs (default 2000000)
Merchant options (options):
  --config FILE              merchant configuration JSON: {"mtnMomo":true,"airtelMoney":true,"qr":true,
                             "ussd":true,"mtnMerchantCode":"...","airtelMerchantCode":"...","airtelUssdTemplate":"..."};
                             a file that cannot be read, is not UTF-8 JSON, is not an object or has a member
                             of the wrong type is a usage error (exit 2), never ignored
  --mtn-merchant-code CODE   MTN MoMo Pay merchant code (offers USSD to MTN numbers)
  --disable METHOD           do not offer MTN_MOMO, AIRTEL_MONEY, QR or USSD (repeatable)
  -h, --help                 show this help

Input: at most 64 KiB is read from a FILE or standard input; a larger JSON input is json.too_large (exit 1),
a larger emv parse payload emv.too_long, a larger qr text qr.too_long.

Exit status: 0 success (or --help), 1 invalid input (the JSON says why), 2 usage error, unreadable input or
a bad --config file.
`;

class UsageError extends Error {}
class InputError extends Error {
  constructor(message, exitCode = 2) {
    super(message);
    this.exitCode = exitCode;
  }
}

function parseFrancs(name, text) {
  if (text === undefined) throw new UsageError(`${name} needs a value (whole francs)`);
  if (!/^[0-9]+$/.test(text) || !Number.isSafeInteger(Number(text))) {
    throw new UsageError(`${name} must be a whole number of francs, got ${JSON.stringify(text)}`);
  }
  return Number(text);
}

const METHODS = { MTN_MOMO: 'mtnMomo', AIRTEL_MONEY: 'airtelMoney', QR: 'qr', USSD: 'ussd' };

// Options each command takes, as util.parseArgs reads them, and what each does to the parsed command.
const REQUEST_OPTIONS = {
  sandbox: { type: 'boolean', apply: (p) => { p.settings.sandbox = true; } },
  'email-required': { type: 'boolean', apply: (p) => { p.settings.emailRequired = true; } },
  'min-amount': { type: 'string', apply: (p, v) => { p.settings.minAmountRwf = parseFrancs('--min-amount', v); } },
  'max-amount': { type: 'string', apply: (p, v) => { p.settings.maxAmountRwf = parseFrancs('--max-amount', v); } },
};
const COMMANDS = {
  validate: { operands: 1, options: REQUEST_OPTIONS },
  options: {
    operands: 1,
    options: {
      ...REQUEST_OPTIONS,
      config: { type: 'string', apply: (p, v) => { p.configFile = v; } },
      'mtn-merchant-code': { type: 'string', apply: (p, v) => { p.config.mtnMerchantCode = v; } },
      disable: {
        type: 'string',
        multiple: true,
        apply: (p, values) => {
          for (const v of values) {
            if (!Object.hasOwn(METHODS, v)) {
              throw new UsageError(`--disable takes one of ${Object.keys(METHODS).join(', ')}, got ${JSON.stringify(v)}`);
            }
            p.config[METHODS[v]] = false;
          }
        },
      },
    },
  },
  qr: {
    operands: 1,
    options: {
      ecc: { type: 'string', apply: (p, v) => { p.qr.ecc = v; } },
      dark: { type: 'string', apply: (p, v) => { p.qr.dark = v; } },
      light: { type: 'string', apply: (p, v) => { p.qr.light = v; } },
      title: { type: 'string', apply: (p, v) => { p.qr.title = v; } },
    },
  },
  'emv build': { operands: 0, options: {} },
  'emv parse': { operands: 1, options: {} },
  codes: { operands: 0, options: {} },
};

// argv without "node" and the script path -> { command, operand, settings, config, configFile, qr }.
// Options are read by Node's util.parseArgs (strict: unknown options and missing values are usage errors).
function parseArgs(argv) {
  const args = [...argv];
  if (args.length === 0) throw new UsageError('no command given');
  if (args.some((a) => a === '-h' || a === '--help')) return { command: 'help' };
  let command = args.shift();
  if (command === 'emv') {
    const sub = args.shift();
    if (sub !== 'build' && sub !== 'parse') throw new UsageError('emv needs build or parse');
    command = `emv ${sub}`;
  }
  const spec = COMMANDS[command];
  if (!spec) throw new UsageError(`unknown command ${JSON.stringify(command)}`);

  let read;
  try {
    read = util.parseArgs({
      args,
      options: Object.fromEntries(Object.entries(spec.options).map(([name, o]) => [name, { type: o.type, multiple: Boolean(o.multiple) }])),
      allowPositionals: true,
      strict: true,
    });
  } catch (err) {
    throw new UsageError(`${err.message.replace(/\. To specify a positional argument.*$/s, '')} (${command})`);
  }
  const parsed = { command, settings: { currentYear: new Date().getFullYear() }, config: {}, qr: {}, operands: read.positionals };
  for (const [name, value] of Object.entries(read.values)) spec.options[name].apply(parsed, value);
  if (parsed.operands.length !== spec.operands) {
    if (spec.operands === 0) {
      throw new UsageError(`${command} takes no operand${command === 'emv build' ? ' (it reads standard input)' : ''}`);
    }
    if (parsed.operands.length === 0) {
      throw new UsageError(`${command} needs ${command === 'qr' ? 'TEXT' : command === 'emv parse' ? 'PAYLOAD' : 'a FILE'} (or - for standard input)`);
    }
    throw new UsageError(`${command} takes one operand`);
  }
  parsed.operand = parsed.operands[0];
  if (command === 'validate') parsed.file = parsed.operand;  // kept for callers of parseArgs
  return parsed;
}

function describeReadError(err) {
  switch (err && err.code) {
    case 'ENOENT': return 'no such file';
    case 'EISDIR': return 'is a directory';
    case 'EACCES': case 'EPERM': return 'permission denied';
    default: return (err && err.message) || String(err);
  }
}

// Inputs are read to at most their limit plus one byte: past the limit the answer is already known, so a
// huge file, /dev/zero or a pipe that never ends costs bounded memory and time. Reading stops there and the
// rest is never looked at.
const MAX_JSON_BYTES = 64 * 1024;  // the core's limit for a JSON document (core/src/json_reader.hpp)
// qr and emv parse text: far more than either can hold (2,953 bytes in a QR code, 512 characters in a payload).
const MAX_TEXT_BYTES = 64 * 1024;

// The first limit + 1 bytes of FILE (- for standard input), or all of it if shorter.
async function readInput(file, limit) {
  if (file === '-') {
    const chunks = [];
    let length = 0;
    try {
      for await (const chunk of process.stdin) {
        chunks.push(chunk);
        length += chunk.length;
        if (length > limit) break;  // leaving the loop destroys the stream: nothing more is read
      }
    } catch (err) {
      throw new InputError(`cannot read standard input: ${describeReadError(err)}`);
    }
    return Buffer.concat(chunks).subarray(0, limit + 1);
  }
  let handle;
  try {
    handle = await fs.promises.open(file, 'r');
    const bytes = Buffer.alloc(limit + 1);
    let length = 0;
    // position null: read on from the current offset, which is all a pipe or a device allows.
    for (let n = -1; n !== 0 && length < bytes.length; length += n) {
      ({ bytesRead: n } = await handle.read(bytes, length, bytes.length - length, null));
    }
    return bytes.subarray(0, length);
  } catch (err) {
    throw new InputError(`cannot read ${JSON.stringify(file)}: ${describeReadError(err)}`);
  } finally {
    await handle?.close();
  }
}

// The core through the package's Node loader (web/partner/core.js), which sends anything the module prints
// to stderr: stdout carries exactly one JSON line.
async function loadCore() {
  try {
    return await loadNodeCore({ dist: DIST });
  } catch (err) {
    if (err.code !== 'core.not_built') throw err;
    const file = path.relative(process.cwd(), err.file) || err.file;
    throw new InputError(`the WebAssembly core is not built (${file} is missing): run npm run build first`);
  }
}

const INVALID_UTF8 = { field: '$', code: 'json.invalid_utf8', message: 'The input is not valid UTF-8 text.' };
const TOO_LARGE = { field: '$', code: 'json.too_large', message: 'The body is larger than 64 KiB.' };
// What the core answers for such a payload (core/src/emv.cpp); the bytes cannot reach it as they are.
const EMV_INVALID_UTF8 = { field: 'QR_Payload', code: 'emv.invalid_utf8', message: 'The QR payload is not valid UTF-8 text.' };
const EMV_TOO_LONG = { field: 'QR_Payload', code: 'emv.too_long', message: 'An EMVCo QR payload is at most 512 characters.' };

// The core receives JS strings (Embind passes them on as UTF-8), so bytes that are not UTF-8 would arrive
// as U+FFFD and look valid: they are refused here. A byte order mark is kept: for JSON the core's reader
// decides (one, first, is ignored; any other is malformed).
function decodeUtf8(bytes) {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return null;
  }
}

// A JSON document: { text } or { error } (json.too_large, json.invalid_utf8), for the JSON on stdout.
async function readJson(file) {
  const bytes = await readInput(file, MAX_JSON_BYTES);
  if (bytes.length > MAX_JSON_BYTES) return { error: TOO_LARGE };
  const text = decodeUtf8(bytes);
  return text === null ? { error: INVALID_UTF8 } : { text };
}

// Plain text (qr -, emv parse -): { text } or { tooLarge: true } or { text: null } when it is not UTF-8. One
// leading byte order mark, as text editors write, and one final line break are not part of it.
async function readPlainText(file) {
  const bytes = await readInput(file, MAX_TEXT_BYTES);
  if (bytes.length > MAX_TEXT_BYTES) return { tooLarge: true };
  const text = decodeUtf8(bytes);
  return { text: text === null ? null : text.replace(/^\uFEFF/, '').replace(/\r?\n$/, '') };
}

// The merchant configuration of --config FILE, as an object to merge the command-line options into. It is
// read by the core's own JSON reader first (at most one byte order mark, no duplicate keys, an object,
// members of the right type). Any problem is a usage error naming the file: ignoring the file would offer
// methods the merchant disabled.
async function readConfig(file, core, settings) {
  const where = `--config ${JSON.stringify(file)}`;
  const bytes = await readInput(file, MAX_JSON_BYTES);
  if (bytes.length > MAX_JSON_BYTES) throw new InputError(`${where}: json.too_large: the file is larger than 64 KiB`);
  const text = decodeUtf8(bytes);
  if (text === null) throw new InputError(`${where}: json.invalid_utf8: the file is not valid UTF-8 text`);
  // The core treats blank configuration text as "no configuration"; a file given on purpose must say something.
  if (text.trim() === '') throw new InputError(`${where}: json.malformed: the file is empty, not a JSON object`);
  if (text.replace(/^\uFEFF/, '').trim() === 'null') throw new InputError(`${where}: json.not_object: the file holds null, not a JSON object`);
  // The core checks the configuration before the request, and reports its problems on the field "config".
  const check = core.paymentOptions('{}', text, settings);
  const problem = check.ok ? undefined : check.errors.find((e) => e.field === 'config');
  if (problem) throw new InputError(`${where}: ${problem.code}: ${problem.message}`);
  try {
    return JSON.parse(text.replace(/^\uFEFF/, ''));  // JSON.parse takes no byte order mark; the core allowed one
  } catch (err) {
    throw new InputError(`${where}: json.malformed: ${err.message}`);
  }
}

// The command line's documented JSON (README.md, docs/validation.md) from the core's answer
// ({ ok, value } or { ok: false, errors }, wasm/README.md): the value's members beside "ok", or under `key`;
// errors as { field, code, message } (the params are for translations); `single`: the one error as "error".
function printed(answer, { key, single = false } = {}) {
  if (!answer.ok) {
    const errors = answer.errors.map(({ field, code, message }) => ({ field, code, message }));
    return single ? { ok: false, error: errors[0] } : { ok: false, errors };
  }
  return key ? { ok: true, [key]: answer.value } : { ok: true, ...answer.value };
}

// Each command resolves to { stdout, ok }: the text to print and whether the input was good.
const RUN = {
  async validate(p, core) {
    const { text, error } = await readJson(p.operand);
    const result = error ? { ok: false, errors: [error] } : printed(core.validateRequestJson(text, p.settings));
    return { stdout: JSON.stringify(result), ok: result.ok };
  },
  async options(p, core) {
    const { text, error } = await readJson(p.operand);
    if (error) return { stdout: JSON.stringify({ ok: false, errors: [error] }), ok: false };
    const config = p.configFile === undefined ? {} : await readConfig(p.configFile, core, p.settings);
    const result = printed(core.paymentOptions(text, { ...config, ...p.config }, p.settings));
    return { stdout: JSON.stringify(result), ok: result.ok };
  },
  async qr(p, core) {
    const { text, tooLarge } = p.operand === '-' ? await readPlainText('-') : { text: p.operand };
    if (tooLarge) throw new InputError('qr.too_long: The text is too long for a QR code.', 1);
    if (text === null) throw new InputError('the text is not valid UTF-8');
    const result = core.qrSvg(text, p.qr);
    if (!result.ok) throw new InputError(`${result.errors[0].code}: ${result.errors[0].message}`, 1);
    return { stdout: result.value.svg, ok: true };
  },
  async 'emv build'(p, core) {
    const { text, error } = await readJson('-');
    const result = error ? { ok: false, error } : printed(core.emvBuild(text), { key: 'payload', single: true });
    return { stdout: JSON.stringify(result), ok: result.ok };
  },
  async codes(p, core) {
    const answer = core.codes();
    if (!answer.ok) throw new Error(`the core did not list its codes: ${answer.errors[0].message}`);
    return { stdout: JSON.stringify(answer.value), ok: true };
  },
  async 'emv parse'(p, core) {
    const { text, tooLarge } = p.operand === '-' ? await readPlainText('-') : { text: p.operand };
    const result = tooLarge ? { ok: false, error: EMV_TOO_LONG }
      : text === null ? { ok: false, error: EMV_INVALID_UTF8 }
      : emvParsed(core.emvParse(text));
    return { stdout: JSON.stringify(result), ok: result.ok };
  },
};

// emv parse prints the payload under "emv" and its warnings beside it.
function emvParsed(answer) {
  if (!answer.ok) return printed(answer, { single: true });
  const { warnings, ...emv } = answer.value;
  return { ok: true, emv, warnings: warnings.map(({ field, code, message }) => ({ field, code, message })) };
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
    const core = await loadCore();
    const { stdout, ok } = await RUN[parsed.command](parsed, core);
    process.stdout.write(`${stdout}\n`);
    return ok ? 0 : 1;
  } catch (err) {
    if (err instanceof InputError) {
      process.stderr.write(`${PROG}: ${err.message}\n`);
      return err.exitCode;
    }
    process.stderr.write(`${PROG}: internal error: ${(err && err.stack) || err}\n`);
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
