import { GraphErrors } from '../errors.js';
import { json } from '../http/kit.js';
import type { StoredContact } from '../state/sources-store.js';
import { CONTACTS_READ, COPILOT_READ, route, type Route, type RouteContext } from './context.js';
import { exportFilter, exportPage } from './export-paging.js';
import { userSegment } from './mail/shared.js';
import { contextUrl, project, selectList } from './odata.js';

/**
 * Outlook contacts (user-list-contacts.md) and Microsoft 365 Copilot interactions
 * (aiinteractionhistory-getallenterpriseinteractions.md), both per user and app-only.
 */

const CONTACT_PROPERTIES = [
  'id',
  'createdDateTime',
  'lastModifiedDateTime',
  'changeKey',
  'categories',
  'parentFolderId',
  'birthday',
  'fileAs',
  'displayName',
  'givenName',
  'initials',
  'middleName',
  'nickName',
  'surname',
  'title',
  'jobTitle',
  'companyName',
  'department',
  'officeLocation',
  'businessHomePage',
  'personalNotes',
  'emailAddresses',
  'imAddresses',
  'businessPhones',
  'homePhones',
  'mobilePhone',
  'homeAddress',
  'businessAddress',
  'otherAddress',
] as const;

// The one documented filter: emailAddresses/any(a:a/address eq '…'), with any lambda variable name.
const EMAIL_FILTER = /^emailAddresses\/any\((\w+):\s*\1\/address\s+eq\s+'((?:[^']|'')*)'\)$/i;

function contactJson(c: StoredContact) {
  return {
    '@odata.etag': `W/"${c.id.slice(-16)}"`,
    id: c.id,
    createdDateTime: c.createdDateTime,
    lastModifiedDateTime: c.lastModifiedDateTime,
    changeKey: c.id.slice(-16),
    categories: [],
    parentFolderId: 'AAMkAGI2Contacts',
    birthday: null,
    fileAs: `${c.surname ?? ''}, ${c.givenName ?? ''}`.replace(/^, |, $/g, ''),
    displayName: c.displayName,
    givenName: c.givenName,
    initials: null,
    middleName: null,
    nickName: null,
    surname: c.surname,
    title: null,
    jobTitle: null,
    companyName: c.companyName,
    department: null,
    officeLocation: null,
    businessHomePage: null,
    personalNotes: c.personalNotes,
    emailAddresses: c.emailAddresses,
    imAddresses: [],
    businessPhones: c.businessPhones,
    homePhones: [],
    mobilePhone: c.mobilePhone,
    homeAddress: {},
    businessAddress: {},
    otherAddress: {},
  };
}

function listContacts(ctx: RouteContext) {
  const select = selectList(ctx.req, CONTACT_PROPERTIES, 'microsoft.graph.contact');
  let contacts = ctx.services.tenant.sources.contacts.filter((c) => c.ownerId === ctx.user.id);
  const filter = ctx.req.query.get('$filter')?.trim();
  if (filter) {
    const m = EMAIL_FILTER.exec(filter);
    if (!m) throw GraphErrors.invalidFilter("Contacts support only $filter=emailAddresses/any(a:a/address eq '{address}').");
    const address = m[2]!.replace(/''/g, "'").toLowerCase();
    contacts = contacts.filter((c) => c.emailAddresses.some((e) => e.address.toLowerCase() === address));
  }
  contacts.sort((a, b) => a.displayName.localeCompare(b.displayName, 'da') || a.id.localeCompare(b.id));
  const { page, nextLink } = exportPage(ctx.req, contacts, { defaultTop: 10, maxTop: 1000 });
  return json(200, {
    '@odata.context': contextUrl(ctx.req, `${userSegment(ctx)}/contacts`, select),
    value: page.map((c) => project(contactJson(c), select)),
    ...(nextLink ? { '@odata.nextLink': nextLink } : {}),
  });
}

function interactions(ctx: RouteContext) {
  const { tenant } = ctx.services;
  if (!ctx.user.copilotLicensed) throw GraphErrors.copilotNotLicensed();
  const filter = exportFilter(ctx.req, 'createdDateTime', ['appClass', 'interactionType']);
  const all = tenant.sources.interactions
    .filter((i) => i.userId === ctx.user.id)
    .sort((a, b) => a.createdDateTime.localeCompare(b.createdDateTime) || a.id.localeCompare(b.id))
    .map((i) => ({
      id: i.id,
      sessionId: i.sessionId,
      requestId: i.requestId,
      appClass: i.appClass,
      interactionType: i.interactionType,
      conversationType: i.conversationType,
      etag: i.id,
      createdDateTime: i.createdDateTime,
      locale: 'da-dk',
      contexts: [],
      from:
        i.interactionType === 'userPrompt'
          ? {
              '@odata.type': '#microsoft.graph.chatMessageFromIdentitySet',
              application: null,
              device: null,
              user: {
                '@odata.type': '#microsoft.graph.teamworkUserIdentity',
                id: ctx.user.id,
                displayName: `8:orgid:${ctx.user.id}`,
                userIdentityType: 'aadUser',
                tenantId: tenant.tenantId,
              },
            }
          : {
              '@odata.type': '#microsoft.graph.chatMessageFromIdentitySet',
              device: null,
              user: null,
              application: {
                '@odata.type': '#microsoft.graph.teamworkApplicationIdentity',
                id: 'fb8d773d-7ef8-4ec0-a117-179f88add510',
                displayName: 'Microsoft 365 Chat',
                applicationIdentityType: 'bot',
              },
            },
      body: i.body,
      attachments: [],
      links: [],
      mentions: [],
    }))
    .filter((i) => filter.test(i));
  const { page, nextLink } = exportPage(ctx.req, all, { defaultTop: 100, maxTop: 100 });
  return json(200, {
    '@odata.context': contextUrl(ctx.req, 'Collection(microsoft.graph.aiInteraction)'),
    '@odata.count': page.length,
    ...(nextLink ? { '@odata.nextLink': nextLink } : {}),
    value: page,
  });
}

export const contactRoutes: Route[] = [
  route('GET', /^\/users\/(?<user>[^/]+)\/contacts$/, CONTACTS_READ, listContacts, 'outlook'),
  {
    ...route(
      'GET',
      /^\/copilot\/users\/(?<user>[^/]+)\/interactionHistory\/getAllEnterpriseInteractions(?:\(\))?$/i,
      COPILOT_READ,
      interactions,
    ),
    denied: (had) => GraphErrors.teamsMissingRole(COPILOT_READ, had),
  },
];
