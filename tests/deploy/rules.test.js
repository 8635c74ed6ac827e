'use strict';
// The cross-cutting rules of support/rules.js hold for the manifests, and each rule fails on a copy broken the way
// the rule is there to catch.
const test = require('node:test');
const assert = require('node:assert/strict');
const { loadObjects } = require('./support/manifests');
const { podSet } = require('./support/podSet');
const { rules, tokenVariable } = require('./support/rules');

const objects = loadObjects();

/** A fresh pod set over deep copies, with `breakIt` applied. */
function brokenSet(breakIt) {
  const set = podSet(structuredClone(objects));
  breakIt(set);
  return set;
}

const container = (set) => set.container;

for (const [name, rule] of Object.entries(rules)) {
  test(`rule ${name} holds`, () => {
    assert.deepEqual(rule(podSet(objects)), []);
  });
}

const breakages = {
  probes: [
    ['readiness asks /healthz', (s) => { container(s).readinessProbe.httpGet.path = '/healthz'; }],
    ['liveness on another port', (s) => { container(s).livenessProbe.httpGet.port = 8080; }],
    ['no startup probe', (s) => { delete container(s).startupProbe; }],
    ['the host listens elsewhere', (s) => { s.settings.StreamJobs.Http.Urls = 'http://0.0.0.0:8080'; }],
  ],
  scrapeAnnotations: [
    ['scrape off', (s) => { s.deployment.spec.template.metadata.annotations['prometheus.io/scrape'] = 'false'; }],
    ['wrong path', (s) => { s.deployment.spec.template.metadata.annotations['prometheus.io/path'] = '/prometheus'; }],
  ],
  gracefulTermination: [
    ['grace period equal to the drain', (s) => { s.pod.terminationGracePeriodSeconds = 25; }],
    ['a drain longer than the grace period', (s) => { s.settings.StreamJobs.DrainTimeout = '00:01:00'; }],
    ['no preStop delay', (s) => { delete container(s).lifecycle; }],
    ['Kafka drain outlasting the host drain', (s) => { s.settings.StreamJobs.Kafka.ShutdownDrainTimeout = '00:00:30'; }],
  ],
  startupBudget: [
    ['a startup probe shorter than the Cassandra connect timeout', (s) => { container(s).startupProbe.failureThreshold = 5; }],
  ],
  services: [
    ['headless service selecting other pods', (s) => { s.services.find((x) => x.spec.clusterIP === 'None').spec.selector = { app: 'other' }; }],
    ['no headless service', (s) => { for (const x of s.services) delete x.spec.clusterIP; }],
    ['ReplicaDns naming the regular service', (s) => { s.settings.StreamJobs.Taps.ReplicaDns = 'streamjobs'; }],
    ['ReplicaPort not the pod port', (s) => { s.settings.StreamJobs.Taps.ReplicaPort = 80; }],
    ['flow datagrams sent to a port the listener does not bind', (s) => { s.settings.StreamJobs.Flows.UdpPort = 6000; }],
    ['flow datagrams sent to a loopback listener', (s) => { delete s.settings.StreamJobs.Flows.UdpAddress; }],
    ['the headless Service targeting an ingest listener', (s) => { s.services.find((x) => x.spec.clusterIP === 'None').spec.ports[0].targetPort = 'zipkin'; }],
    ['a TCP service port targeting the UDP port', (s) => { s.services.find((x) => x.spec.clusterIP !== 'None').spec.ports.find((p) => p.protocol === 'UDP').protocol = 'TCP'; }],
  ],
  ingestListeners: [
    ['a listener left to its loopback default', (s) => { delete s.settings.StreamJobs.Listeners.Zipkin; }],
    ['a listener bound to loopback', (s) => { s.settings.StreamJobs.Listeners.OtlpHttp = 'http://127.0.0.1:4318'; }],
    ['a listener moved without its container port', (s) => { s.settings.StreamJobs.Listeners.OtlpGrpc = 'http://0.0.0.0:14317'; }],
    ['a listener off with its port still declared', (s) => { s.settings.StreamJobs.Listeners.Zipkin = 'off'; }],
    ['the Service exposing gRPC on another port', (s) => { s.services.find((x) => x.spec.clusterIP !== 'None').spec.ports.find((p) => p.name === 'otlp-grpc').port = 14317; }],
    ['the gRPC Service port without h2c', (s) => { delete s.services.find((x) => x.spec.clusterIP !== 'None').spec.ports.find((p) => p.name === 'otlp-grpc').appProtocol; }],
  ],
  settingsTheHostReads: [
    ['a misspelt listener', (s) => { s.settings.StreamJobs.Listeners.Otlp = 'http://0.0.0.0:4318'; }],
    ['a misspelt job', (s) => { s.settings.StreamJobs.Jobs['span-bufer'] = { MaxTraces: 1 }; }],
    ['an unknown job parameter', (s) => { s.settings.StreamJobs.Jobs['span-buffer'].MaxSpans = 1; }],
    ['an unknown Kafka setting', (s) => { s.settings.StreamJobs.Kafka.Brokers = 'kafka:9092'; }],
    ['no Kafka bootstrap servers', (s) => { delete s.settings.StreamJobs.Kafka.BootstrapServers; }],
    ['settings mounted under another name', (s) => { container(s).volumeMounts.find((m) => m.subPath).mountPath = '/app/appsettings.json'; }],
  ],
  tapToken: [
    ['no token', (s) => { container(s).env = container(s).env.filter((e) => e.name !== tokenVariable); }],
    ['a literal token', (s) => { container(s).env.find((e) => e.name === tokenVariable).value = 'secret'; }],
  ],
  resources: [
    ['no memory limit', (s) => { delete container(s).resources.limits.memory; }],
    ['a limit too small for span-buffer', (s) => { container(s).resources.limits.memory = '256Mi'; container(s).resources.requests.memory = '128Mi'; }],
  ],
  security: [
    ['a writable root filesystem', (s) => { container(s).securityContext.readOnlyRootFilesystem = false; }],
    ['root allowed', (s) => { delete s.pod.securityContext.runAsNonRoot; }],
    ['no data volume', (s) => { container(s).volumeMounts = container(s).volumeMounts.filter((m) => m.mountPath !== '/app/data'); }],
  ],
  environment: [
    ['service links on', (s) => { delete s.pod.enableServiceLinks; }],
  ],
  availability: [
    ['a budget allowing every pod down', (s) => { s.budget.spec.maxUnavailable = 3; }],
    ['a single replica', (s) => { s.deployment.spec.replicas = 1; }],
  ],
};

test('every rule has a breakage that proves it can fail', () => {
  assert.deepEqual(Object.keys(breakages).sort(), Object.keys(rules).sort());
});

for (const [name, cases] of Object.entries(breakages)) {
  for (const [what, breakIt] of cases) {
    test(`rule ${name} fails with ${what}`, () => {
      assert.notDeepEqual(rules[name](brokenSet(breakIt)), []);
    });
  }
}
