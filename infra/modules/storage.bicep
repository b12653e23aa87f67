// Azure Tables for the cases (see the top-level README, "Storage design"). Entra ID only: no account keys,
// no SAS, no connection strings. The app's managed identity gets Storage Table Data Contributor on the account.

param name string
param location string
param tags object

@allowed([
  'Standard_LRS'
  'Standard_ZRS'
])
param skuName string

@description('Object id of the app\'s managed identity.')
param appPrincipalId string

@description('Table names to create up front (the app also creates them if missing).')
param tableNames array

// Storage Table Data Contributor (documented built-in role id).
var storageTableDataContributorRoleId = '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'

resource account 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: name
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: {
    name: skuName
  }
  properties: {
    // Keys and SAS stop working: only Entra ID (the managed identity, or an admin's own sign-in) gets in.
    allowSharedKeyAccess: false
    defaultToOAuthAuthentication: true
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    allowBlobPublicAccess: false
    allowCrossTenantReplication: false
    // Public endpoint, because a Basic App Service plan has no private networking here; access is by role only.
    publicNetworkAccess: 'Enabled'
    networkAcls: {
      defaultAction: 'Allow'
      bypass: 'AzureServices'
    }
    accessTier: 'Hot'
    // Encryption at rest is always on (Microsoft-managed keys); nothing to set.
  }
}

resource tableService 'Microsoft.Storage/storageAccounts/tableServices@2023-05-01' = {
  parent: account
  name: 'default'
}

resource tables 'Microsoft.Storage/storageAccounts/tableServices/tables@2023-05-01' = [for tableName in tableNames: {
  parent: tableService
  name: tableName
}]

resource tableDataContributor 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(account.id, appPrincipalId, storageTableDataContributorRoleId)
  scope: account
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', storageTableDataContributorRoleId)
    principalId: appPrincipalId
    // Set explicitly: the identity was created moments ago and Entra may not have replicated it yet.
    principalType: 'ServicePrincipal'
  }
}

// The case records are the company's evidence of how it handled each request: no accidental deletion of the
// account (delete the lock first on purpose, e.g. when tearing the deployment down).
resource deleteLock 'Microsoft.Authorization/locks@2020-05-01' = {
  name: 'keep-dsar-case-records'
  scope: account
  properties: {
    level: 'CanNotDelete'
    notes: 'Holds the DSAR case records and their audit trail.'
  }
}

output name string = account.name
// DSAR_TABLES_ENDPOINT, without a trailing slash: https://<account>.table.core.windows.net
output tableEndpoint string = 'https://${account.name}.table.${environment().suffixes.storage}'
