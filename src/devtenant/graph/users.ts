import type { User } from '@microsoft/microsoft-graph-types';
import { badRequest, graphError, json } from '../http/kit.js';
import type { DevUser } from '../model.js';
import { evaluateFilter, parseFilter, ODataQueryError } from '../query/odata-filter.js';
import { route, USERS_READ, type Route } from './context.js';
import { contextUrl, decodeToken, encodeToken, linkTo, preferences, project, selectList } from './odata.js';

/** Directory users: GET /users and GET /users/{id | userPrincipalName}. */

const DEFAULT_PROPERTIES = ['businessPhones', 'displayName', 'givenName', 'jobTitle', 'mail', 'mobilePhone', 'officeLocation', 'preferredLanguage', 'surname', 'userPrincipalName', 'id'] as const;
const SELECTABLE = [...DEFAULT_PROPERTIES, 'accountEnabled', 'department', 'userType', 'createdDateTime'];
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

function selected(u: DevUser, select: string[] | undefined): Record<string, unknown> {
  if (!select) return userJson(u);
  const all: Record<string, unknown> = { ...userJson(u), accountEnabled: u.accountEnabled, department: u.department, userType: 'Member', createdDateTime: null };
  return project(all, select);
}

export const userRoutes: Route[] = [
  route('GET', /^\/users$/, USERS_READ, ({ req, services }) => {
    const select = selectList(req, SELECTABLE, 'microsoft.graph.user');
    const eventual = (req.headers['consistencylevel'] ?? '').toLowerCase() === 'eventual';
    const count = req.query.get('$count');
    if (count !== null && count !== 'true' && count !== 'false') throw badRequest(`Invalid value '${count}' for $count.`);
    let users = services.tenant.users;
    const filter = req.query.get('$filter');
    if (filter) {
      try {
        const node = parseFilter(filter);
        users = users.filter((u) => evaluateFilter(node, { ...userJson(u), accountEnabled: u.accountEnabled, department: u.department }));
      } catch (error) {
        if (error instanceof ODataQueryError) throw graphError(400, 'Request_UnsupportedQuery', error.message);
        throw error;
      }
    }
    const rawTop = req.query.get('$top');
    if (rawTop !== null && !(/^\d+$/.test(rawTop) && Number(rawTop) >= 1 && Number(rawTop) <= 999)) {
      throw graphError(400, 'Request_UnsupportedQuery', `Invalid page size specified: '${rawTop}'. Must be between 1 and 999 inclusive.`);
    }
    const top = rawTop !== null ? Number(rawTop) : Math.min(preferences(req).maxPageSize ?? PAGE, 999);
    const token = req.query.get('$skiptoken');
    const offset = token ? decodeToken<{ offset: number }>(token, '$skiptoken').offset : 0;
    const page = users.slice(offset, offset + top);
    const body: Record<string, unknown> = { '@odata.context': contextUrl(req, 'users', select) };
    // Without ConsistencyLevel: eventual, Graph silently ignores $count on directory objects.
    if (count === 'true' && eventual) body['@odata.count'] = users.length;
    if (offset + top < users.length) body['@odata.nextLink'] = linkTo(req, { $skiptoken: encodeToken({ offset: offset + top }) });
    body.value = page.map((u) => selected(u, select));
    return json(200, body);
  }),
  route('GET', /^\/users\/(?<user>[^/]+)$/, USERS_READ, ({ req, user }) => {
    const select = selectList(req, SELECTABLE, 'microsoft.graph.user');
    return json(200, { '@odata.context': contextUrl(req, 'users', select) + '/$entity', ...selected(user, select) });
  }),
];
