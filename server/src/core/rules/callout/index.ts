// Every callout-definition rule, in report order. To add a rule: a file beside this one, then list it here.
import type { CalloutRule } from '../types';
import { bodyNotAllowed } from './bodyNotAllowed';
import { emptyStringResponse } from './emptyStringResponse';
import { encodedProperty } from './encodedProperty';
import { enumParameter } from './enumParameter';
import { linkedFlow } from './linkedFlow';
import { mergeField } from './mergeField';
import { mixedArray } from './mixedArray';
import { namedCredential } from './namedCredential';
import { nestedList } from './nestedList';
import { nestingDepth } from './nestingDepth';
import { nullSample } from './nullSample';
import { numberType } from './numberType';
import { onlySuccessResponse } from './onlySuccessResponse';
import { outputFrom } from './outputFrom';
import { outputThroughList } from './outputThroughList';
import { outputVariable } from './outputVariable';
import { pathParameters } from './pathParameters';
import { requestHeader } from './requestHeader';
import { serviceName } from './serviceName';
import { typeOverride } from './typeOverride';

export const CALLOUT_RULES: CalloutRule[] = [
  serviceName, namedCredential, linkedFlow, bodyNotAllowed, requestHeader, pathParameters, enumParameter, mergeField,
  mixedArray, nestedList, nullSample, numberType, nestingDepth, emptyStringResponse, encodedProperty, onlySuccessResponse,
  typeOverride, outputFrom, outputThroughList, outputVariable,
];
