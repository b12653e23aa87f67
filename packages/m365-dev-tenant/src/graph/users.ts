import type { User } from '@microsoft/microsoft-graph-types';
import { GraphErrors } from '../errors.js';
import { json, type DevRequest } from '../http/kit.js';
import type { DevUser } from '../model.js';
import { fold, words } from '../query/kql.js';
import {
  compareByOrder,
  evaluateFilter,
  parseFilter,
  parseOrderBy,
  ODataQueryError,
  type FilterNode,
  type Operand,
} from '../query/odata-filter.js';
import { route, USERS_READ, type Route } from './context.js';
import { contextUrl, decodeToken, encodeToken, linkTo, preferences, project, selectList } from './odata.js';

/** Directory users: GET /users and GET /users/{id | userPrincipalName}. */

const DEFAULT_PROPERTIES = [
  'businessPhones',
  'displayName',
  'givenName',
  'jobTitle',
  'mail',
  'mobilePhone',
  'officeLocation',
  'preferredLanguage',
  'surname',
  'userPrincipalName',
  'id',
] as const;
const SELECTABLE = [...DEFAULT_PROPERTIES, 'accountEnabled', 'department', 'userType', 'createdDateTime'];
/** Properties the directory sorts by without advanced query parameters. */
const DEFAULT_SORTABLE = ['displayName', 'userPrincipalName'];
/** Properties `$search="property:value"` looks in (tokenized, matched from the start of each word). */
const SEARCHABLE = ['displayName', 'givenName', 'surname', 'mail', 'userPrincipalName', 'jobTitle', 'department', 'officeLocation'];
const PAGE = 100;

export function userJson(u: DevUser): User & Record<string, unknown> {
  return {
    businessPhones: u.businessPhones,
    displayName: u.displayName,
    givenName: u.givenName,
    jobTitle: u.jobTitle,
    mail: u.mail,
    mobilePhone: u.mobilePhone,
    officeLocation: u.officeLocation,
    preferredLanguage: u.preferredLanguage,
    surname: u.surname,
    userPrincipalName: u.userPrincipalName,
    id: u.id,
  };
}

/** Every property the dev tenant knows about a user, for $filter, $orderby, $search and $select. */
function fullJson(u: DevUser): Record<string, unknown> {
  return { ...userJson(u), accountEnabled: u.accountEnabled, department: u.department, userType: 'Member', createdDateTime: null };
}

function selected(u: DevUser, select: string[] | undefined): Record<string, unknown> {
  // The directory returns exactly the selected properties: no id unless asked for.
  return select ? project(fullJson(u), select, []) : userJson(u);
}

/** The first operator in a filter that needs advanced query parameters (endsWith, ne, not), if any. */
function advancedOperator(node: FilterNode | Operand): string | undefined {
  switch (node.kind) {
    case 'and':
    case 'or':
      return advancedOperator(node.left) ?? advancedOperator(node.right);
    case 'not':
      return 'not';
    case 'compare':
      return node.op === 'ne' ? 'ne' : (advancedOperator(node.left) ?? advancedOperator(node.right));
    case 'call':
      return node.name === 'endswith' ? 'endsWith' : undefined;
    case 'lambda':
      return node.body ? advancedOperator(node.body) : undefined;
    case 'value':
      return advancedOperator(node.operand);
    default:
      return undefined;
  }
}

/**
 * Directory `$search`: one or more `"property:value"` clauses joined by AND/OR (AND binds tighter). A value
 * matches when each of its words starts a word of the property, case- and accent-insensitively.
 */
function searchUsers(raw: string): (u: DevUser) => boolean {
  const clauses = raw
    .trim()
    .split(/\s+OR\s+/)
    .map((part) => part.split(/\s+AND\s+/));
  const tests = clauses.map((all) =>
    all.map((clause) => {
      const m = /^"([A-Za-z]+):([^"]*)"$/.exec(clause.trim());
      const property = m ? SEARCHABLE.find((p) => p.toLowerCase() === m[1]!.toLowerCase()) : undefined;
      if (!m || !property) throw GraphErrors.userSearchClause(clause.trim(), SEARCHABLE);
      const wanted = words(m[2]!);
      return (u: DevUser) => {
        const have = words(String(fullJson(u)[property] ?? ''));
        return wanted.length > 0 && wanted.every((w) => have.some((h) => h.startsWith(fold(w))));
      };
    }),
  );
  return (u) => tests.some((all) => all.every((test) => test(u)));
}

/** The users a request's $search, $filter and $orderby leave, in order. */
function matchUsers(req: DevRequest, all: readonly DevUser[], eventual: boolean, advanced: boolean): readonly DevUser[] {
  let users = all;
  const search = req.query.get('$search');
  if (search !== null) {
    if (!eventual) throw GraphErrors.searchNeedsEventual();
    users = users.filter(searchUsers(search));
  }
  const filter = req.query.get('$filter');
  const orderby = req.query.get('$orderby');
  try {
    if (filter) {
      const node = parseFilter(filter);
      const operator = advancedOperator(node);
      if (operator && !advanced) throw GraphErrors.advancedQueryMissing(operator);
      users = users.filter((u) => evaluateFilter(node, fullJson(u)));
    }
    if (orderby) {
      const order = parseOrderBy(orderby);
      const sortable = (path: string[]) => path.length === 1 && (advanced ? SELECTABLE : DEFAULT_SORTABLE).includes(path[0]!);
      // Sorting a filtered result, or by anything but displayName/userPrincipalName, is an advanced query.
      if ((filter && !advanced) || !order.every((o) => sortable(o.path))) throw GraphErrors.sortingNotSupported();
      users = [...users].sort((a, b) => compareByOrder(order, fullJson(a), fullJson(b)));
    }
  } catch (error) {
    if (error instanceof ODataQueryError) throw GraphErrors.unsupportedQuery(error.message);
    throw error;
  }
  return users;
}

const isEventual = (req: DevRequest) => (req.headers.consistencylevel ?? '').toLowerCase() === 'eventual';

function listUsers(req: DevRequest, all: readonly DevUser[]) {
  const select = selectList(req, SELECTABLE, 'Microsoft.DirectoryServices.User', 'directory');
  const eventual = isEventual(req);
  const count = req.query.get('$count');
  if (count !== null && count !== 'true' && count !== 'false') throw GraphErrors.invalidCount(count);
  if (req.query.has('$skip')) throw GraphErrors.userSkip();
  const users = matchUsers(req, all, eventual, eventual && count === 'true');

  const rawTop = req.query.get('$top');
  if (rawTop !== null && !(/^\d+$/.test(rawTop) && Number(rawTop) >= 1 && Number(rawTop) <= 999)) {
    throw GraphErrors.userPageSize(rawTop);
  }
  const top = rawTop !== null ? Number(rawTop) : Math.min(preferences(req).maxPageSize ?? PAGE, 999);
  const token = req.query.get('$skiptoken');
  const offset = token ? decodeToken<{ offset: number }>(token, '$skiptoken').offset : 0;
  const page = users.slice(offset, offset + top);
  const body: Record<string, unknown> = { '@odata.context': contextUrl(req, 'users', select) };
  // Without ConsistencyLevel: eventual, Graph silently ignores $count on directory objects; with it, the
  // count comes on the first page only.
  if (count === 'true' && eventual && offset === 0) body['@odata.count'] = users.length;
  if (offset + top < users.length) body['@odata.nextLink'] = linkTo(req, { $skiptoken: encodeToken({ offset: offset + top }) });
  body.value = page.map((u) => selected(u, select));
  return json(200, body);
}

/** GET /users/$count: a bare integer as text/plain, an advanced query (ConsistencyLevel: eventual). */
function countUsers(req: DevRequest, all: readonly DevUser[]) {
  if (!isEventual(req)) throw GraphErrors.countNotSupported();
  return { status: 200, headers: { 'Content-Type': 'text/plain' }, body: String(matchUsers(req, all, true, true).length) };
}

const GROUP_MEMBER_READ = ['GroupMember.Read.All', 'Group.Read.All', 'Directory.Read.All'];

/** POST /users/{id}/checkMemberGroups: which of up to 20 groups the user is a (transitive) member of. */
function checkMemberGroups(ctx: Parameters<Route['handler']>[0]) {
  const { tenant } = ctx.services;
  const user = tenant.user(decodeURIComponent(ctx.params.user!));
  if (!user) throw GraphErrors.userNotFound(ctx.params.user!);
  let body: { groupIds?: unknown };
  try {
    body = JSON.parse(ctx.req.body.toString('utf8') || '{}') as { groupIds?: unknown };
  } catch {
    throw GraphErrors.invalidJsonBody();
  }
  const ids = body.groupIds;
  if (!Array.isArray(ids) || ids.length === 0 || ids.length > 20 || !ids.every((id) => typeof id === 'string')) {
    throw GraphErrors.groupIds();
  }
  const member = tenant.memberOf(user.id);
  return json(200, {
    '@odata.context': contextUrl(ctx.req, 'Collection(Edm.String)'),
    value: (ids as string[]).filter((id) => member.has(id.toLowerCase())),
  });
}

export const userRoutes: Route[] = [
  route('POST', /^\/users\/(?<user>[^/]+)\/checkMemberGroups$/, GROUP_MEMBER_READ, checkMemberGroups),
  route('GET', /^\/users$/, USERS_READ, ({ req, services }) => listUsers(req, services.tenant.users)),
  route('GET', /^\/users\/\$count$/, USERS_READ, ({ req, services }) => countUsers(req, services.tenant.users)),
  route('GET', /^\/users\/(?<user>[^/]+)$/, USERS_READ, ({ req, user }) => {
    const select = selectList(req, SELECTABLE, 'Microsoft.DirectoryServices.User', 'directory');
    return json(200, { '@odata.context': `${contextUrl(req, 'users', select)}/$entity`, ...selected(user, select) });
  }),
];
