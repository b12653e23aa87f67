// Key Vault for the few secrets the app has (today: the Graph webhook clientState). Azure RBAC, not access
// policies; soft delete and purge protection so a deleted secret can be recovered and never purged early.
// No secret is created here: the admin sets them after deployment (infra/README.md, step 5), so no secret
// value ever passes through a template, a parameter file or the deployment history.

param name string
param location string
param tags object

@description('Object id of the app\'s managed identity, which reads the secrets (Key Vault Secrets User).')
param appPrincipalId string

@description('Object id of the admin who sets the secrets (Key Vault Secrets Officer); empty for none.')
param adminPrincipalId string

@description('Log Analytics workspace for the vault\'s audit log (who read or changed which secret, when).')
param workspaceId string

// Documented built-in role ids.
var keyVaultSecretsUserRoleId = '4633458b-17de-408a-b874-0445c86b69e6'
var keyVaultSecretsOfficerRoleId = 'b86a8fe4-44ce-4948-aee5-eccb2c155cd7'

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    tenantId: tenant().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 90
    // Cannot be turned off again once on; a deleted vault or secret stays recoverable for the 90 days.
    enablePurgeProtection: true
    enabledForDeployment: false
    enabledForDiskEncryption: false
    enabledForTemplateDeployment: false
    // App Service resolves Key Vault references over the public endpoint; access is by role only.
    publicNetworkAccess: 'Enabled'
  }
}

resource appSecretsUser 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(vault.id, appPrincipalId, keyVaultSecretsUserRoleId)
  scope: vault
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', keyVaultSecretsUserRoleId)
    principalId: appPrincipalId
    principalType: 'ServicePrincipal'
  }
}

// Owner on the resource group does not include reading or writing secret values (data plane), so the admin
// who sets the clientState needs this role. principalType is left out: it may be a user or a group.
resource adminSecretsOfficer 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (!empty(adminPrincipalId)) {
  name: guid(vault.id, adminPrincipalId, keyVaultSecretsOfficerRoleId)
  scope: vault
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', keyVaultSecretsOfficerRoleId)
    principalId: adminPrincipalId
  }
}

resource auditLog 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'audit-to-log-analytics'
  scope: vault
  properties: {
    workspaceId: workspaceId
    logs: [
      {
        category: 'AuditEvent'
        enabled: true
      }
    ]
  }
}

output name string = vault.name
// https://<name>.vault.azure.net/ (with the trailing slash), for building Key Vault references.
output vaultUri string = vault.properties.vaultUri
