'use strict';
// The operational rules the manifests must keep, each a function from the pod set (support/podSet.js) to a list of
// problems (empty when the rule holds), so tests can run them on the real manifests and on broken copies alike.
const hostSettings = require('./hostSettings');
const { timeSpanSeconds } = require('./timespan');
const { hostShutdownTimeoutSeconds, defaultDrainTimeoutSeconds } = require('./hostSource');

const tokenVariable = 'STREAMJOBS_StreamJobs__Taps__Token';

// The dedicated ingest listeners: their setting under StreamJobs:Listeners, the container port name, the standard port.
const listeners = [
  { name: 'Zipkin', portName: 'zipkin', port: 9411 },
  { name: 'OtlpHttp', portName: 'otlp-http', port: 4318 },
  { name: 'OtlpGrpc', portName: 'otlp-grpc', port: 4317 },
];

function httpPort(set) {
  return set.container.ports?.find((p) => p.name === 'http');
}

function urlsPort(set) {
  const urls = set.settings?.StreamJobs?.Http?.Urls ?? '';
  return Number(/:(\d+)\/?$/.exec(urls.split(';')[0])?.[1]);
}

function selects(selector, labels) {
  return selector != null && Object.keys(selector).length > 0
    && Object.entries(selector).every(([k, v]) => labels?.[k] === v);
}

function preStopSleepSeconds(set) {
  const preStop = set.container.lifecycle?.preStop;
  if (preStop?.sleep) return Number(preStop.sleep.seconds);
  const command = preStop?.exec?.command ?? [];
  return command[0] === 'sleep' ? Number(command[1]) : 0;
}

function drainTimeoutSeconds(set) {
  const configured = set.settings?.StreamJobs?.DrainTimeout;
  return configured === undefined ? defaultDrainTimeoutSeconds() : timeSpanSeconds(configured);
}

const rules = {
  probes(set) {
    const problems = [];
    const port = httpPort(set);
    if (!port) return ['the container has no port named http'];
    if (port.containerPort !== urlsPort(set)) problems.push(`port http is ${port.containerPort} but StreamJobs:Http:Urls listens on ${urlsPort(set)}`);
    const expected = { startupProbe: '/healthz', livenessProbe: '/healthz', readinessProbe: '/readyz' };
    for (const [probe, path] of Object.entries(expected)) {
      const get = set.container[probe]?.httpGet;
      if (!get) { problems.push(`${probe} is missing or not an HTTP GET`); continue; }
      if (get.path !== path) problems.push(`${probe} asks ${get.path}, expected ${path}`);
      if (get.port !== 'http' && get.port !== port.containerPort) problems.push(`${probe} asks port ${get.port}, not the http port`);
    }
    return problems;
  },

  scrapeAnnotations(set) {
    const a = set.deployment.spec.template.metadata?.annotations ?? {};
    const problems = [];
    if (a['prometheus.io/scrape'] !== 'true') problems.push('prometheus.io/scrape must be "true"');
    if (a['prometheus.io/path'] !== '/metrics') problems.push('prometheus.io/path must be /metrics');
    if (a['prometheus.io/port'] !== String(httpPort(set)?.containerPort)) problems.push(`prometheus.io/port must be the http port, is ${a['prometheus.io/port']}`);
    return problems;
  },

  gracefulTermination(set) {
    const grace = set.pod.terminationGracePeriodSeconds ?? 30;
    const preStop = preStopSleepSeconds(set);
    const drain = drainTimeoutSeconds(set);
    const hostStop = hostShutdownTimeoutSeconds();
    const problems = [];
    if (preStop <= 0) problems.push('no preStop delay: the pod would get SIGTERM while still in the endpoints');
    if (!(grace > preStop + drain)) problems.push(`terminationGracePeriodSeconds ${grace} must exceed preStop ${preStop} s + DrainTimeout ${drain} s`);
    if (!(grace > preStop + hostStop)) problems.push(`terminationGracePeriodSeconds ${grace} must exceed preStop ${preStop} s + the host's ShutdownTimeout ${hostStop} s`);
    const kafkaDrain = set.settings?.StreamJobs?.Kafka?.ShutdownDrainTimeout;
    if (kafkaDrain !== undefined && !(timeSpanSeconds(kafkaDrain) < drain)) problems.push(`Kafka ShutdownDrainTimeout ${kafkaDrain} must end within DrainTimeout ${drain} s`);
    return problems;
  },

  startupBudget(set) {
    const probe = set.container.startupProbe ?? {};
    const budget = (probe.periodSeconds ?? 10) * (probe.failureThreshold ?? 3) + (probe.initialDelaySeconds ?? 0);
    const connect = set.settings?.StreamJobs?.Cassandra?.ConnectTimeout;
    const needed = connect === undefined ? 30 : timeSpanSeconds(connect);
    return budget > needed ? [] : [`startupProbe allows ${budget} s, less than Cassandra's ConnectTimeout ${needed} s`];
  },

  services(set) {
    const labels = set.deployment.spec.template.metadata?.labels;
    const problems = [];
    if (!selects(set.deployment.spec.selector?.matchLabels, labels)) problems.push('the Deployment selector does not match its pod labels');
    const headless = set.services.filter((s) => s.spec?.clusterIP === 'None');
    const regular = set.services.filter((s) => s.spec?.clusterIP !== 'None');
    if (headless.length !== 1) problems.push(`expected one headless Service, found ${headless.length}`);
    if (regular.length !== 1) problems.push(`expected one regular Service, found ${regular.length}`);
    for (const service of set.services) {
      if (!selects(service.spec?.selector, labels)) problems.push(`Service ${service.metadata.name} does not select the pods`);
      for (const port of service.spec?.ports ?? []) {
        if (port.protocol === 'UDP') {
          // Flow datagrams: the container port the UDP listener binds (StreamJobs:Flows:UdpPort, on a non-loopback address).
          const target = set.container.ports?.find((p) => p.name === port.targetPort || p.containerPort === port.targetPort);
          const flows = set.settings?.StreamJobs?.Flows ?? {};
          if (target?.protocol !== 'UDP' || target.containerPort !== (flows.UdpPort ?? 5081)) problems.push(`Service ${service.metadata.name} UDP port ${port.name} does not target the container's UDP port StreamJobs:Flows:UdpPort`);
          else if ((flows.UdpAddress ?? '127.0.0.1') !== '0.0.0.0') problems.push(`Service ${service.metadata.name} sends UDP to port ${target.containerPort}, but the listener binds ${flows.UdpAddress ?? '127.0.0.1'} (StreamJobs:Flows:UdpAddress)`);
        } else if (port.targetPort !== 'http' && port.targetPort !== httpPort(set)?.containerPort
          && !(service.spec?.clusterIP !== 'None' && listeners.some((l) => l.portName === port.targetPort))) {
          problems.push(`Service ${service.metadata.name} targets port ${port.targetPort}, not http${service.spec?.clusterIP === 'None' ? '' : ' or an ingest listener'}`);
        }
      }
    }
    const taps = set.settings?.StreamJobs?.Taps ?? {};
    const dnsName = String(taps.ReplicaDns ?? '').split('.')[0];
    if (headless.length === 1 && dnsName !== headless[0].metadata.name) problems.push(`StreamJobs:Taps:ReplicaDns is '${taps.ReplicaDns}', not the headless Service ${headless[0].metadata.name}`);
    if ((taps.ReplicaPort ?? 5080) !== httpPort(set)?.containerPort) problems.push(`StreamJobs:Taps:ReplicaPort ${taps.ReplicaPort} is not the http port`);
    return problems;
  },

  ingestListeners(set) {
    // Each listener binds beyond loopback on the port the container declares, and the regular Service exposes it on
    // its standard port (the one default clients use); gRPC is marked h2c.
    const problems = [];
    const configured = set.settings?.StreamJobs?.Listeners ?? {};
    const service = set.services.find((s) => s.spec?.clusterIP !== 'None');
    for (const { name, portName, port } of listeners) {
      const setting = `StreamJobs:Listeners:${name}`;
      const url = configured[name];
      if (url === undefined) { problems.push(`${setting} is not set: by default it binds loopback only, which the Service cannot reach`); continue; }
      const declared = set.container.ports?.find((p) => p.name === portName);
      if (url === '' || /^off$/i.test(url)) {
        if (declared) problems.push(`container port ${portName} is declared but ${setting} is off`);
        continue;
      }
      const match = /^http:\/\/([^/]+):(\d+)\/?$/.exec(url);
      if (!match) { problems.push(`${setting} is '${url}', not http://host:port`); continue; }
      if (/^(127\.|localhost$|\[::1\]$)/.test(match[1])) problems.push(`${setting} binds ${match[1]}, which the Service cannot reach`);
      if (declared?.containerPort !== Number(match[2]) || declared?.protocol !== 'TCP') problems.push(`${setting} listens on ${match[2]} but the container's TCP port ${portName} is ${declared?.containerPort}`);
      const exposed = service?.spec?.ports?.find((p) => p.targetPort === portName || p.targetPort === Number(match[2]));
      if (!exposed) problems.push(`Service ${service?.metadata?.name} does not expose ${portName}`);
      else if (exposed.port !== port) problems.push(`Service ${service.metadata.name} exposes ${portName} on ${exposed.port}, not the standard ${port} its clients default to`);
      else if (name === 'OtlpGrpc' && exposed.appProtocol !== 'kubernetes.io/h2c') problems.push(`Service ${service.metadata.name} port ${portName} needs appProtocol kubernetes.io/h2c (gRPC without TLS)`);
    }
    return problems;
  },

  settingsTheHostReads(set) {
    if (!set.settings) return [`the ConfigMap has no ${set.settingsFile}`];
    const mount = set.container.volumeMounts?.find((m) => m.mountPath === `/app/${set.settingsFile}`);
    const volume = set.pod.volumes?.find((v) => v.name === mount?.name);
    const problems = [];
    if (!mount || volume?.configMap?.name !== set.configMap.metadata.name || mount.subPath !== set.settingsFile) {
      problems.push(`the ConfigMap's ${set.settingsFile} is not mounted at /app/${set.settingsFile}`);
    }
    const catalog = hostSettings.load();
    for (const [key] of hostSettings.flatten(set.settings)) {
      const problem = hostSettings.problemWith(key, catalog);
      if (problem) problems.push(`${key}: ${problem}`);
    }
    const s = set.settings.StreamJobs ?? {};
    if (!s.Kafka?.BootstrapServers) problems.push('StreamJobs:Kafka:BootstrapServers is not set');
    if (!(s.Cassandra?.ContactPoints?.length > 0)) problems.push('StreamJobs:Cassandra:ContactPoints is not set');
    return problems;
  },

  tapToken(set) {
    const urls = set.settings?.StreamJobs?.Http?.Urls ?? '';
    if (/\/\/(127\.|localhost|\[::1\])/.test(urls)) return [];
    const variable = set.container.env?.find((e) => e.name === tokenVariable);
    if (!variable) return [`Http:Urls binds ${urls}, so ${tokenVariable} is required`];
    if (variable.value !== undefined || !variable.valueFrom?.secretKeyRef?.name) return [`${tokenVariable} must come from a Secret, not a literal`];
    if (set.settings?.StreamJobs?.Taps?.Token) return ['the tap token must not be in the ConfigMap'];
    return [];
  },

  resources(set) {
    const problems = [];
    const mebibytes = (q) => {
      const m = /^(\d+)(Mi|Gi)$/.exec(String(q));
      return m ? Number(m[1]) * (m[2] === 'Gi' ? 1024 : 1) : NaN;
    };
    for (const container of set.pod.containers) {
      const r = container.resources ?? {};
      for (const kind of ['requests', 'limits']) {
        for (const resource of ['cpu', 'memory']) if (!r[kind]?.[resource]) problems.push(`${container.name}: ${kind}.${resource} is not set`);
      }
      if (mebibytes(r.requests?.memory) > mebibytes(r.limits?.memory)) problems.push(`${container.name}: memory request above its limit`);
    }
    // Estimated span bytes understate the heap; twice the bound plus the idle host must fit under the limit.
    const maxBytes = set.settings?.StreamJobs?.Jobs?.['span-buffer']?.MaxBytes ?? 268435456;
    const limit = mebibytes(set.container.resources?.limits?.memory);
    if (!(limit >= 2 * maxBytes / 1048576 + 256)) problems.push(`memory limit ${limit} MiB is too small for span-buffer MaxBytes ${maxBytes / 1048576} MiB`);
    return problems;
  },

  security(set) {
    const problems = [];
    const podContext = set.pod.securityContext ?? {};
    const context = set.container.securityContext ?? {};
    if (podContext.runAsNonRoot !== true && context.runAsNonRoot !== true) problems.push('runAsNonRoot is not set');
    if ((context.runAsUser ?? podContext.runAsUser) === 0) problems.push('runs as root');
    if (context.readOnlyRootFilesystem !== true) problems.push('the root filesystem is writable');
    if (context.allowPrivilegeEscalation !== false) problems.push('privilege escalation is allowed');
    for (const path of ['/app/data', '/tmp']) {
      const mount = set.container.volumeMounts?.find((m) => m.mountPath === path);
      const volume = set.pod.volumes?.find((v) => v.name === mount?.name);
      if (!volume?.emptyDir) problems.push(`${path} is not a writable emptyDir`);
    }
    return problems;
  },

  environment(set) {
    // The host reads every STREAMJOBS_* variable as configuration; service links would add some for Services
    // whose name starts with streamjobs.
    const linked = set.services.some((s) => s.metadata.name.toUpperCase().replace(/-/g, '_').startsWith('STREAMJOBS'));
    return linked && set.pod.enableServiceLinks !== false ? ['enableServiceLinks must be false: Service environment variables would land in the host configuration'] : [];
  },

  availability(set) {
    const problems = [];
    const replicas = set.deployment.spec.replicas ?? 1;
    if (replicas !== 3) problems.push(`replicas is ${replicas}, expected 3`);
    const spec = set.budget.spec ?? {};
    if (!selects(spec.selector?.matchLabels, set.deployment.spec.template.metadata?.labels)) problems.push('the PodDisruptionBudget does not select the pods');
    const allowed = spec.maxUnavailable ?? (spec.minAvailable === undefined ? 0 : replicas - spec.minAvailable);
    if (!(allowed >= 1 && allowed < replicas)) problems.push(`the PodDisruptionBudget allows ${allowed} of ${replicas} pods down at once`);
    return problems;
  },
};

module.exports = { rules, tokenVariable };
