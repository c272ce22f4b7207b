// Where the values for a send from a flow come from, besides the flow itself: a Flow Test of the project
// (`*.flowtest-meta.xml`: the `$Record` it starts with — Metadata API FlowTest, FlowTestParameter types
// InputTriggeringRecordInitial / InputTriggeringRecordUpdated, reference §3.1) and the test-inputs file the user
// saves per action (`.flowcallout/tests/<Flow>.<Action>.yaml`: parameter names or flow references → values).
import { parse as parseYaml } from 'yaml';
import { child, childrenNamed, childText, parseXml } from '../parse/xml';

export interface FlowTestInputs {
  flowApiName: string;
  label: string;
  /** `$Record` as the test sets it (the updated record for an update test). */
  record?: Record<string, unknown>;
  /** `$Record__Prior` (the initial record of an update test). */
  recordPrior?: Record<string, unknown>;
}

/** The test-inputs file of an action, relative to the project root. */
export function testInputsPath(flowName: string, element: string): string {
  return `.flowcallout/tests/${flowName}.${element}.yaml`;
}

function sobject(text: string | undefined): Record<string, unknown> | undefined {
  if (!text) return undefined;
  try {
    const v = JSON.parse(text) as unknown;
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** A Flow Test's starting `$Record`, or undefined when the text is not a FlowTest. */
export function readFlowTest(text: string): FlowTestInputs | undefined {
  const root = parseXml(text).root;
  if (!root || root.name !== 'FlowTest') return undefined;
  const out: FlowTestInputs = { flowApiName: childText(root, 'flowApiName') ?? '', label: childText(root, 'label') ?? '' };
  let initial: Record<string, unknown> | undefined;
  let updated: Record<string, unknown> | undefined;
  for (const point of childrenNamed(root, 'testPoints')) {
    if (childText(point, 'elementApiName') !== 'Start') continue;
    for (const p of childrenNamed(point, 'parameters')) {
      if (childText(p, 'leftValueReference') !== '$Record') continue;
      const value = sobject(childText(child(p, 'value'), 'sobjectValue'));
      if (childText(p, 'type') === 'InputTriggeringRecordUpdated') updated = value;
      else if (childText(p, 'type') === 'InputTriggeringRecordInitial') initial = value;
    }
  }
  if (updated) {
    out.record = updated;
    out.recordPrior = initial;
  } else {
    out.record = initial;
  }
  return out;
}

export interface SavedTestInputs {
  /** Values by parameter name or flow reference (`customerId`, `$Record.Email`, `orderRequest`). */
  values: Record<string, unknown>;
  error?: string;
}

/** The saved test-inputs file (YAML map). A file that is not a map is an error the user can fix. */
export function readTestInputs(text: string, file: string): SavedTestInputs {
  try {
    const v = parseYaml(text) as unknown;
    if (v === null || v === undefined) return { values: {} };
    if (typeof v !== 'object' || Array.isArray(v)) return { values: {}, error: `${file} must be a map of input names to values (e.g. "customerId: C-77").` };
    return { values: v as Record<string, unknown> };
  } catch (e) {
    return { values: {}, error: `${file} is not valid YAML (${(e as Error).message.split('\n')[0]}). Fix it or delete it.` };
  }
}
