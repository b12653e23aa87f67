// ITGuy DSAR assistant on Azure, next to ITGuy's Microsoft 365 tenant.
//
//   az deployment group create -g <resource group> -n dsar -f infra/main.bicep -p infra/main.bicepparam
//
// One user-assigned managed identity does everything (Tables, Key Vault, Application Insights, Microsoft Graph,
// the Azure Bot): there is no secret for any Azure resource. The only secret, the Graph webhook clientState,
// is set in Key Vault by the admin after deployment. Step-by-step guide: infra/README.md.
targetScope = 'resourceGroup'

@description('Short name the resource names are built from: lowercase letters, digits and single hyphens, starting with a letter.')
@minLength(3)
@maxLength(12)
param baseName string

@description('Azure region for everything except the (global) bot registration. Defaults to the resource group\'s.')
param location string = resourceGroup().location

@description('App Service plan size. B1 is plenty for a 20-person company; Always On needs B1 or above.')
@allowed([
  'B1'
  'B2'
  'B3'
  'S1'
  'P0v3'
  'P1v3'
])
param appServicePlanSku string = 'B1'

@description('Storage redundancy for the case tables. ZRS keeps three copies across zones, where the region has them.')
@allowed([
  'Standard_LRS'
  'Standard_ZRS'
])
param storageSku string = 'Standard_LRS'

@description('Grant Graph Mail.Read tenant-wide to the managed identity (mailbox search). false: grant it per mailbox with Exchange RBAC for Applications instead (README, step 7).')
param grantTenantWideMailRead bool = true

@description('Object id of the admin (user or group) who sets Key Vault secrets; gets Key Vault Secrets Officer. Empty: nobody.')
param adminPrincipalId string = ''

@description('Comma-separated Entra object ids of the DPO users, who alone see cases (DSAR_DPO_USER_IDS). Set this or dpoGroupId.')
param dpoUserIds string = ''

@description('Object id of an Entra group whose members are DPO users (DSAR_DPO_GROUP_ID). Needs GroupMember.Read.All.')
param dpoGroupId string = ''

@description('Every official mailbox intake watches, comma-separated (DSAR_INTAKE_MAILBOXES). Each needs write access granted per mailbox with Exchange RBAC for Applications (README, step 7).')
param intakeMailboxes string = 'dpa@itguy.dk,support@itguy.dk'

@description('Optional Teams channel that also gets new-request cards, e.g. 19:...@thread.tacv2 (DSAR_BOT_CHANNEL_ID).')
param botChannelId string = ''

@description('Days to keep logs in Log Analytics (30-730). They can hold personal data; keep it short.')
@minValue(30)
@maxValue(730)
param logRetentionInDays int = 30

@description('The app\'s LOG_LEVEL.')
@allowed([
  'fatal'
  'error'
  'warn'
  'info'
  'debug'
  'trace'
  'silent'
])
param logLevel string = 'info'

@description('Tags for every Azure resource.')
param tags object = {}

// Globally unique names (Web App, storage, Key Vault, bot) get a suffix that is stable per resource group.
var suffix = take(uniqueString(resourceGroup().id), 6)
var names = {
  identity: 'id-${baseName}'
  workspace: 'log-${baseName}'
  appInsights: 'appi-${baseName}'
  plan: 'plan-${baseName}'
  webApp: 'app-${baseName}-${suffix}'
  storage: take('st${toLower(replace(baseName, '-', ''))}${suffix}', 24)
  keyVault: 'kv-${baseName}-${suffix}'
  bot: 'bot-${baseName}-${suffix}'
  apiApp: '${baseName}-api-${suffix}'
}
var webhookClientStateSecretName = 'dsar-webhook-client-state'

module identity './modules/identity.bicep' = {
  name: 'identity'
  params: {
    name: names.identity
    location: location
    tags: tags
  }
}

module monitoring './modules/monitoring.bicep' = {
  name: 'monitoring'
  params: {
    workspaceName: names.workspace
    appInsightsName: names.appInsights
    location: location
    tags: tags
    retentionInDays: logRetentionInDays
    appPrincipalId: identity.outputs.principalId
  }
}

module storage './modules/storage.bicep' = {
  name: 'storage'
  params: {
    name: names.storage
    location: location
    tags: tags
    skuName: storageSku
    appPrincipalId: identity.outputs.principalId
    // src/store/open-case-table.ts (CASES_TABLE), with no DSAR_TABLE_PREFIX. Declared so the template shows
    // where the cases live; the app creates it, and any other table it needs, itself if missing.
    tableNames: [
      'cases'
    ]
  }
}

module keyVault './modules/keyVault.bicep' = {
  name: 'keyVault'
  params: {
    name: names.keyVault
    location: location
    tags: tags
    appPrincipalId: identity.outputs.principalId
    adminPrincipalId: adminPrincipalId
    workspaceId: monitoring.outputs.workspaceId
  }
}

module webApp './modules/webApp.bicep' = {
  name: 'webApp'
  params: {
    planName: names.plan
    appName: names.webApp
    location: location
    tags: tags
    skuName: appServicePlanSku
    identityId: identity.outputs.id
    workspaceId: monitoring.outputs.workspaceId
  }
}

// Microsoft Graph application permissions for the managed identity (needs Privileged Role Administrator).
module graphAppRoles './modules/graphAppRoles.bicep' = {
  name: 'graphAppRoles'
  params: {
    principalId: identity.outputs.principalId
    grantTenantWideMailRead: grantTenantWideMailRead
  }
}

// The add-in's API app registration, then its api://<client id> identifier (needs its own client id).
module apiApp './modules/apiApp.bicep' = {
  name: 'apiApp'
  params: {
    uniqueName: names.apiApp
    displayName: 'ITGuy DSAR assistant (add-in API)'
    appHostName: webApp.outputs.defaultHostName
  }
}

module apiAppIdentifierUri './modules/apiAppIdentifierUri.bicep' = {
  name: 'apiAppIdentifierUri'
  params: {
    uniqueName: names.apiApp
    displayName: 'ITGuy DSAR assistant (add-in API)'
    clientId: apiApp.outputs.clientId
  }
}

module bot './modules/bot.bicep' = {
  name: 'bot'
  params: {
    name: names.bot
    displayName: 'DSAR assistant'
    messagingEndpoint: 'https://${webApp.outputs.defaultHostName}/api/messages'
    identityId: identity.outputs.id
    identityClientId: identity.outputs.clientId
    tenantId: tenant().tenantId
    tags: tags
  }
}

module appSettings './modules/appSettings.bicep' = {
  name: 'appSettings'
  params: {
    webAppName: webApp.outputs.name
    appInsightsName: monitoring.outputs.appInsightsName
    identityClientId: identity.outputs.clientId
    tableEndpoint: storage.outputs.tableEndpoint
    vaultUri: keyVault.outputs.vaultUri
    webhookClientStateSecretName: webhookClientStateSecretName
    apiClientId: apiApp.outputs.clientId
    logLevel: logLevel
    dpoUserIds: dpoUserIds
    dpoGroupId: dpoGroupId
    botChannelId: botChannelId
    intakeMailboxes: intakeMailboxes
  }
  // Settings restart the app: by then it should already hold its Graph permissions and its API's identifier.
  dependsOn: [
    graphAppRoles
    apiAppIdentifierUri
  ]
}

// Everything an admin needs afterwards (README steps 5-10). Identifiers and addresses only, never a secret.
output webAppName string = webApp.outputs.name
output appHostName string = webApp.outputs.defaultHostName
output appUrl string = 'https://${webApp.outputs.defaultHostName}'
output identityClientId string = identity.outputs.clientId
output identityPrincipalId string = identity.outputs.principalId
output tablesEndpoint string = storage.outputs.tableEndpoint
output botId string = bot.outputs.botId
output botName string = bot.outputs.name
output apiClientId string = apiApp.outputs.clientId
output apiIdentifierUri string = apiAppIdentifierUri.outputs.identifierUri
output keyVaultName string = keyVault.outputs.name
output grantedGraphAppRoles array = graphAppRoles.outputs.grantedRoles
