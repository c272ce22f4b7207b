// The generators' core, bundled on its own (dist/generators.js) and required on the first generator command,
// so activation stays as light as it was: the YAML/XML/shell parsers load only when someone generates.
export { definitionToCurl } from '../../../server/src/core/generate/curl';
export { esrFileName, generateEsr } from '../../../server/src/core/generate/esr';
export { formatApexTypesMarkdown, previewApexTypes } from '../../../server/src/core/generate/apexTypes';
export { importCurl } from '../../../server/src/core/generate/importCurl';
export { esrNameOf, importEsr } from '../../../server/src/core/generate/importEsr';
export { decideWrite, withMarker, writeFileAtomic } from '../../../server/src/core/generate/files';
export { CalloutDefinition } from '../../../server/src/core/model/definition';
export { parseCalloutText } from '../../../server/src/core/parse';
export { readExternalCredential, readNamedCredential } from '../../../server/src/core/project/metadata';
export { checkServiceName, newDefinitionFileName, newDefinitionYaml, NEW_DEFINITION_METHODS } from '../../../server/src/core/generate/newDefinition';
export { isValidExternalServiceName } from '../../../server/src/core/model/naming';
