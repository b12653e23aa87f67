// Parameters for ITGuy's deployment (infra/README.md, step 4):
//   export DSAR_ADMIN_PRINCIPAL_ID=$(az ad signed-in-user show --query id -o tsv)
//   az deployment group create -g rg-itguy-dsar -n dsar -f infra/main.bicep -p infra/main.bicepparam
// No secrets belong in this file.
using './main.bicep'

param baseName = 'itguy-dsar'

param appServicePlanSku = 'B1'

param storageSku = 'Standard_LRS'

// Mailbox search needs Mail.Read on every staff mailbox. Set false to scope it with Exchange RBAC instead.
param grantTenantWideMailRead = true

// Who may set the webhook clientState in Key Vault: the admin running the deployment, from the environment.
param adminPrincipalId = readEnvironmentVariable('DSAR_ADMIN_PRINCIPAL_ID', '')

// Who sees cases in Teams and the add-in: the DPO users' Entra object ids (az ad user show --id lbh@itguy.dk --query id -o tsv).
param dpoUserIds = readEnvironmentVariable('DSAR_DPO_USER_IDS', '')

// The mailboxes intake watches: the privacy policy's dpa@ (requests) and support@ (marketing opt-outs).
// Keep it in step with the Exchange scope of step 7, which gives the app Mail.ReadWrite on exactly these.
param intakeMailboxes = 'dpa@itguy.dk,support@itguy.dk'

param logRetentionInDays = 30

param logLevel = 'info'

param tags = {
  application: 'itguy-dsar'
  dataClassification: 'personal-data'
}
