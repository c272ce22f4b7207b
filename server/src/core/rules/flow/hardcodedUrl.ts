// Hard-coded URLs. An org URL (My Domain, Lightning, Experience Cloud, instance hosts) points at one org and is
// reported wherever it appears. Any other URL is an endpoint only where its value reaches something that
// calls out: an input named like url/endpoint/uri of an Apex or other invocable action (directly, or through
// the constant, variable, formula, text template or assignment that fills it). Links people click — `<a href>`
// and `<img>` in an email body, help links in text templates and constants — and DTD / xmlns URIs are not
// endpoints (docs/salesforce-facts.md "Hard-coded endpoints").
import type { XmlElement } from '../../parse/xml';
import { child, childText } from '../../parse/xml';
import type { FlowAnalysis } from '../../flow/analysis';
import { leavesUnder, rawText, type ReferenceSite } from '../../flow/sites';
import { capNote, MAX_FINDINGS } from './cap';
import type { FlowRule } from './types';

/** Leaves that hold values or text (org URLs are reported in any of them). */
const URL_TAGS = new Set(['stringValue', 'expression', 'formulaExpression', 'fieldText', 'text', 'helpText', 'errorMessage', 'label', 'interviewLabel']);
const URL = /https?:\/\/[^\s"'<>(){}[\]&]+/gi;
const ORG_HOST = /(\.my\.salesforce\.com|\.force\.com|\.my\.site\.com|\.salesforce-sites\.com|\.cloudforce\.com|\.visualforce\.com|\.my\.salesforce-setup\.com)$|^(na|eu|ap|cs|um|gs|usa)\d+\.salesforce\.com$/i;
/**
 * Experience Cloud site and Salesforce Sites hosts (enhanced domains: `MyDomainName.my.site.com`,
 * `MyDomainName.my.salesforce-sites.com`; a sandbox's are `MyDomainName--SandboxName.sandbox.my.site.com` …).
 * $Api.Partner_Server_URL_xxx and relative /lightning/ links give the org's own URL, not a site's, so the fix for
 * a site link is the site's base URL kept in a custom label or custom metadata. Help "My Domain URL Formats"
 * (docs/salesforce-facts.md URL-1).
 */
const SITE_HOST = /\.my\.site\.com$|\.salesforce-sites\.com$/i;
/** A namespace (`xmlns="…"`, `xmlns:x='…'`) right before the URL, raw or entity-encoded. */
const XMLNS_BEFORE = /xmlns(?::[\w.-]+)?\s*=\s*(?:"|'|&quot;|&apos;)?$/i;

export const hardcodedUrl: FlowRule = {
  id: 'flow-hardcoded-url',
  defaultSeverity: 'warning',
  doc: 'A hard-coded org URL (anywhere), or a hard-coded endpoint passed to an action input named like url/endpoint/uri: both belong in a named credential, custom metadata or a formula on the org\'s own URL.',
  source: 'reference §1.7 (endpoints and authentication live in named/external credentials), §4; docs/salesforce-facts.md "Hard-coded endpoints and Ids" (links and DTD/xmlns URIs are not called)',
  check(ctx) {
    const { analysis } = ctx;
    const { model, leafMemos } = analysis;
    let endpoints: Map<XmlElement, string> | undefined;
    const found: { offset: number; length: number; message: string }[] = [];
    for (const el of analysis.textLeaves) {
      // A leaf without "http" has no URL: not scanned, nor remembered (most leaves).
      if (!URL_TAGS.has(el.name) || !el.text.includes('http')) continue;
      // The leaf's URLs, by their place in its text: scanned once per leaf text (flow/leafMemo.ts).
      for (const { at, length, host, org } of leafMemos.get('flow-hardcoded-url', el, () => urlsIn(rawText(model, el)))) {
        if (org) {
          found.push({
            offset: el.textOffset + at, length,
            message: SITE_HOST.test(host)
              ? `Hard-coded site URL (${host}): an Experience Cloud or Salesforce Sites host differs in every sandbox and changes with a My Domain change. Keep the site's base URL in a custom label or custom metadata and build the link from it ($Api.Partner_Server_URL_xxx and /lightning/ links give the org's URL, not the site's).`
              : `Hard-coded org URL (${host}): it points at one org and breaks in sandboxes, scratch orgs and after a My Domain change. Build it from a formula on $Api.Partner_Server_URL_xxx, a custom label or custom metadata, or use a relative link (/lightning/r/…).`,
          });
          continue;
        }
        endpoints ??= endpointLeaves(analysis);
        const via = endpoints.get(el);
        if (!via) continue;
        found.push({
          offset: el.textOffset + at, length,
          message: `Hard-coded endpoint ${host}, passed to ${via}: calls to it bypass named credentials (authentication, per-org endpoints). Call it through an HTTP Callout action on a named credential, or keep the URL in custom metadata.`,
        });
      }
    }
    for (const [i, f] of found.slice(0, MAX_FINDINGS).entries()) ctx.report({ ...f, message: f.message + capNote(i, found.length, 'hard-coded URL') });
  },
};

/** The URLs in a leaf's raw text, but declaration URIs, with their host and whether it is an org's. */
function urlsIn(raw: string): { at: number; length: number; host: string; org: boolean }[] {
  const out: { at: number; length: number; host: string; org: boolean }[] = [];
  URL.lastIndex = 0;
  for (let m = URL.exec(raw); m; m = URL.exec(raw)) {
    if (declarationUri(raw, m.index)) continue;
    const host = /^https?:\/\/([^/:?#]+)/i.exec(m[0])?.[1] ?? '';
    out.push({ at: m.index, length: m[0].length, host, org: ORG_HOST.test(host) });
  }
  return out;
}

/** A DTD (`<!DOCTYPE … "http://www.w3.org/TR/…dtd">`) or namespace URI: an identifier, never fetched by Flow. */
function declarationUri(raw: string, at: number): boolean {
  const before = raw.slice(Math.max(0, at - 300), at);
  if (XMLNS_BEFORE.test(before)) return true;
  const doctype = before.toUpperCase().lastIndexOf('!DOCTYPE');
  return doctype >= 0 && !/>|&gt;/i.test(before.slice(doctype));
}

/** An input name that carries an endpoint: `Endpoint`, `url`, `baseUrl`, `endpointURL`, `resource_uri`. */
function endpointInput(name: string): boolean {
  const lower = name.toLowerCase();
  if (lower.includes('endpoint') || lower.includes('url')) return true;
  return name.split(/_|(?<=[a-z0-9])(?=[A-Z])/).some((t) => t.toLowerCase() === 'uri' || t.toLowerCase() === 'uris');
}

/**
 * Leaves whose value reaches an endpoint-like action input, with what they reach (`MakeHTTPCall input Endpoint`):
 * the input's own value, and — transitively, through references — the constants, variables, formulas, text
 * templates and assignments that fill it. External Service actions are left out: their endpoint is the named
 * credential, and a `url` input there is data sent to the API.
 */
function endpointLeaves(analysis: FlowAnalysis): Map<XmlElement, string> {
  const { model } = analysis;
  const out = new Map<XmlElement, string>();
  const sitesByLeaf = new Map<XmlElement, ReferenceSite[]>();
  for (const s of analysis.sites) {
    const list = sitesByLeaf.get(s.el);
    if (list) list.push(s);
    else sitesByLeaf.set(s.el, [s]);
  }
  const reached = new Map<string, string>();
  const queue: string[] = [];
  /** Marks `container`'s value leaves as reaching `via`, and queues the resources they reference. */
  const take = (container: XmlElement, via: string) => {
    leavesUnder(container, (leaf) => {
      if (leaf.name === 'name') return;
      if (URL_TAGS.has(leaf.name) && !out.has(leaf)) out.set(leaf, via);
      for (const s of sitesByLeaf.get(leaf) ?? []) {
        const name = s.path.split('.')[0].toLowerCase();
        if (!reached.has(name)) {
          reached.set(name, via);
          queue.push(name);
        }
      }
    });
  };
  for (const element of model.elements.values()) {
    if (element.kind !== 'actionCalls') continue;
    const actionType = childText(element.el, 'actionType') ?? '';
    if (actionType === 'externalService') continue;
    const actionName = childText(element.el, 'actionName') ?? element.name;
    for (const p of element.el.children) {
      if (p.name !== 'inputParameters') continue;
      const name = childText(p, 'name');
      const value = child(p, 'value');
      if (name && value && endpointInput(name)) take(value, `${actionName} input ${name}`);
    }
  }
  const assignmentsTo = new Map<string, XmlElement[]>();
  for (const element of model.elements.values()) {
    if (element.kind !== 'assignments') continue;
    for (const item of element.el.children) {
      if (item.name !== 'assignmentItems') continue;
      const target = childText(item, 'assignToReference')?.split('.')[0].toLowerCase();
      const value = child(item, 'value');
      if (!target || !value) continue;
      const list = assignmentsTo.get(target);
      if (list) list.push(value);
      else assignmentsTo.set(target, [value]);
    }
  }
  while (queue.length) {
    const name = queue.pop()!;
    const via = reached.get(name)!;
    const decl = model.names.get(name);
    if (decl && (decl.kind === 'constant' || decl.kind === 'variable' || decl.kind === 'formula' || decl.kind === 'textTemplate')) {
      for (const part of decl.el.children) if (part.name === 'value' || part.name === 'expression' || part.name === 'text') take(part, via);
    }
    for (const value of assignmentsTo.get(name) ?? []) take(value, via);
  }
  return out;
}
