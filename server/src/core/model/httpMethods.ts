// The HTTP methods a Flow HTTP callout can use: "Methods GET, PATCH, PUT, POST, DELETE" (reference §1, Help
// "Schema Definitions"). The one list the tools read: Send refuses any other method, the cURL import falls back
// to GET, New Callout Definition offers these. schemas/callout.schema.json's `method` enum is the same list for
// the editors (test/unit/schema.test.ts compares them).
export const FLOW_HTTP_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;
export type FlowHttpMethod = (typeof FLOW_HTTP_METHODS)[number];

export function isFlowHttpMethod(method: string | undefined): method is FlowHttpMethod {
  return (FLOW_HTTP_METHODS as readonly string[]).includes(method ?? '');
}
