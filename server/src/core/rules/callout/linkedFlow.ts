import type { CalloutRule } from '../types';

export const linkedFlow: CalloutRule = {
  id: 'callout-linked-flow',
  defaultSeverity: 'warning',
  doc: 'The linked `flow:` file is not in the project, so flow variables and $Record cannot be checked.',
  source: 'project convention (DESIGN.md: optional link to the flow that calls the action)',
  check(ctx) {
    const v = ctx.def.prop('flow')?.value;
    if (!ctx.project?.root || !v || v.type !== 'string') return;
    if (ctx.project.findFlowByPath(v.value as string)) return;
    ctx.report({ offset: v.offset, length: v.length, message: `Flow "${v.value}" was not found in the project. Give the path from the project root, e.g. force-app/main/default/flows/My_Flow.flow-meta.xml.` });
  },
};
