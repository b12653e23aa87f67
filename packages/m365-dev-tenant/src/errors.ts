/**
 * Every error the dev tenant answers as Graph or Entra ID would, in one place: status, code and message.
 * The contract tests compare these with Microsoft's documented responses (tests/devtenant/graph-docs), so
 * the wording is Graph's own where Graph has one; a code differs per workload (Exchange, OneDrive,
 * directory) exactly as it does in Graph. Route handlers throw these and never spell out a code.
 */

export class GraphHttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

type Headers = Record<string, string>;
const error = (status: number, code: string, message: string, headers?: Headers) => new GraphHttpError(status, code, message, headers);
const badRequest = (code: string, message: string) => error(400, code, message);

const NO_RECIPIENTS = "At least one recipient isn't valid., A message can't be sent because it contains no recipients.";
const EXCHANGE_NOT_FOUND = 'The specified object was not found in the store.';
const INVALID_PROPERTY = {
  body: "Property 'body' must be an itemBody with content.",
  attachments: "Property 'attachments' must be a collection of attachments.",
  attachmentType: 'Only #microsoft.graph.fileAttachment attachments are supported by the dev tenant.',
  attachmentContent: 'A file attachment needs a name and base64 contentBytes.',
  internetMessageHeaders: "Property 'internetMessageHeaders' must be a collection of {name, value}.",
  categories: "Property 'categories' must be a collection of strings.",
  isRead: "Property 'isRead' must be a boolean.",
  flag: "Property 'flag' needs flagStatus notFlagged, flagged or complete.",
  importance: "Property 'importance' must be low, normal or high.",
  inferenceClassification: "Property 'inferenceClassification' must be focused or other.",
} as const;

/** Why a webhook failed the validation handshake: Graph's two observed messages, or what else went wrong. */
export type ValidationFailure = { kind: 'status' } | { kind: 'token' } | { kind: 'other'; field: string; reason: string };
const VALIDATION_STATUS = 'Notification endpoint must respond with 200 OK to validation request.';

const directoryNotFound = (id: string) =>
  `Resource '${id}' does not exist or one of its queried reference-property objects are not present.`;

/** Why the token issuer refused a Graph token; the message of the 401 InvalidAuthenticationToken. */
export const TOKEN_REJECTED = {
  audience: 'Access token validation failure. Invalid audience.',
  expired: 'Lifetime validation failed, the token is expired.',
  invalid: 'Access token validation failure.',
} as const;

export const GraphErrors = {
  // Any request: authentication, routing, permissions, throttling, injected faults.
  tokenEmpty: (www: Headers) => error(401, 'InvalidAuthenticationToken', 'Access token is empty.', www),
  tokenMalformed: (www: Headers) =>
    error(401, 'InvalidAuthenticationToken', 'IDX14100: JWT is not well formed, there are no dots (.).', www),
  tokenRejected: (reason: string, www: Headers) => error(401, 'InvalidAuthenticationToken', reason, www),
  tokenUnknownApp: (www: Headers) => error(401, 'InvalidAuthenticationToken', 'Access token validation failure. Unknown application.', www),
  methodNotAllowed: (method: string) =>
    error(405, 'Request_BadRequest', `The request method '${method}' is not supported for this resource.`),
  noSuchSegment: (segment: string) => badRequest('BadRequest', `Resource not found for the segment '${segment}'.`),
  mailAccessDenied: () => error(403, 'ErrorAccessDenied', 'Access is denied. Check credentials and try again.'),
  filesAccessDenied: () => error(403, 'accessDenied', 'Access denied'),
  directoryAccessDenied: () => error(403, 'Authorization_RequestDenied', 'Insufficient privileges to complete the operation.'),
  mailboxUserInvalid: (user: string) => error(404, 'ErrorInvalidUser', `The requested user '${user}' is invalid.`),
  outlookThrottled: (limit: 'MailboxConcurrency' | 'IncomingRequests', retryAfterS: number) =>
    error(429, 'ApplicationThrottled', `Application is over its ${limit} limit.`, { 'Retry-After': String(retryAfterS) }),
  oneDriveThrottled: (retryAfterS: number) =>
    error(429, 'activityLimitReached', 'The request has been throttled', { 'Retry-After': String(retryAfterS) }),
  injected429: (retryAfterS: number) =>
    error(429, 'TooManyRequests', 'Too many requests (injected by the dev tenant).', { 'Retry-After': String(retryAfterS) }),
  injected503: (retryAfterS: number) =>
    error(503, 'ServiceUnavailable', 'Service unavailable (injected by the dev tenant).', { 'Retry-After': String(retryAfterS) }),
  injected500: () => error(500, 'InternalServerError', 'Internal server error (injected by the dev tenant).'),
  internal: () => error(500, 'InternalServerError', 'An internal server error occurred in the dev tenant.'),
  /** The request never reached Graph's dispatch (the HTTP server itself failed). */
  serverFailed: () => error(500, 'InternalServerError', 'The dev tenant failed to handle the request.'),
  unreadableJson: () =>
    badRequest(
      'BadRequest',
      'Unable to read JSON request payload. Please ensure Content-Type header is set and payload is of valid JSON format.',
    ),

  // OData query options shared by the workloads.
  unknownProperty: (name: string, typeName: string, workload: 'exchange' | 'directory') =>
    badRequest(
      workload === 'exchange' ? 'RequestBroker--ParseUri' : 'Request_BadRequest',
      `Could not find a property named '${name}' on type '${typeName}'.`,
    ),
  notANumber: (raw: string, name: string) => badRequest('BadRequest', `Invalid value '${raw}' for query parameter ${name}.`),
  outOfRange: (raw: string, name: string, min: number, max: number) =>
    badRequest('ErrorInvalidParameter', `Invalid value '${raw}' for query parameter ${name}: must be between ${min} and ${max}.`),
  invalidToken: (what: string) => badRequest('InvalidRequest', `The ${what} is not valid.`),

  // Directory: /users, checkMemberGroups.
  userNotFound: (user: string) => error(404, 'Request_ResourceNotFound', directoryNotFound(user)),
  unsupportedQuery: (message: string) => badRequest('Request_UnsupportedQuery', message),
  advancedQueryMissing: (operator: string) =>
    badRequest(
      'Request_UnsupportedQuery',
      `Operator '${operator}' is not supported because the required parameters might be missing. Try adding $count=true query parameter and ConsistencyLevel:eventual header. Refer to https://aka.ms/graph-docs/advanced-queries for more information`,
    ),
  searchNeedsEventual: () =>
    badRequest(
      'Request_UnsupportedQuery',
      "Request with $search query parameter only works through MSGraph with a special request header: 'ConsistencyLevel: eventual'",
    ),
  sortingNotSupported: () => badRequest('Request_UnsupportedQuery', 'Sorting not supported for current query.'),
  userPageSize: (rawTop: string) =>
    badRequest('Request_UnsupportedQuery', `Invalid page size specified: '${rawTop}'. Must be between 1 and 999 inclusive.`),
  userSearchClause: (clause: string, searchable: readonly string[]) =>
    badRequest('Request_UnsupportedQuery', `Invalid search clause '${clause}'. Use "property:value" with one of ${searchable.join(', ')}.`),
  invalidCount: (count: string) => badRequest('BadRequest', `Invalid value '${count}' for $count.`),
  userSkip: () => badRequest('Request_BadRequest', "'$skip' is not supported by the service."),
  countNotSupported: () => badRequest('Request_BadRequest', '$count is not currently supported.'),
  invalidJsonBody: () => badRequest('Request_BadRequest', 'Invalid JSON in the request body.'),
  groupIds: () => badRequest('Request_BadRequest', 'groupIds must be an array of 1 to 20 group ids.'),

  // Mail (Exchange).
  notFoundInStore: () => error(404, 'ErrorItemNotFound', EXCHANGE_NOT_FOUND),
  /** An event Outlook would not store (all-day not at midnight, end before start, a bad property); wording ours. */
  invalidEvent: (message: string) => badRequest('ErrorInvalidRequest', message),
  timeZoneNotSupported: (zone: string) =>
    badRequest(
      'TimeZoneNotSupportedException',
      `A valid TimeZone value must be specified. The following TimeZone value is not supported: '${zone}'.`,
    ),
  idMalformed: () => badRequest('ErrorInvalidIdMalformed', 'Id is malformed.'),
  searchWithFilter: () => badRequest('SearchWithFilter', "The query parameter '$filter' is not supported with '$search'."),
  searchWithOrderBy: () => badRequest('SearchWithOrderBy', "The query parameter '$orderBy' is not supported with '$search'."),
  searchWithSkip: () => badRequest('SearchWithSkip', "The query parameter '$skip' is not supported with '$search'."),
  invalidFilter: (message: string) => badRequest('BadRequest', message),
  invalidSearch: (message: string) => badRequest('BadRequest', `Syntax error in $search: ${message}`),
  inefficientFilter: () => badRequest('InefficientFilter', 'The restriction or sort order is too complex for this operation.'),
  destinationMissing: () => badRequest('ErrorInvalidParameter', 'The destinationId is missing.'),
  deltaChangeType: (changeType: string) =>
    badRequest('ErrorInvalidParameter', `Invalid changeType '${changeType}'. Use created, updated or deleted.`),
  deltaOtherFolder: () => badRequest('ErrorInvalidParameter', 'The delta token belongs to another folder.'),
  deltaFilter: () =>
    badRequest('ErrorInvalidUrlQueryFilter', 'Delta query on messages supports only $filter=receivedDateTime ge|gt {dateTime}.'),
  recipientsNotACollection: (field: string) =>
    badRequest('ErrorInvalidRecipients', `Property '${field}' must be a collection of recipients.`),
  noRecipients: () => badRequest('ErrorInvalidRecipients', NO_RECIPIENTS),
  invalidProperty: (property: keyof typeof INVALID_PROPERTY) => badRequest('ErrorInvalidProperty', INVALID_PROPERTY[property]),
  readOnlyProperty: (key: string) =>
    badRequest(
      'ErrorInvalidProperty',
      `The property '${key}' does not exist on type '${'Microsoft.OutlookServices.Message'}' or is read-only.`,
    ),
  draftOnlyProperty: (key: string) =>
    badRequest('ErrorInvalidPropertyUpdateSentMessage', `The property '${key}' can only be updated on a draft message.`),
  headerName: (name: string) =>
    badRequest('InvalidInternetMessageHeader', `The internet message header name '${name}' should start with 'x-' or 'X-'.`),
  commentAndBody: () => badRequest('ErrorInvalidRequest', "Specify either 'comment' or 'message.body', not both."),
  mimeBase64: () => badRequest('ErrorMimeContentInvalidBase64String', 'Invalid base64 string for MIME content.'),
  mimeInvalid: () => badRequest('ErrorMimeContentInvalid', 'The MIME content is not a valid message.'),
  messageMissing: () => badRequest('ErrorInvalidParameter', "The 'message' parameter is missing."),
  notADraft: () => badRequest('ErrorInvalidOperation', 'Only draft messages can be sent.'),

  // Subscriptions.
  webhookMissing: (field: string) => badRequest('InvalidRequest', `${field} is required.`),
  webhookNotAUrl: (field: string, value: string) => badRequest('InvalidRequest', `${field} '${value}' is not a valid URL.`),
  webhookNotHttps: (field: string) =>
    badRequest('InvalidRequest', `The ${field} must be an HTTPS URL (plain HTTP is accepted for localhost only).`),
  webhookValidation: (failure: ValidationFailure) =>
    badRequest(
      'InvalidRequest',
      `Subscription validation request failed. ${
        failure.kind === 'status'
          ? VALIDATION_STATUS
          : failure.kind === 'token'
            ? 'Response must exactly match validationToken query parameter.'
            : `${VALIDATION_STATUS} (${failure.field} ${failure.reason})`
      }`,
    ),
  expirationMissing: () => badRequest('InvalidRequest', 'expirationDateTime is required and must be a date-time.'),
  expirationInPast: () => badRequest('ExtensionError', 'Subscription expiration must be in the future.'),
  expirationTooFar: (maxMinutes: number) =>
    badRequest('ExtensionError', `Subscription expiration can only be ${maxMinutes} minutes in the future.`),
  subscriptionChangeType: (changeType: string) =>
    badRequest('InvalidRequest', `changeType must be created, updated, deleted or a comma-separated combination; got '${changeType}'.`),
  subscriptionResource: (resource: string) =>
    badRequest(
      'InvalidRequest',
      `Resource '${resource}' is not supported by the dev tenant: use users/{id}/messages or users/{id}/mailFolders('{id}')/messages.`,
    ),
  subscriptionUser: (user: string) => error(404, 'ResourceNotFound', `The user '${user}' does not exist.`),
  subscriptionFolder: (folder: string) => error(404, 'ResourceNotFound', `The folder '${folder}' does not exist.`),
  clientState: () => badRequest('InvalidRequest', 'clientState must be a string of at most 128 characters.'),
  richNotifications: () => badRequest('InvalidRequest', 'Rich notifications (includeResourceData) are not supported by the dev tenant.'),
  subscriptionNotFound: (id: string) => error(404, 'ResourceNotFound', `The object was not found. Subscription '${id}'.`),
  subscriptionReadOnly: (key: string) => badRequest('InvalidRequest', `Property '${key}' cannot be updated on a subscription.`),

  // OneDrive.
  itemNotFound: () => error(404, 'itemNotFound', 'The resource could not be found.'),
  downloadGone: () => error(404, 'itemNotFound', 'The download link is invalid or has expired.'),
  uploadSessionGone: () => error(404, 'itemNotFound', 'The upload session was not found or has expired.'),
  downloadFolder: () => badRequest('invalidRequest', 'Cannot download a folder.'),
  conflictBehavior: (value: string) => badRequest('invalidRequest', `Invalid conflictBehavior '${value}'.`),
  pathNotAFile: () => badRequest('invalidRequest', 'The path must name a file.'),
  contentToFolder: () => badRequest('invalidRequest', 'Cannot write content to a folder.'),
  uploadSessionTarget: () =>
    badRequest(
      'invalidRequest',
      'An upload session needs a file, or a folder and a file name (items/{parent-id}:/{name}:/createUploadSession).',
    ),
  simpleUploadTooLarge: () => error(413, 'invalidRequest', 'Simple upload is limited to 250 MB; use an upload session.'),
  uploadMethod: () => error(405, 'invalidRequest', 'Use PUT to upload a fragment.'),
  contentRangeSyntax: () => badRequest('invalidRequest', 'Content-Range header must be "bytes {start}-{end}/{total}".'),
  contentRangeLength: () => badRequest('invalidRequest', 'The Content-Range header does not match the length of the fragment.'),
  uploadTotalChanged: () => badRequest('invalidRequest', 'The total size of the file changed between fragments.'),
  fragmentOutOfOrder: (next: number) =>
    error(416, 'invalidRange', `The uploaded fragment does not start at the next expected byte ${next}.`),
  fragmentTooLarge: () => error(413, 'invalidRequest', 'A fragment must be at most 60 MiB.'),
  fragmentMultiple: () => badRequest('invalidRequest', 'A fragment other than the last must be a multiple of 320 KiB (327,680 bytes).'),
  nameAlreadyExists: () => error(409, 'nameAlreadyExists', 'The specified item name already exists.'),
  parentIsAFile: () => error(409, 'nameAlreadyExists', 'The parent is a file.'),
  folderExists: () => error(409, 'nameAlreadyExists', 'A folder with this name already exists.'),
  notAFolder: (name: string) => error(409, 'nameAlreadyExists', `'${name}' is a file, not a folder.`),
  rootNotDeletable: () => error(403, 'accessDenied', 'The root of a drive cannot be deleted.'),

  // Teams, Copilot, contacts, SharePoint sites and search.
  /** Teams' own 403 for a token without the route's application permission. */
  teamsMissingRole: (needed: readonly string[], had: readonly string[]) =>
    error(
      403,
      'Forbidden',
      `Missing role permissions on the request. API requires one of '${needed.join(', ')}'. Roles on the request '${had.join(', ')}'.`,
    ),
  teamsProtectedApi: () =>
    error(
      403,
      'Forbidden',
      'Invoked API requires Protected API access in application-only context when not using Resource Specific Consent. Visit https://docs.microsoft.com/en-us/graph/teams-protected-apis for more details.',
    ),
  teamsPaymentRequired: () =>
    error(
      402,
      'PaymentRequired',
      'Query parameter model is set but the app is not associated with an Azure subscription. To call this API, the app must be associated with an Azure subscription, see https://aka.ms/teams-api-payment-requirements for details.',
    ),
  teamsModel: (model: string) => badRequest('BadRequest', `Query parameter 'model' does not support value '${model}'. Use 'A' or 'B'.`),
  teamNotFound: (id: string) => error(404, 'NotFound', `No team found with Group Id ${id}`),
  copilotNotLicensed: () =>
    error(403, 'Forbidden', 'The user does not have a Microsoft 365 Copilot license, so there are no interactions to export.'),
  siteNotFound: () => error(404, 'itemNotFound', 'Requested site could not be found'),
  searchRegionMissing: () => badRequest('BadRequest', 'Region is required when request with application permission.'),
  searchRegionInvalid: (region: string, valid: string) =>
    badRequest('BadRequest', `Requested region ${region} is not valid. Only valid regions are ${valid}.`),
  searchEntityTypes: (types: string) =>
    badRequest('BadRequest', `Entity type(s) ${types} are not supported with application permissions. Use driveItem, listItem.`),
  searchRequestShape: (why: string) => badRequest('BadRequest', `Invalid search request: ${why}`),

  // $batch.
  batchEmpty: () => badRequest('BadRequest', 'Invalid batch payload format: requests must be a non-empty array.'),
  batchTooLarge: (max: number) => badRequest('BadRequest', `Number of batch request steps exceeds the maximum of ${max}.`),
  batchRequestShape: () => badRequest('BadRequest', 'Invalid batch payload format: every request needs id, method and url.'),
  batchDuplicateId: (id: string) => badRequest('BadRequest', `Batch request id '${id}' is used more than once.`),
  batchAbsoluteUrl: () => badRequest('BadRequest', 'Batch request urls must be relative to the version, e.g. /users/{id}/messages.'),
  batchNested: () => badRequest('BadRequest', 'A batch cannot contain another $batch request.'),
  batchDependsOnShape: (id: string) => badRequest('BadRequest', `Request '${id}' has a dependsOn that is not a list of request ids.`),
  batchUnknownDependency: (id: string, dependency: string) =>
    badRequest('BadRequest', `Request '${id}' depends on unknown request '${dependency}'.`),
  batchBodyWithoutType: (id: string) => badRequest('BadRequest', `Request '${id}' has a body but no Content-Type header.`),
  batchCycle: (id: string) => badRequest('BadRequest', `The dependsOn of request '${id}' forms a cycle.`),
  failedDependency: () => error(424, 'FailedDependency', 'A request this request depends on failed.'),
} satisfies Record<string, (...args: never[]) => GraphHttpError>;

/** Entra ID's token endpoint answers OAuth errors, not Graph's: an `error` and an AADSTS number. */
export interface AadError {
  status: number;
  error: string;
  code: number;
  description: string;
}

export const AadErrors = {
  tenantNotFound: (tenant: string): AadError => ({
    status: 400,
    error: 'invalid_tenant',
    code: 90002,
    description: `Tenant '${tenant}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud.`,
  }),
  postOnly: (): AadError => ({
    status: 405,
    error: 'invalid_request',
    code: 900561,
    description: 'The endpoint only accepts POST requests.',
  }),
  unsupportedGrant: (grant: string): AadError => ({
    status: 400,
    error: 'unsupported_grant_type',
    code: 70003,
    description: `The app requested an unsupported grant type '${grant}'. The dev tenant supports client_credentials and urn:ietf:params:oauth:grant-type:jwt-bearer (on-behalf-of).`,
  }),
  unknownClient: (clientId: string, directory: string): AadError => ({
    status: 400,
    error: 'unauthorized_client',
    code: 700016,
    description: `Application with identifier '${clientId}' was not found in the directory '${directory}'.`,
  }),
  invalidSecret: (clientId: string): AadError => ({
    status: 401,
    error: 'invalid_client',
    code: 7000215,
    description: `Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '${clientId}'.`,
  }),
  oboAssertionInvalid: (): AadError => ({
    status: 400,
    error: 'invalid_grant',
    code: 50013,
    description: 'Assertion failed signature validation.',
  }),
  oboAudienceMismatch: (): AadError => ({
    status: 400,
    error: 'invalid_grant',
    code: 50013,
    description: 'Assertion audience does not match the Client app presenting the assertion.',
  }),
  oboAssertionExpired: (): AadError => ({
    status: 400,
    error: 'invalid_grant',
    code: 500133,
    description: 'Assertion is not within its valid time range.',
  }),
  oboRequestedTokenUse: (): AadError => ({
    status: 400,
    error: 'invalid_request',
    code: 900144,
    description: "The request body must contain the following parameter: 'requested_token_use' with the value 'on_behalf_of'.",
  }),
  invalidScope: (scope: string): AadError => ({
    status: 400,
    error: 'invalid_scope',
    code: 1002012,
    description: `The provided value for scope ${scope} is not valid. Client credential flows must have a scope value with /.default suffixed to the resource identifier (application ID URI).`,
  }),
};
