// Microsoft Graph application permissions for the app's managed identity, granted directly to its service
// principal (an app role assignment IS the admin consent for an application permission; a managed identity
// has no app registration and no "Grant admin consent" button).
//
// Mail.ReadWrite is deliberately NOT granted here: tenant-wide it would let the app change every mailbox.
// It is granted only on the watched mailboxes (dpa@, support@) with Exchange Online RBAC for Applications
// (infra/README.md, step 7).
// Deploying this needs an Entra role that may grant Graph app roles: Privileged Role Administrator.
extension microsoftGraphV1

@description('Object id of the managed identity\'s service principal.')
param principalId string

@description('Grant Mail.Read tenant-wide (searching every mailbox for a requester\'s data). Set false to grant it per mailbox scope with Exchange RBAC instead.')
param grantTenantWideMailRead bool

// Looked up by name on Microsoft Graph's own service principal rather than hard-coding the role GUIDs
// (for reference: User.Read.All df021288-bdef-4463-88db-98f22de89214, Files.Read.All
// 01d4889c-1287-42c6-ac1f-5d1e02578ef6, Mail.Read 810c84a8-4a9e-49e6-bf7d-12d183f40d01).
var graphRoleNames = concat([
  'User.Read.All' // who is on staff; requester and employee lookups; /readyz's Graph check
  'Files.Read.All' // OneDrive/SharePoint search for the requester's data
], grantTenantWideMailRead ? [
  'Mail.Read' // mailbox search for the requester's data, and reading the watched inboxes
] : [])

// Microsoft Graph's well-known application id.
resource msGraph 'Microsoft.Graph/servicePrincipals@v1.0' existing = {
  appId: '00000003-0000-0000-c000-000000000000'
}

resource graphAppRoles 'Microsoft.Graph/appRoleAssignedTo@v1.0' = [for roleName in graphRoleNames: {
  principalId: principalId
  resourceId: msGraph.id
  appRoleId: filter(msGraph.appRoles, appRole => appRole.value == roleName && contains(appRole.allowedMemberTypes, 'Application'))[0].id
}]

output grantedRoles array = graphRoleNames
