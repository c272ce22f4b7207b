// A large synthetic flow for timing and robustness tests: blocks of loop → decision → callout → assignment,
// each wired to the next, with resources and merge fields, repeated until the text reaches `bytes`.
export function generateFlow(bytes: number): string {
  const parts: string[] = [];
  let size = 0;
  let i = 0;
  while (size < bytes) {
    const next = `Loop_${i + 1}`;
    const block = `    <loops><name>Loop_${i}</name><label>Loop ${i}</label><collectionReference>leads</collectionReference><iterationOrder>Asc</iterationOrder>
        <nextValueConnector><targetReference>Check_${i}</targetReference></nextValueConnector>
        <noMoreValuesConnector><targetReference>Call_${i}</targetReference></noMoreValuesConnector></loops>
    <decisions><name>Check_${i}</name><label>Check ${i}</label><defaultConnector><targetReference>Loop_${i}</targetReference></defaultConnector>
        <rules><name>Ok_${i}</name><conditionLogic>and</conditionLogic><conditions><leftValueReference>Loop_${i}.Email</leftValueReference><operator>IsNull</operator><rightValue><booleanValue>false</booleanValue></rightValue></conditions><connector><targetReference>Set_${i}</targetReference></connector><label>Ok</label></rules></decisions>
    <assignments><name>Set_${i}</name><label>Set ${i}</label><assignmentItems><assignToReference>msg</assignToReference><operator>Assign</operator><value><elementReference>f_${i}</elementReference></value></assignmentItems><connector><targetReference>Loop_${i}</targetReference></connector></assignments>
    <actionCalls><name>Call_${i}</name><label>Call ${i}</label><actionName>ExternalCrmLeads.createLead</actionName><actionType>externalService</actionType><connector><targetReference>${next}</targetReference></connector><faultConnector><targetReference>Fault_${i}</targetReference></faultConnector><flowTransactionModel>CurrentTransaction</flowTransactionModel><inputParameters><name>body</name><value><elementReference>requestBody</elementReference></value></inputParameters><storeOutputAutomatically>true</storeOutputAutomatically></actionCalls>
    <assignments><name>Fault_${i}</name><label>Fault ${i}</label><assignmentItems><assignToReference>msg</assignToReference><operator>Assign</operator><value><elementReference>$Flow.FaultMessage</elementReference></value></assignmentItems></assignments>
    <formulas><name>f_${i}</name><dataType>String</dataType><expression>{!msg} &amp; TEXT({!Call_${i}.responseCode}) &amp; {!Call_${i}.2XX.id} &amp; {!$Record.Email}</expression></formulas>
`;
    parts.push(block);
    size += block.length;
    i++;
  }
  parts.push(`    <assignments><name>Loop_${i}</name><label>End</label></assignments>
    <variables><name>leads</name><dataType>SObject</dataType><isCollection>true</isCollection><objectType>Lead</objectType></variables>
    <variables><name>msg</name><dataType>String</dataType><isCollection>false</isCollection></variables>
    <variables><name>requestBody</name><apexClass>ExternalService__ExternalCrmLeads_createLead_IN_body</apexClass><dataType>Apex</dataType><isCollection>false</isCollection></variables>`);
  return `<?xml version="1.0" encoding="UTF-8"?>
<Flow xmlns="http://soap.sforce.com/2006/04/metadata">
    <apiVersion>62.0</apiVersion>
${parts.join('')}
    <label>Generated</label>
    <processType>AutoLaunchedFlow</processType>
    <start><object>Lead</object><recordTriggerType>Create</recordTriggerType>
        <scheduledPaths><connector><targetReference>Loop_0</targetReference></connector><pathType>AsyncAfterCommit</pathType></scheduledPaths>
        <triggerType>RecordAfterSave</triggerType></start>
    <status>Active</status>
</Flow>
`;
}
