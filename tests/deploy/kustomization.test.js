'use strict';
// The kustomization applies exactly the manifests in the folder, names the image the Deployment uses, and leaves
// the tap token Secret out (it is created by hand, so no token is ever committed).
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { repoRoot } = require('./support/paths');
const { loadObjects, loadKustomization, manifestFiles, only } = require('./support/manifests');

const kustomization = loadKustomization();
const objects = loadObjects();

test('the kustomization lists every manifest file, and only those', () => {
  assert.deepEqual([...kustomization.resources].sort(), manifestFiles());
});

test('the Deployment image is the one the kustomization retags', () => {
  const image = only(objects, 'Deployment').spec.template.spec.containers[0].image;
  assert.ok(kustomization.images.some((i) => i.name === image), `no images entry for ${image}`);
});

test('no Secret is committed, and the one the pod needs is named in the docs', () => {
  assert.equal(objects.filter((o) => o.object.kind === 'Secret').length, 0);
  assert.equal(kustomization.secretGenerator, undefined);
  const env = only(objects, 'Deployment').spec.template.spec.containers[0].env;
  const secret = env.find((e) => e.valueFrom?.secretKeyRef)?.valueFrom.secretKeyRef.name;
  const docs = fs.readFileSync(path.join(repoRoot, 'docs', 'operations.md'), 'utf8');
  assert.match(docs, new RegExp(`create secret generic ${secret}\\b`));
});

test('everything lands in the namespace the kustomization declares', () => {
  assert.equal(only(objects, 'Namespace').metadata.name, kustomization.namespace);
});
