// The one identity the app uses for everything: Storage Tables, Key Vault, Application Insights,
// Microsoft Graph (app roles granted in graphAppRoles.bicep) and the Azure Bot (msaAppType UserAssignedMSI).
// User-assigned rather than system-assigned so that it exists before the Web App, can be granted roles first,
// and survives re-creating the Web App without re-granting Graph permissions.

param name string
param location string
param tags object

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: name
  location: location
  tags: tags
}

output id string = identity.id
output name string = identity.name
// Client id: AZURE_CLIENT_ID, DSAR_GRAPH_CLIENT_ID, MicrosoftAppId and the Teams manifest's bot id.
output clientId string = identity.properties.clientId
// Object id of its service principal: what Azure RBAC, Graph app roles and Exchange RBAC are granted to.
output principalId string = identity.properties.principalId
