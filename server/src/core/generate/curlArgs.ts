// A cURL command line → its request parts. Shell words come from shell-quote (quotes, escapes, $'…', $VAR kept
// as text); this file only knows curl's options: which take a value, and what each means for the request.
import { parse as parseShell } from 'shell-quote';

export interface CurlRequest {
  url?: string;
  /** -X / --request. */
  method?: string;
  headers: { name: string; value: string }[];
  /** -d/--data…, in order, with how each was given. */
  data: { kind: 'data' | 'raw' | 'binary' | 'urlencode' | 'json'; value: string }[];
  /** -F/--form parts. */
  form: string[];
  /** -u/--user. */
  user?: string;
  /** -G/--get: data goes to the query. */
  get: boolean;
  head: boolean;
  /** --oauth2-bearer. */
  bearer?: string;
  cookies: string[];
  userAgent?: string;
  /** Options this import does not use, for a note. */
  ignored: string[];
  warnings: string[];
}

// curl options that take a value (long name → canonical). Short forms map to these.
const VALUE_OPTIONS = new Map<string, string>([
  ['--request', 'request'], ['--header', 'header'], ['--data', 'data'], ['--data-ascii', 'data'], ['--data-raw', 'raw'],
  ['--data-binary', 'binary'], ['--data-urlencode', 'urlencode'], ['--json', 'json'], ['--user', 'user'], ['--url', 'url'],
  ['--form', 'form'], ['--form-string', 'form'], ['--user-agent', 'user-agent'], ['--cookie', 'cookie'], ['--referer', 'referer'],
  ['--oauth2-bearer', 'bearer'], ['--max-time', 'ignore'], ['--connect-timeout', 'ignore'], ['--retry', 'ignore'],
  ['--output', 'ignore'], ['--proxy', 'ignore'], ['--cacert', 'ignore'], ['--cert', 'ignore'], ['--key', 'ignore'],
  ['--write-out', 'ignore'], ['--upload-file', 'upload'], ['--cookie-jar', 'ignore'], ['--resolve', 'ignore'],
  ['--retry-max-time', 'ignore'], ['--retry-delay', 'ignore'], ['--limit-rate', 'ignore'], ['--max-redirs', 'ignore'],
  ['--proxy-user', 'ignore'], ['--aws-sigv4', 'aws'], ['--config', 'config'], ['--interface', 'ignore'], ['--dns-servers', 'ignore'],
]);

const SHORT = new Map<string, string>([
  ['X', '--request'], ['H', '--header'], ['d', '--data'], ['u', '--user'], ['F', '--form'], ['A', '--user-agent'], ['b', '--cookie'],
  ['e', '--referer'], ['m', '--max-time'], ['o', '--output'], ['x', '--proxy'], ['E', '--cert'], ['w', '--write-out'], ['T', '--upload-file'],
  ['c', '--cookie-jar'], ['K', '--config'],
]);
// Short flags without a value: -s -S -L -k -i -v -f -G -I -N -# -0 -1 -2 -3 -4 -6 -g -j -n -O -R -q -Z.
const SHORT_FLAGS = new Map<string, string>([['G', '--get'], ['I', '--head']]);
const KNOWN_SHORT_FLAGS = new Set('sSLkivfGINg#0123456jnORqZ'.split(''));

type Token = string | { op: string } | { comment: string } | { op: 'glob'; pattern: string };

/** Shell words of the first curl command in `text` (continuations joined; pipes and what follows dropped). */
export function curlWords(text: string): { words: string[]; warnings: string[] } {
  const warnings: string[] = [];
  const joined = text
    .replace(/^\s*[$>]\s+/, '') // a prompt copied with the command
    .replace(/\\\r?\n/g, ' ') // POSIX line continuation
    .replace(/\s\^\r?\n/g, ' ') // cmd.exe continuation
    .replace(/`\r?\n/g, ' '); // PowerShell continuation
  // Keep $VAR / ${VAR} as written: they are the user's placeholders (often secrets), never expanded.
  const tokens = parseShell(joined, (name: string) => `$${name}`) as Token[];
  const words: string[] = [];
  let started = false;
  for (const t of tokens) {
    if (typeof t === 'string') {
      if (!started) {
        if (/^curl(\.exe)?$/i.test(t.replace(/^.*[\\/]/, ''))) started = true;
        continue;
      }
      words.push(t);
    } else if ('comment' in t) {
      break;
    } else if (t.op === 'glob' && 'pattern' in t) {
      if (started) words.push(t.pattern);
    } else if (started) {
      // `| jq .` and the like only format the output; anything else is another command.
      if (t.op !== '|') warnings.push(`Only the first curl command is imported; the text after "${t.op}" is ignored.`);
      break;
    }
  }
  if (!started) warnings.push('No "curl" command found in the text.');
  return { words, warnings };
}

/** Reads curl's options from shell words. Unknown options are noted, never guessed at. */
export function parseCurlWords(words: string[]): CurlRequest {
  const req: CurlRequest = { headers: [], data: [], form: [], get: false, head: false, cookies: [], ignored: [], warnings: [] };
  const apply = (opt: string, value: string) => {
    switch (VALUE_OPTIONS.get(opt)) {
      case 'request': req.method = value.toUpperCase(); break;
      case 'header': {
        const i = value.indexOf(':');
        if (i > 0) req.headers.push({ name: value.slice(0, i).trim(), value: value.slice(i + 1).trim() });
        else if (value.endsWith(';')) req.headers.push({ name: value.slice(0, -1).trim(), value: '' });
        else req.warnings.push(`Header "${value}" has no ":"; it is ignored.`);
        break;
      }
      case 'data': req.data.push({ kind: 'data', value }); break;
      case 'raw': req.data.push({ kind: 'raw', value }); break;
      case 'binary': req.data.push({ kind: 'binary', value }); break;
      case 'urlencode': req.data.push({ kind: 'urlencode', value }); break;
      case 'json': req.data.push({ kind: 'json', value }); break;
      case 'user': req.user = value; break;
      case 'url': req.url ??= value; break;
      case 'form': req.form.push(value); break;
      case 'user-agent': req.userAgent = value; break;
      case 'cookie': req.cookies.push(value); break;
      case 'referer': req.headers.push({ name: 'Referer', value }); break;
      case 'bearer': req.bearer = value; break;
      case 'upload': req.warnings.push(`--upload-file ${value}: a file upload cannot be a Flow HTTP callout body; paste a sample body instead.`); break;
      case 'aws': req.warnings.push('--aws-sigv4: AWS signing belongs on an external credential with the AwsSv4 protocol.'); break;
      case 'config': req.warnings.push(`-K/--config ${value}: options in a config file are not read.`); break;
      default: req.ignored.push(opt);
    }
  };
  for (let i = 0; i < words.length; i++) {
    const w = words[i];
    if (w.startsWith('--') && w.length > 2) {
      const eq = w.indexOf('=');
      const name = eq > 0 && VALUE_OPTIONS.has(w.slice(0, eq)) ? w.slice(0, eq) : w;
      if (VALUE_OPTIONS.has(name)) {
        const value = name === w ? words[++i] : w.slice(eq + 1);
        if (value === undefined) req.warnings.push(`${name} has no value; it is ignored.`);
        else apply(name, value);
      } else if (name === '--get') req.get = true;
      else if (name === '--head') req.head = true;
      else if (name === '--basic' || name === '--compressed' || name === '--location' || name === '--silent' || name === '--show-error' || name === '--insecure' || name === '--include' || name === '--verbose' || name === '--fail' || name.startsWith('--http') || name.startsWith('--tls') || name === '--globoff') req.ignored.push(name);
      else req.warnings.push(`Unknown curl option ${name}; it is ignored (if it takes a value, that value may have been read as the URL).`);
    } else if (w.startsWith('-') && w.length > 1) {
      // Short options can be combined (-sSL) and a value can follow directly (-XPOST, -H'…').
      for (let j = 1; j < w.length; j++) {
        const c = w[j];
        const long = SHORT.get(c);
        if (long) {
          const rest = w.slice(j + 1);
          const value = rest.length ? rest : words[++i];
          if (value === undefined) req.warnings.push(`-${c} has no value; it is ignored.`);
          else apply(long, value);
          break;
        }
        const flag = SHORT_FLAGS.get(c);
        if (flag === '--get') req.get = true;
        else if (flag === '--head') req.head = true;
        else if (KNOWN_SHORT_FLAGS.has(c)) req.ignored.push(`-${c}`);
        else req.warnings.push(`Unknown curl option -${c}; it is ignored.`);
      }
    } else if (req.url === undefined) {
      req.url = w;
    } else {
      req.warnings.push(`"${w}" is a second URL; only the first (${req.url}) is imported.`);
    }
  }
  return req;
}
