// The Entra app registration for the product's OWN API, used by the Outlook add-in through nested app
// authentication (NAA): the add-in signs the user in with this client id and asks for
// api://<client id>/Cases.ReadWrite; the server accepts only tokens for this audience.
// It is not used for Microsoft Graph or Azure (the managed identity does that) and has no secret or certificate.
extension microsoftGraphV1

@description('Stable key of the app registration in the tenant (Graph "uniqueName"); changing it creates a new app.')
param uniqueName string

param displayName string

@description('The Web App\'s host name, which serves the add-in.')
param appHostName string

// A fixed id per app, so redeploying updates the scope instead of adding another one.
var casesScopeId = guid(uniqueName, 'Cases.ReadWrite')

resource api 'Microsoft.Graph/applications@v1.0' = {
  uniqueName: uniqueName
  displayName: displayName
  description: 'ITGuy DSAR assistant: the API behind the Outlook add-in (nested app authentication). No secrets.'
  notes: 'Managed by infra/main.bicep in the itguy-dsar repository; changes made by hand are overwritten.'
  // ITGuy's own tenant only.
  signInAudience: 'AzureADMyOrg'
  api: {
    // v2 tokens (aud = client id). Also exempts the app from the tenant's default identifier URI restriction.
    requestedAccessTokenVersion: 2
    oauth2PermissionScopes: [
      {
        id: casesScopeId
        value: 'Cases.ReadWrite'
        type: 'User'
        isEnabled: true
        adminConsentDisplayName: 'Read and write DSAR cases'
        adminConsentDescription: 'Allows the DSAR assistant\'s Outlook add-in to read and change data-subject-request cases as the signed-in user.'
        userConsentDisplayName: 'Read and write DSAR cases'
        userConsentDescription: 'Allows the DSAR assistant\'s Outlook add-in to read and change data-subject-request cases as you.'
      }
    ]
  }
  // NAA: the broker redirect for Outlook (new Outlook, web, Windows, Mac) and the task pane page itself.
  spa: {
    redirectUris: [
      'brk-multihub://${appHostName}'
      'https://${appHostName}/addin/taskpane.html'
    ]
  }
  // identifierUris (api://<client id>) is set by apiAppIdentifierUri.bicep: it needs this app's own client id,
  // which Bicep cannot reference inside the resource that creates it.
}

resource apiServicePrincipal 'Microsoft.Graph/servicePrincipals@v1.0' = {
  appId: api.appId
}

resource msGraph 'Microsoft.Graph/servicePrincipals@v1.0' existing = {
  appId: '00000003-0000-0000-c000-000000000000'
}

// Admin consent, for every user, to the add-in (this app) calling its own API...
resource casesConsent 'Microsoft.Graph/oauth2PermissionGrants@v1.0' = {
  clientId: apiServicePrincipal.id
  resourceId: apiServicePrincipal.id
  consentType: 'AllPrincipals'
  scope: 'Cases.ReadWrite'
}

// ...and to the sign-in scopes MSAL always asks for, so nobody sees a consent prompt in Outlook.
resource signInConsent 'Microsoft.Graph/oauth2PermissionGrants@v1.0' = {
  clientId: apiServicePrincipal.id
  resourceId: msGraph.id
  consentType: 'AllPrincipals'
  scope: 'openid profile offline_access'
}

output clientId string = api.appId
output casesScopeId string = casesScopeId
