// The App Service plan (Linux) and the Web App running `node dist/server/main.js` on Node 22 LTS.
// App settings are NOT set here but in appSettings.bicep: they need the Entra app registration, which needs
// this app's host name first.

param planName string
param appName string
param location string
param tags object

@allowed([
  'B1'
  'B2'
  'B3'
  'S1'
  'P0v3'
  'P1v3'
])
param skuName string

@description('Resource id of the user-assigned managed identity the app runs as.')
param identityId string

@description('Log Analytics workspace for the platform, console and HTTP logs.')
param workspaceId string

resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'linux'
  sku: {
    name: skuName
  }
  properties: {
    // Linux plan.
    reserved: true
  }
}

resource site 'Microsoft.Web/sites@2024-04-01' = {
  name: appName
  location: location
  tags: tags
  kind: 'app,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identityId}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    // Resolve @Microsoft.KeyVault(...) app settings with the user-assigned identity (there is no system one).
    keyVaultReferenceIdentity: identityId
    // Stateless app (cases live in Tables): no sticky-session cookie.
    clientAffinityEnabled: false
    // Teams, Graph change notifications and Outlook must reach it.
    publicNetworkAccess: 'Enabled'
    siteConfig: {
      linuxFxVersion: 'NODE|22-lts'
      appCommandLine: 'node dist/server/main.js'
      // Reminders and Graph subscription renewals run in-process: the app must not be unloaded when idle.
      alwaysOn: true
      minTlsVersion: '1.2'
      scmMinTlsVersion: '1.2'
      ftpsState: 'Disabled'
      http20Enabled: true
      remoteDebuggingEnabled: false
      // Unauthenticated and reveals nothing about cases (src/server/app.ts).
      healthCheckPath: '/healthz'
    }
  }
}

// No username/password deployment (FTP or Kudu basic auth): deploy with an Entra sign-in (`az webapp deploy`).
resource ftpBasicAuth 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-04-01' = {
  parent: site
  name: 'ftp'
  properties: {
    allow: false
  }
}

resource scmBasicAuth 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-04-01' = {
  parent: site
  name: 'scm'
  properties: {
    allow: false
  }
}

// stdout (pino), HTTP access and platform events to Log Analytics.
resource logs 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'logs-to-log-analytics'
  scope: site
  properties: {
    workspaceId: workspaceId
    logs: [
      {
        category: 'AppServiceConsoleLogs'
        enabled: true
      }
      {
        category: 'AppServiceHTTPLogs'
        enabled: true
      }
      {
        category: 'AppServicePlatformLogs'
        enabled: true
      }
    ]
  }
}

output name string = site.name
// <app>.azurewebsites.net, as App Service assigned it.
output defaultHostName string = site.properties.defaultHostName
