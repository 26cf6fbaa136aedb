// Jira Service Management's routes the service calls, transcribed by hand from Atlassian's JSM Cloud
// REST reference (no OpenAPI document of JSM is kept here; see SOURCES.md). Each entry names its
// page; its parameters and body are as that page documents them, and are checked like the others.
import type { DocumentedOperation } from './atlassian-documents';

const PAGE = 'https://developer.atlassian.com/cloud/jira/service-desk/rest';
const INT = { type: 'integer' };
const BOOL = { type: 'boolean' };
const STRING = { type: 'string' };

function query(name: string, schema: Record<string, unknown>) {
  return { name, in: 'query' as const, required: false, schema };
}

const KEY = { name: 'issueIdOrKey', in: 'path' as const, required: true, schema: STRING };

/** reference page of each JSM operation, for the README's list of Jira calls */
export const SERVICE_DESK_PAGES: Record<string, string> = {
  getServiceDesks: `${PAGE}/api-group-servicedesk/#api-rest-servicedeskapi-servicedesk-get`,
  getCustomerRequestByIdOrKey: `${PAGE}/api-group-request/#api-rest-servicedeskapi-request-issueidorkey-get`,
  getRequestComments: `${PAGE}/api-group-request/#api-rest-servicedeskapi-request-issueidorkey-comment-get`,
  createRequestComment: `${PAGE}/api-group-request/#api-rest-servicedeskapi-request-issueidorkey-comment-post`,
  getSlaInformation: `${PAGE}/api-group-request/#api-rest-servicedeskapi-request-issueidorkey-sla-get`,
};

function operation(operationId: string, method: string, path: string, parts: Partial<DocumentedOperation>): DocumentedOperation {
  return {
    operationId,
    method,
    path,
    document: 'servicedesk',
    deprecated: false,
    parameters: [],
    expandValues: null,
    body: null,
    bodyRequired: false,
    responses: new Map(),
    ...parts,
  };
}

export const SERVICE_DESK_OPERATIONS: DocumentedOperation[] = [
  operation('getServiceDesks', 'GET', '/rest/servicedeskapi/servicedesk', { parameters: [query('start', INT), query('limit', INT)] }),
  operation('getCustomerRequestByIdOrKey', 'GET', '/rest/servicedeskapi/request/{issueIdOrKey}', {
    parameters: [KEY, query('expand', STRING)],
    expandValues: [
      'serviceDesk',
      'requestType',
      'participant',
      'sla',
      'status',
      'attachment',
      'action',
      'comment',
      'comment.attachment',
      'comment.renderedBody',
    ],
  }),
  operation('getRequestComments', 'GET', '/rest/servicedeskapi/request/{issueIdOrKey}/comment', {
    parameters: [KEY, query('public', BOOL), query('internal', BOOL), query('expand', STRING), query('start', INT), query('limit', INT)],
    expandValues: ['attachment', 'renderedBody'],
  }),
  // CommentCreateDTO: body (plain text, not ADF) and public; its 400 says "missing the required `public`"
  operation('createRequestComment', 'POST', '/rest/servicedeskapi/request/{issueIdOrKey}/comment', {
    parameters: [KEY],
    body: { type: 'object', properties: { body: STRING, public: BOOL }, required: ['body', 'public'], additionalProperties: false },
    bodyRequired: true,
  }),
  operation('getSlaInformation', 'GET', '/rest/servicedeskapi/request/{issueIdOrKey}/sla', { parameters: [KEY, query('start', INT), query('limit', INT)] }),
];
