'use strict';
// The objects the rules look at, picked out of the manifests once: the Deployment, its container, the Services,
// the PodDisruptionBudget, and the host settings the ConfigMap mounts into the pod.
const { only } = require('./manifests');

function podSet(objects) {
  const deployment = only(objects, 'Deployment', 'streamjobs');
  const pod = deployment.spec.template.spec;
  const container = pod.containers.find((c) => c.name === 'streamjobs');
  if (!container) throw new Error('the Deployment has no container named streamjobs');
  const configMap = only(objects, 'ConfigMap', 'streamjobs-config');
  const environment = container.env?.find((e) => e.name === 'ASPNETCORE_ENVIRONMENT')?.value ?? 'Production';
  const settingsFile = `appsettings.${environment}.json`;
  const settingsText = configMap.data?.[settingsFile];
  return {
    deployment,
    pod,
    container,
    configMap,
    settingsFile,
    settings: settingsText === undefined ? undefined : JSON.parse(settingsText),
    services: objects.filter((o) => o.object.kind === 'Service').map((o) => o.object),
    budget: only(objects, 'PodDisruptionBudget'),
  };
}

module.exports = { podSet };
