// The Web App's app settings (its environment variables). Names are the app's configuration keys
// (src/config/config.ts, top-level README "Configuration") plus platform names. No secret values: the one
// secret is a Key Vault reference that App Service resolves with the managed identity.
// This resource replaces the whole set on every deployment; settings added by hand in the portal are dropped.

param webAppName string
param appInsightsName string

@description('Client id of the user-assigned managed identity.')
param identityClientId string

@description('https://<account>.table.core.windows.net')
param tableEndpoint string

@description('https://<vault>.vault.azure.net/ (with the trailing slash)')
param vaultUri string

@description('Name of the Key Vault secret holding the Graph webhook clientState.')
param webhookClientStateSecretName string

@description('Client id of the API app registration used by the Outlook add-in.')
param apiClientId string

param logLevel string

@description('Comma-separated Entra object ids of the DPO users.')
param dpoUserIds string

@description('Entra group of DPO users (optional).')
param dpoGroupId string

@description('Teams channel for new-request cards (optional).')
param botChannelId string

@description('Comma-separated mailboxes intake watches (dpa@, support@).')
param intakeMailboxes string

resource site 'Microsoft.Web/sites@2024-04-01' existing = {
  name: webAppName
}

resource appInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: appInsightsName
}

resource appSettings 'Microsoft.Web/sites/config@2024-04-01' = {
  parent: site
  name: 'appsettings'
  properties: {
    // DefaultAzureCredential picks the user-assigned identity by this (Storage Tables).
    AZURE_CLIENT_ID: identityClientId
    // Setting it selects Azure mode; authenticated with the managed identity, never a key.
    DSAR_TABLES_ENDPOINT: tableEndpoint
    // Graph on, as ITGuy's tenant; with no DSAR_GRAPH_CLIENT_SECRET the app uses the managed identity
    // named by DSAR_GRAPH_CLIENT_ID, which holds the Graph app roles (graphAppRoles.bicep).
    DSAR_GRAPH_TENANT_ID: tenant().tenantId
    DSAR_GRAPH_CLIENT_ID: identityClientId
    // Versionless reference with a trailing slash: App Service picks up a new secret version on its own.
    // Intake: Graph posts mail notifications to https://<host>/api/notifications with this secret.
    DSAR_PUBLIC_URL: 'https://${site.properties.defaultHostName}'
    DSAR_WEBHOOK_CLIENT_STATE: '@Microsoft.KeyVault(SecretUri=${vaultUri}secrets/${webhookClientStateSecretName}/)'
    // Every official channel a request can reach; the clock starts at any of them (step 7 scopes Mail.ReadWrite to them).
    DSAR_INTAKE_MAILBOXES: intakeMailboxes
    DSAR_API_CLIENT_ID: apiClientId
    LOG_LEVEL: logLevel
    // Azure Bot authentication with the same managed identity (bot.bicep registers it as the bot's app id).
    DSAR_BOT_APP_TYPE: 'UserAssignedMSI'
    DSAR_BOT_APP_ID: identityClientId
    DSAR_BOT_TENANT_ID: tenant().tenantId
    // Who sees cases. Empty values are "not set" to the app.
    DSAR_DPO_USER_IDS: dpoUserIds
    DSAR_DPO_GROUP_ID: dpoGroupId
    DSAR_BOT_CHANNEL_ID: botChannelId
    // Not a secret (ingestion is Entra-only, monitoring.bicep), read here so it never passes through an output.
    APPLICATIONINSIGHTS_CONNECTION_STRING: appInsights.properties.ConnectionString
    // The zip already holds the built app and its production node_modules: no Oryx build on the server.
    SCM_DO_BUILD_DURING_DEPLOYMENT: 'false'
  }
}
