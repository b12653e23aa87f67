// Second step of the API app registration (apiApp.bicep): its Application ID URI, api://<client id>.
// The Graph extension updates an application by uniqueName with the properties given (an upsert that leaves
// the others alone), so this touches identifierUris only. The api://<client id> form is accepted by every
// Entra identifier-URI policy (it is the "default" URI).
extension microsoftGraphV1

param uniqueName string
param displayName string

@description('The app registration\'s client id, from apiApp.bicep.')
param clientId string

var identifierUri = 'api://${clientId}'

resource api 'Microsoft.Graph/applications@v1.0' = {
  uniqueName: uniqueName
  displayName: displayName
  identifierUris: [
    identifierUri
  ]
}

output identifierUri string = identifierUri
