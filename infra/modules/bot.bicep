// The Azure Bot registration for the Teams bot. Its Microsoft App ID is the app's user-assigned managed
// identity (msaAppType UserAssignedMSI): no app password anywhere. Single-tenant by nature (ITGuy's tenant).

param name string
param displayName string

@description('https://<app host>/api/messages')
param messagingEndpoint string

@description('Resource id of the user-assigned managed identity.')
param identityId string

@description('Client id of the same identity: the bot id in the Teams app manifest.')
param identityClientId string

param tenantId string
param tags object

resource bot 'Microsoft.BotService/botServices@2022-09-15' = {
  name: name
  // Bot registrations are global resources.
  location: 'global'
  tags: tags
  kind: 'azurebot'
  sku: {
    // Free tier: Teams is a standard channel, so F0's premium-message limit does not apply.
    name: 'F0'
  }
  properties: {
    displayName: displayName
    endpoint: messagingEndpoint
    msaAppType: 'UserAssignedMSI'
    msaAppId: identityClientId
    msaAppMSIResourceId: identityId
    msaAppTenantId: tenantId
  }
}

resource teams 'Microsoft.BotService/botServices/channels@2022-09-15' = {
  parent: bot
  name: 'MsTeamsChannel'
  location: 'global'
  properties: {
    channelName: 'MsTeamsChannel'
    properties: {
      isEnabled: true
      // Teams' app validation reports "bot not registered" for channels that have not accepted the terms.
      acceptedTerms: true
    }
  }
}

output name string = bot.name
// What Teams calls the bot id: the managed identity's client id.
output botId string = bot.properties.msaAppId
