// The Lightning Flow Scanner anchor (@flow-scanner/lightning-flow-scanner-core@6.6.0): its public
// parse(paths) + scan(parsed), and the same two steps on text already in memory (its parse() minus the file
// read: the same fast-xml-parser options, the same Flow/ParsedFlow construction — copied from
// main/libs/ParseFlows.js of 6.6.0).
import { createRequire } from 'node:module';
import { Flow, getRules, ParsedFlow, parse, scan, type ScanResult } from '@flow-scanner/lightning-flow-scanner-core';

const scannerRequire = createRequire(require.resolve('@flow-scanner/lightning-flow-scanner-core'));
// The scanner's own fast-xml-parser (its dependency, resolved from its folder).
const { XMLParser } = scannerRequire('fast-xml-parser') as { XMLParser: new (o: Record<string, unknown>) => { parse(text: string): { Flow?: unknown } } };

export const SCANNER_VERSION: string = (scannerRequire('./package.json') as { version: string }).version;

/** How many rules scan() runs with no options (its defaults, detail level "enriched": violations get line numbers). */
export const SCANNER_DEFAULT_RULES = getRules().length;

export async function scannerParseAndScanFiles(paths: string[]): Promise<ScanResult[]> {
  return scan(await parse(paths));
}

export function scannerParseText(items: { path: string; text: string }[]): ParsedFlow[] {
  const parser = new XMLParser({ attributeNamePrefix: '@_', ignoreAttributes: false, ignoreNameSpace: false, parseTagValue: false, textNodeName: '#text' });
  const out: ParsedFlow[] = [];
  for (const { path, text } of items) {
    try {
      out.push(new ParsedFlow(path, new Flow(path, parser.parse(text).Flow)));
    } catch (e) {
      out.push(new ParsedFlow(path, undefined as unknown as Flow, (e as Error).message));
    }
  }
  return out;
}

export function scannerParseAndScanText(items: { path: string; text: string }[]): ScanResult[] {
  return scan(scannerParseText(items));
}

export function violationCount(results: ScanResult[]): number {
  let n = 0;
  for (const r of results) for (const rr of r.ruleResults) if (rr.occurs) n += rr.details.length;
  return n;
}
