// Every flow rule, in report order. To add a rule: a file beside this one, then list it here.
import type { FlowRule } from './types';
import { actionInput } from './actionInput';
import { actionOutput } from './actionOutput';
import { calloutAfterDml } from './calloutAfterDml';
import { calloutInLoop } from './calloutInLoop';
import { hardcodedId } from './hardcodedId';
import { hardcodedUrl } from './hardcodedUrl';
import { missingFaultPath } from './missingFaultPath';
import { outputType } from './outputType';
import { recordField } from './recordField';
import { syncCallout } from './syncCallout';
import { unknownAction } from './unknownAction';
import { unreadErrorResponse } from './unreadErrorResponse';
import { unresolvedReference } from './unresolvedReference';

export const FLOW_RULES: FlowRule[] = [
  syncCallout, missingFaultPath, unreadErrorResponse, calloutInLoop, calloutAfterDml, unknownAction, actionInput, actionOutput, outputType,
  unresolvedReference, recordField, hardcodedUrl, hardcodedId,
];
