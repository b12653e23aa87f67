// Logs and telemetry: a Log Analytics workspace, and a workspace-based Application Insights on it.

param workspaceName string
param appInsightsName string
param location string
param tags object

@description('Days to keep logs. The logs can hold personal data (request URLs, client IPs), so keep this short.')
@minValue(30)
@maxValue(730)
param retentionInDays int

@description('Object id of the app\'s managed identity, which may send telemetry.')
param appPrincipalId string

// Monitoring Metrics Publisher: despite the name, lets an identity send all telemetry to Application Insights.
var monitoringMetricsPublisherRoleId = '3913510d-42f4-4e42-8a64-420c390055eb'

resource workspace 'Microsoft.OperationalInsights/workspaces@2023-09-01' = {
  name: workspaceName
  location: location
  tags: tags
  properties: {
    sku: {
      name: 'PerGB2018'
    }
    retentionInDays: retentionInDays
    features: {
      // Access to a resource's logs follows access to the resource, not to the whole workspace.
      enableLogAccessUsingOnlyResourcePermissions: true
    }
  }
}

resource appInsights 'Microsoft.Insights/components@2020-02-02' = {
  name: appInsightsName
  location: location
  tags: tags
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: workspace.id
    IngestionMode: 'LogAnalytics'
    // Only Entra-authenticated telemetry (the managed identity) is accepted: the instrumentation key in the
    // connection string is then an address, not a credential.
    DisableLocalAuth: true
  }
}

resource telemetryPublisher 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(appInsights.id, appPrincipalId, monitoringMetricsPublisherRoleId)
  scope: appInsights
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', monitoringMetricsPublisherRoleId)
    principalId: appPrincipalId
    principalType: 'ServicePrincipal'
  }
}

output workspaceId string = workspace.id
// The name only: appSettings.bicep reads the connection string itself, so it never passes through an output.
output appInsightsName string = appInsights.name
