import type { CanonicalEvent } from '@vigil/schemas';

export const REDACTED = '[REDACTED]';

/**
 * Key names whose values are secrets, in normalized form (see `normalizeKey`). A key matches when
 * its normalized name equals a term or ends with `_<term>`: `client_secret`, `x-api-key`,
 * `newPassword` and `Set-Cookie` match; `secret_uid` (Keeper), `token_id`, `token_type`,
 * `auth_method`, `password_stage` and `public_key` do not, because the last word names what the
 * value is. Booleans and nulls are never secrets (`has_password: true` stays).
 */
export const DEFAULT_SECRET_KEYS: readonly string[] = [
  'password',
  'passwd',
  'passphrase',
  'secret',
  'client_secret',
  'token',
  'api_key',
  'apikey',
  'access_key',
  'secret_key',
  'private_key',
  'session_key',
  'authorization',
  'cookie',
  'cookies',
  'credential',
  'credentials',
];

/** A last word that says the value identifies something rather than being the secret itself. */
const IDENTIFIER_SUFFIXES = new Set(['id', 'ids', 'uid', 'uuid', 'pk']);

export interface RedactorOptions {
  /** Replaces the default key terms. */
  keys?: readonly string[];
  /** Added to the key terms (the operator's own secret field names). */
  extraKeys?: readonly string[];
  /** Extra patterns for free text; a named group `secret` limits the replacement to that part. */
  valuePatterns?: readonly RegExp[];
}

export interface RedactorCounters {
  events: number;
  /** Values replaced because of their key. */
  keys: number;
  /** Secrets replaced inside free text. */
  patterns: number;
}

export interface Redactor {
  /** Returns a scrubbed event; the input is never mutated (unchanged parts are shared with it). */
  redact(event: CanonicalEvent): CanonicalEvent;
  /** The pipeline's stage interface; the same as `redact`. */
  apply(event: CanonicalEvent): CanonicalEvent;
  readonly counters: RedactorCounters;
}

/** `clientSecret`, `Client-Secret`, `CLIENT_SECRET`, `client.secret` -> `client_secret`. */
export function normalizeKey(key: string): string {
  return key
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/([A-Z])([A-Z][a-z])/g, '$1_$2')
    .replace(/[^A-Za-z0-9]+/g, '_')
    .replace(/^_|_$/g, '')
    .toLowerCase();
}

/** Left alone: nothing to hide, already starred by the vendor (authentik), or already redacted. */
function isMasked(value: string): boolean {
  return value === '' || value === REDACTED || /^\*+$/.test(value);
}

/** Drops words that contain another word: `apikey` is found by `key`, `cookies` by `cookie`. */
function minimalWords(words: readonly string[]): string[] {
  const unique = [...new Set(words)];
  return unique.filter((word) => !unique.some((other) => other !== word && word.includes(other)));
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

type Rewrite = (text: string) => string;

/** Schemes the authorization rule handles, so the key=value rule leaves `Authorization: Bearer` to it. */
const AUTH_SCHEME = /^(?:Bearer|Basic|Digest|Negotiate|Token)$/i;

class SecretRedactor implements Redactor {
  readonly counters: RedactorCounters = { events: 0, keys: 0, patterns: 0 };
  readonly apply = (event: CanonicalEvent): CanonicalEvent => this.redact(event);
  private readonly terms: readonly string[];
  private readonly keyVerdicts = new Map<string, boolean>();
  /** Cheap test before any pattern runs: most strings contain none of these words. */
  private readonly trigger: RegExp;
  private readonly rewrites: readonly Rewrite[];
  /** Custom patterns cannot be pre-tested by the trigger, so with any configured every string runs them. */
  private readonly alwaysRewrite: boolean;

  constructor(options: RedactorOptions) {
    const keys = [...(options.keys ?? DEFAULT_SECRET_KEYS), ...(options.extraKeys ?? [])];
    this.terms = [...new Set(keys.map(normalizeKey))].filter((term) => term !== '');
    // A key ending in a term contains the term's last word whatever its case or separators.
    const lastWords = this.terms.map((term) => term.split('_').pop() ?? term);
    const patternWords = ['bearer', 'basic', 'digest', 'negotiate', 'begin', 'eyj', 'akia', 'asia', 'abia', 'acca'];
    this.trigger = new RegExp(
      minimalWords([...lastWords, ...patternWords])
        .map(escapeRegExp)
        .join('|'),
      'i',
    );
    this.rewrites = this.builtInRewrites().concat((options.valuePatterns ?? []).map((p) => this.customRewrite(p)));
    this.alwaysRewrite = (options.valuePatterns ?? []).length > 0;
  }

  isSecretKey(key: string): boolean {
    let verdict = this.keyVerdicts.get(key);
    if (verdict === undefined) {
      const name = normalizeKey(key);
      const last = name.slice(name.lastIndexOf('_') + 1);
      verdict = !IDENTIFIER_SUFFIXES.has(last) && this.terms.some((term) => name === term || name.endsWith(`_${term}`));
      // Vendor JSON can carry arbitrary keys; stop remembering rather than grow without bound.
      if (this.keyVerdicts.size > 10_000) this.keyVerdicts.clear();
      this.keyVerdicts.set(key, verdict);
    }
    return verdict;
  }

  redact(event: CanonicalEvent): CanonicalEvent {
    this.counters.events++;
    const { original, ...meta } = event.event;
    const redactedMeta = this.redactValue(meta, false) as Omit<CanonicalEvent['event'], 'original'>;
    const redactedOriginal = original === undefined ? undefined : this.scrubString(original);
    const { event: _event, ...rest } = event;
    const redactedRest = this.redactValue(rest, false);
    if (redactedMeta === meta && redactedOriginal === original && redactedRest === rest) return event;
    const eventOut: CanonicalEvent['event'] = { ...redactedMeta };
    if (redactedOriginal !== undefined) eventOut.original = redactedOriginal;
    return { ...(redactedRest as Omit<CanonicalEvent, 'event'>), event: eventOut };
  }

  /** Walks any JSON value; returns the same reference when nothing in it changed. */
  private redactValue(value: unknown, secret: boolean): unknown {
    if (typeof value === 'string') {
      if (!secret) return this.scrubString(value);
      if (isMasked(value)) return value;
      this.counters.keys++;
      return REDACTED;
    }
    if (typeof value === 'number' || typeof value === 'bigint') {
      if (!secret) return value;
      this.counters.keys++;
      return REDACTED;
    }
    if (Array.isArray(value)) {
      let copy: unknown[] | undefined;
      value.forEach((item, index) => {
        const redacted = this.redactValue(item, secret);
        if (redacted !== item) (copy ??= [...value])[index] = redacted;
      });
      return copy ?? value;
    }
    if (value === null || typeof value !== 'object') return value;
    let copy: Record<string, unknown> | undefined;
    for (const [key, child] of Object.entries(value)) {
      const redacted = this.redactValue(child, secret || this.isSecretKey(key));
      if (redacted !== child) (copy ??= { ...value })[key] = redacted;
    }
    return copy ?? value;
  }

  /**
   * Any string that is not under a secret key, `event.original` included. A string holding JSON
   * (a whole record, or a vendor field such as PrivX's `modifications`) is scrubbed like the event,
   * keys and text, and re-serialized only if something changed; anything else is free text.
   */
  scrubString(text: string): string {
    if (!this.alwaysRewrite && !this.trigger.test(text)) return text;
    const start = text.trimStart()[0];
    if (start === '{' || start === '[') {
      let parsed: unknown;
      try {
        parsed = JSON.parse(text);
      } catch {
        return this.scrubText(text);
      }
      const redacted = this.redactValue(parsed, false);
      return redacted === parsed ? text : JSON.stringify(redacted);
    }
    return this.scrubText(text);
  }

  /** Free text: everything that looks like a secret is replaced, the words around it stay. */
  private scrubText(text: string): string {
    let out = text;
    for (const rewrite of this.rewrites) out = rewrite(out);
    return out;
  }

  private replaceSecret(prefix: string, secret: string, suffix = ''): string {
    if (isMasked(secret)) return prefix + secret + suffix;
    this.counters.patterns++;
    return prefix + REDACTED + suffix;
  }

  private builtInRewrites(): Rewrite[] {
    return [
      // PEM private keys, to the END line or, when cut off, to the end of the text.
      (text) =>
        text.replace(
          /(-----BEGIN ((?:[A-Z0-9]+ )*PRIVATE KEY)-----)[\s\S]*?(-----END \2-----|$)/g,
          (_match, begin: string, _label: string, end: string) => {
            this.counters.patterns++;
            return `${begin}${REDACTED}${end}`;
          },
        ),
      // HTTP authorization schemes followed by something that looks like a credential, not a word.
      // "the access token 5f3a9c2e1b" in prose is replaced too: over-redacting beats a leak.
      (text) =>
        text.replace(
          /\b(Bearer|Basic|Digest|Negotiate|Token)(\s+)([A-Za-z0-9\-._~+/]+=*)/gi,
          (match, scheme: string, space: string, credential: string) =>
            looksLikeCredential(credential) ? this.replaceSecret(scheme + space, credential) : match,
        ),
      // `"password": "..."` inside text that is not itself parsed JSON (syslog payloads, messages).
      (text) =>
        text.replace(
          /("([^"\\]{1,64})"\s*:\s*)("(?:[^"\\]|\\.)*"|-?\d+(?:\.\d+)?)/g,
          (match, head: string, key: string, value: string) => {
            if (!this.isSecretKey(key)) return match;
            const quoted = value.startsWith('"');
            return quoted ? this.replaceSecret(`${head}"`, value.slice(1, -1), '"') : this.replaceSecret(head, value);
          },
        ),
      // `password=...` in query strings, key=value logs and CEF extensions; `password: ...` in prose.
      (text) =>
        text.replace(
          /(^|[\s?&;,{([])([A-Za-z][\w.-]{0,63})(\s*[=:]\s*)("[^"]*"|'[^']*'|[^\s&;,"'<>]+)/g,
          (match, lead: string, key: string, separator: string, value: string) => {
            // `Authorization: Bearer <token>`: the scheme rule has already replaced the credential.
            if (!this.isSecretKey(key) || AUTH_SCHEME.test(value)) return match;
            const quote = value[0] === '"' || value[0] === "'" ? value[0] : '';
            const inner = quote ? value.slice(1, -1) : value;
            return this.replaceSecret(`${lead}${key}${separator}${quote}`, inner, quote);
          },
        ),
      (text) => text.replace(/\beyJ[\w-]{5,}\.[\w-]{5,}\.[\w-]*/g, (jwt) => this.replaceSecret('', jwt)),
      (text) => text.replace(/\b(?:AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}\b/g, (key) => this.replaceSecret('', key)),
    ];
  }

  private customRewrite(pattern: RegExp): Rewrite {
    const global = pattern.global ? pattern : new RegExp(pattern.source, `${pattern.flags}g`);
    return (text) =>
      text.replace(global, (...args: unknown[]) => {
        const match = args[0] as string;
        const groups = args.at(-1);
        const secret =
          typeof groups === 'object' && groups !== null ? (groups as { secret?: string }).secret : undefined;
        if (secret === undefined) return this.replaceSecret('', match);
        const at = match.indexOf(secret);
        return this.replaceSecret(match.slice(0, at), secret, match.slice(at + secret.length));
      });
  }
}

/** At least 8 characters with a digit or symbol, or mixed case: `Bearer token expired` stays. */
function looksLikeCredential(candidate: string): boolean {
  if (candidate.length < 8) return false;
  return /[\d+/=_.~-]/.test(candidate) || (/[a-z]/.test(candidate) && /[A-Z]/.test(candidate.slice(1)));
}

export function createRedactor(options: RedactorOptions = {}): Redactor {
  return new SecretRedactor(options);
}
