// Secrets are named by reference (`ExternalCRM.apiKey`: credential, then parameter) and resolved at send
// time by whoever holds them: VS Code SecretStorage in the extension, environment variables in the CLI.
// Every value resolved goes into a SecretMasker, and everything the engine outputs passes through it, so a
// secret never reaches a file, a log, the panel, the history or the terminal — only `••••`.

export const MASK = '••••';

/** `Credential.parameter`: letters, digits, `_` and `-`; never a value. */
export const SECRET_REF = /^[A-Za-z][A-Za-z0-9_]*\.[A-Za-z][A-Za-z0-9_-]*$/;

export interface SecretResolver {
  get(ref: string): Promise<string | undefined>;
  /** What a person does to set the secret, for messages. */
  howToSet(ref: string): string;
}

/** The environment variable that holds a secret for the CLI: `FLOW_CALLOUT_SECRET_EXTERNALCRM_APIKEY`. */
export function secretEnvName(ref: string): string {
  return `FLOW_CALLOUT_SECRET_${ref.toUpperCase().replace(/[^A-Z0-9]+/g, '_')}`;
}

/** Secrets from environment variables (the CLI). The env is passed in, not read from the process here. */
export function envSecretResolver(env: Record<string, string | undefined>): SecretResolver {
  return {
    async get(ref) {
      const v = env[secretEnvName(ref)];
      return v === undefined || v === '' ? undefined : v;
    },
    howToSet: (ref) => `Set the environment variable ${secretEnvName(ref)} (secret ${ref}).`,
  };
}

/** Secrets from a fixed map (tests, one-off values). */
export function mapSecretResolver(values: Record<string, string>, howToSet = (ref: string) => `Provide the secret ${ref}.`): SecretResolver {
  return { get: async (ref) => values[ref], howToSet };
}

/**
 * Replaces every known secret (and the forms it travels in: Base64 inside a Basic header, URL-encoded in a
 * query or form body) with `••••`. Longest first, so a secret that contains another is masked whole.
 */
/**
 * A merge field or input whose name says it may hold a secret (a password, token, API key…): a value typed for
 * it is asked without echo, masked in the result like a stored secret, and never remembered on disk.
 */
export function mayBeSecret(name: string): boolean {
  const words = name.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase().split(/[^a-z0-9]+/).filter((w) => w && w !== 'c');
  return words.some((w, i) => SECRET_WORDS.has(w) || SECRET_WORDS.has(w + (words[i + 1] ?? '')));
}
const SECRET_WORDS = new Set([
  'password', 'passwd', 'passphrase', 'pwd', 'secret', 'token', 'apikey', 'accesskey', 'privatekey', 'secretkey',
  'auth', 'authorization', 'credential', 'credentials', 'bearer', 'session', 'sessionid', 'pin', 'ssn', 'otp', 'signature',
]);

export class SecretMasker {
  private readonly values = new Set<string>();
  private sorted: string[] | undefined;

  add(value: string | undefined): void {
    if (!value) return;
    for (const form of [value, encodeURIComponent(value), JSON.stringify(value).slice(1, -1)]) {
      if (form) this.values.add(form);
    }
    this.sorted = undefined;
  }

  /** A Basic credential: the pair's Base64 form is as secret as the password (the user name is not masked). */
  addBasic(username: string, password: string): void {
    this.add(password);
    this.add(Buffer.from(`${username}:${password}`, 'utf8').toString('base64'));
  }

  get size(): number {
    return this.values.size;
  }

  mask(text: string): string {
    if (!this.values.size || !text) return text;
    this.sorted ??= [...this.values].sort((a, b) => b.length - a.length);
    let out = text;
    for (const v of this.sorted) if (out.includes(v)) out = out.split(v).join(MASK);
    return out;
  }

  /** A deep copy of plain data with every string value masked (and keys, see maskKey). */
  maskDeep<T>(value: T): T {
    if (!this.values.size) return value;
    return this.walk(value, 0) as T;
  }

  private walk(value: unknown, depth: number): unknown {
    if (typeof value === 'string') return this.mask(value);
    if (value === null || typeof value !== 'object' || depth > 200) return value;
    if (Array.isArray(value)) return value.map((v) => this.walk(v, depth + 1));
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[this.maskKey(k)] = this.walk(v, depth + 1);
    return out;
  }

  /** Keys are masked too (a response may echo a secret as a key), but not by a secret shorter than 4
   *  characters, which would garble the result's own field names. */
  private maskKey(key: string): string {
    this.sorted ??= [...this.values].sort((a, b) => b.length - a.length);
    let out = key;
    for (const v of this.sorted) if (v.length >= 4 && out.includes(v)) out = out.split(v).join(MASK);
    return out;
  }
}
