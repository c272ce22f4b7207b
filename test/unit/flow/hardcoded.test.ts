// flow-hardcoded-url and flow-hardcoded-id on realistic shapes: links people click and DTD/xmlns URIs stay
// silent; endpoints passed to an action that calls out, and org URLs anywhere, fire at exact ranges. Ids in
// the start element's entry formula and in text templates fire; a long list ends with "and N more".
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { expectFlowRanges, flow, leadTrigger, validateFlow } from './helpers';

const URL_CODE = 'flow-hardcoded-url';
const ID_CODE = 'flow-hardcoded-id';

// An HTML email body as Flow stores it: entity-encoded inside <stringValue>.
const HTML_EMAIL = '&lt;!DOCTYPE html PUBLIC &quot;-//W3C//DTD XHTML 1.0 Transitional//EN&quot; &quot;http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd&quot;&gt;'
  + '&lt;html xmlns=&quot;http://www.w3.org/1999/xhtml&quot; xmlns:o=&quot;urn:schemas-microsoft-com:office:office&quot;&gt;&lt;body&gt;'
  + '&lt;p&gt;Thanks for registering.&lt;/p&gt;&lt;a href=&quot;https://events.example.org/agenda?utm_source=email&quot;&gt;Agenda&lt;/a&gt;'
  + '&lt;img src=&quot;https://cdn.example.org/brand/logo.png&quot; alt=&quot;logo&quot;/&gt;&lt;/body&gt;&lt;/html&gt;';

test('hardcoded-url: silent on links in an email body, DTD/xmlns URIs, help links in templates, constants and formulas', () => {
  const body = `    <recordCreates>
        <name>First</name>
        <label>Send Confirmation</label>
        <inputAssignments><field>HtmlBody</field><value><stringValue>${HTML_EMAIL}</stringValue></value></inputAssignments>
        <inputAssignments><field>Subject</field><value><stringValue>Your registration</stringValue></value></inputAssignments>
        <object>EmailMessage</object>
    </recordCreates>
    <constants><name>TrainingVideo</name><dataType>String</dataType><value><stringValue>https://www.youtube.com/watch?v=dQw4w9WgXcQ</stringValue></value></constants>
    <formulas><name>HelpLink</name><dataType>String</dataType><expression>HYPERLINK(&quot;https://help.salesforce.com/s/articleView?id=sf.flow.htm&quot;, &quot;Flow help&quot;)</expression></formulas>
    <textTemplates><name>Intro</name><isViewedAsPlainText>false</isViewedAsPlainText><text>See the guide: https://docs.google.com/document/d/1AbCdEf/edit and {!TrainingVideo}</text></textTemplates>
    <actionCalls>
        <name>Post_Chatter</name>
        <label>Post</label>
        <actionName>chatterPost</actionName>
        <actionType>chatterPost</actionType>
        <inputParameters><name>text</name><value><elementReference>Intro</elementReference></value></inputParameters>
        <inputParameters><name>subjectNameOrId</name><value><elementReference>$Record.Id</elementReference></value></inputParameters>
    </actionCalls>`;
  expectFlowRanges(flow(body), URL_CODE);
});

test('hardcoded-url: an endpoint given to an Apex action input, directly and through a constant, formula and assignment', () => {
  const body = `    <actionCalls>
        <name>First</name>
        <label>Get Rates</label>
        <actionName>MakeHTTPCall</actionName>
        <actionType>apex</actionType>
        <connector><targetReference>Set_Url</targetReference></connector>
        <inputParameters><name>Endpoint</name><value><stringValue>⟦https://v6.rates.example.com/v6/latest/USD⟧</stringValue></value></inputParameters>
        <inputParameters><name>Method</name><value><stringValue>GET</stringValue></value></inputParameters>
    </actionCalls>
    <actionCalls>
        <name>Post_Order</name>
        <label>Post Order</label>
        <actionName>OrderSync</actionName>
        <actionType>apex</actionType>
        <inputParameters><name>baseUrl</name><value><elementReference>OrdersBase</elementReference></value></inputParameters>
        <inputParameters><name>resource_uri</name><value><elementReference>OrderPath</elementReference></value></inputParameters>
        <inputParameters><name>callbackEndpoint</name><value><elementReference>callbackTarget</elementReference></value></inputParameters>
        <inputParameters><name>notes</name><value><stringValue>see https://wiki.example.com/orders</stringValue></value></inputParameters>
    </actionCalls>
    <assignments>
        <name>Set_Url</name>
        <label>Set Url</label>
        <assignmentItems><assignToReference>callbackTarget</assignToReference><operator>Assign</operator><value><stringValue>⟦https://hooks.example.net/orders⟧</stringValue></value></assignmentItems>
        <connector><targetReference>Post_Order</targetReference></connector>
    </assignments>
    <constants><name>OrdersBase</name><dataType>String</dataType><value><stringValue>⟦https://erp.example.com/api⟧</stringValue></value></constants>
    <formulas><name>OrderPath</name><dataType>String</dataType><expression>&quot;⟦https://erp.example.com/api/orders/⟧&quot; &amp; {!$Record.Id}</expression></formulas>
    <variables><name>callbackTarget</name><dataType>String</dataType><isCollection>false</isCollection><isInput>false</isInput><isOutput>false</isOutput></variables>`;
  const found = expectFlowRanges(flow(body), URL_CODE);
  assert.match(found[0].message, /Hard-coded endpoint v6\.rates\.example\.com, passed to MakeHTTPCall input Endpoint/);
  assert.ok(found.some((p) => /passed to OrderSync input callbackEndpoint/.test(p.message)));
});

test('hardcoded-url: org URLs are reported anywhere, also as links in an email body; a URL given to an External Service input is data', () => {
  const body = `    <recordCreates>
        <name>First</name>
        <label>Send</label>
        <inputAssignments><field>HtmlBody</field><value><stringValue>&lt;a href=&quot;⟦https://acme.my.salesforce.com/lightning/r/Case/⟧{!$Record.Id}/view&quot;&gt;Open&lt;/a&gt;</stringValue></value></inputAssignments>
        <object>EmailMessage</object>
    </recordCreates>
    <textTemplates><name>Portal</name><text>Visit ⟦https://acme.my.site.com/support⟧</text></textTemplates>
    <actionCalls>
        <name>Shorten</name>
        <label>Shorten</label>
        <actionName>LinkShortener.shorten</actionName>
        <actionType>externalService</actionType>
        <inputParameters><name>url</name><value><stringValue>https://events.example.org/agenda</stringValue></value></inputParameters>
    </actionCalls>`;
  const [email, portal] = expectFlowRanges(flow(body), URL_CODE);
  assert.match(email.message, /^Hard-coded org URL \(acme\.my\.salesforce\.com\).*\$Api\.Partner_Server_URL_xxx/);
  // A site's URL is not the org's: the fix is the site's base URL in a custom label or custom metadata.
  assert.match(portal.message, /^Hard-coded site URL \(acme\.my\.site\.com\): .*Keep the site's base URL in a custom label or custom metadata/);
});

test('hardcoded-url: a login link to an Experience Cloud site in a screen names the site, not $Api URLs, as the fix', () => {
  // A screen flow sending an unauthenticated user to the site's login page (the shape of an Agentforce
  // authentication flow), and a Salesforce Sites page in a help text.
  const body = `    <screens>
        <name>First</name>
        <label>Authentication Required</label>
        <fields>
            <name>LoginText</name>
            <fieldText>&lt;p&gt;You are not signed in. &lt;a href=&quot;⟦https://northwind-7f2c1a.my.site.com/partners/s/login⟧&quot; target=&quot;_blank&quot;&gt;Sign in&lt;/a&gt;&lt;/p&gt;</fieldText>
            <fieldType>DisplayText</fieldType>
            <helpText>Forms: ⟦https://northwind.my.salesforce-sites.com/forms⟧</helpText>
        </fields>
    </screens>`;
  const found = expectFlowRanges(flow(body, { processType: 'Flow' }), URL_CODE);
  assert.deepEqual(found.map((p) => /^Hard-coded site URL \(([^)]+)\)/.exec(p.message)?.[1]), ['northwind-7f2c1a.my.site.com', 'northwind.my.salesforce-sites.com']);
  for (const p of found) assert.doesNotMatch(p.message, /Partner_Server_URL_xxx,|relative link/);
});

test('hardcoded-id: in the start element entry formula and in text templates; not in plain display text', () => {
  const start = leadTrigger('First').replace('<object>Lead</object>', `<object>Lead</object>
        <filterFormula>AND({!$Record.OwnerId} = &apos;⟦005Dn000006GuG4IAK⟧&apos;, ISCHANGED({!$Record.Status}))</filterFormula>`);
  const body = `    <textTemplates><name>CaseLink</name><text>Escalated: /lightning/r/Account/⟦001Dn00000AbCdE⟧/view</text></textTemplates>
    <assignments><name>First</name><label>First</label>
        <assignmentItems><assignToReference>msg</assignToReference><operator>Assign</operator><value><elementReference>CaseLink</elementReference></value></assignmentItems></assignments>
    <variables><name>msg</name><dataType>String</dataType><isCollection>false</isCollection><isInput>false</isInput><isOutput>false</isOutput></variables>`;
  expectFlowRanges(flow(body, { start }), ID_CODE);
});

test('hardcoded-id: a capped list says how many more there are on its last finding', () => {
  const constants: string[] = [];
  // 105 valid 15-character ids: key prefix 001, pod Dn, reserved 0, then digits.
  for (let i = 0; i < 105; i++) constants.push(`    <constants><name>c${i}</name><dataType>String</dataType><value><stringValue>001Dn0000${String(100000 + i)}</stringValue></value></constants>`);
  const assign = '    <assignments><name>First</name><label>First</label></assignments>';
  const found = validateFlow(flow([assign, ...constants].join('\n'))).filter((p) => p.code === ID_CODE);
  assert.equal(found.length, 100);
  assert.match(found[99].message, /\(and 5 more hard-coded record Ids in this flow, not listed\)$/);
  assert.doesNotMatch(found[98].message, /more/);
});

test('hardcoded-id: the scan reads each leaf\'s source text — an Id only in a comment inside the value is still found', () => {
  // A leaf without a digit is skipped only when its decoded text is its source text (no entity, comment or CDATA
  // in it): the first value's decoded text has no digit, its source does.
  const body = `    <assignments>
        <name>First</name>
        <label>Set</label>
        <assignmentItems><assignToReference>ownerId</assignToReference><operator>Assign</operator><value><stringValue>Owner <!-- was ⟦005D000000AbCdE⟧ --> queue</stringValue></value></assignmentItems>
        <assignmentItems><assignToReference>ownerId</assignToReference><operator>Assign</operator><value><stringValue>&lt;Owner&gt; ⟦005D000000AbCdE⟧</stringValue></value></assignmentItems>
        <assignmentItems><assignToReference>ownerId</assignToReference><operator>Assign</operator><value><stringValue>No record here at all, only words</stringValue></value></assignmentItems>
    </assignments>
    <variables><name>ownerId</name><dataType>String</dataType><isCollection>false</isCollection><isInput>false</isInput><isOutput>false</isOutput></variables>`;
  expectFlowRanges(flow(body), ID_CODE);
});
