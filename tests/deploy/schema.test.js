'use strict';
// Every object in deploy/kubernetes is a valid instance of its kind's Kubernetes API schema, and the validator
// does reject broken objects (so a pass means something).
const test = require('node:test');
const assert = require('node:assert/strict');
const { loadObjects, only } = require('./support/manifests');
const { validate } = require('./support/schemas');

const objects = loadObjects();

test('the manifests hold the expected kinds', () => {
  const kinds = objects.map((o) => o.object.kind).sort();
  assert.deepEqual(kinds, ['ConfigMap', 'Deployment', 'Namespace', 'PodDisruptionBudget', 'Service', 'Service']);
});

for (const { file, object } of objects) {
  test(`${file}: ${object.kind} ${object.metadata?.name} matches the ${object.apiVersion} schema`, () => {
    assert.doesNotThrow(() => validate(object));
  });
}

const broken = [
  ['a Deployment with replicas as text', 'Deployment', (d) => { d.spec.replicas = 'three'; }, /replicas/],
  ['a Deployment without a pod template', 'Deployment', (d) => { delete d.spec.template; }, /template/],
  ['a container port given by name instead of number', 'Deployment', (d) => { d.spec.template.spec.containers[0].ports[0].containerPort = 'http'; }, /containerPort/],
  ['a probe period that is not a whole number', 'Deployment', (d) => { d.spec.template.spec.containers[0].readinessProbe.periodSeconds = 1.5; }, /periodSeconds/],
  ['a Service port without its number', 'Service', (s) => { delete s.spec.ports[0].port; }, /port/],
  ['a ConfigMap with a non-string value', 'ConfigMap', (c) => { c.data.retries = 3; }, /data/],
];

for (const [what, kind, breakIt, message] of broken) {
  test(`the validator rejects ${what}`, () => {
    const copy = structuredClone(only(objects, kind, kind === 'Service' ? 'streamjobs' : undefined));
    breakIt(copy);
    assert.throws(() => validate(copy), message);
  });
}

test('the validator rejects an unknown kind', () => {
  assert.throws(() => validate({ apiVersion: 'apps/v1', kind: 'Deploymnet', metadata: { name: 'x' } }), /unknown kind/);
});
