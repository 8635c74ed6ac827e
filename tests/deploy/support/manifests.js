'use strict';
// Loads the Kubernetes objects of deploy/kubernetes: every YAML document of every file but the kustomization.
const fs = require('node:fs');
const path = require('node:path');
const yaml = require('js-yaml');
const { manifestsDir } = require('./paths');

const kustomizationFile = 'kustomization.yaml';

function manifestFiles() {
  return fs.readdirSync(manifestsDir)
    .filter((f) => /\.ya?ml$/.test(f) && f !== kustomizationFile)
    .sort();
}

function loadObjects() {
  const objects = [];
  for (const file of manifestFiles()) {
    const docs = yaml.loadAll(fs.readFileSync(path.join(manifestsDir, file), 'utf8'));
    for (const doc of docs.filter((d) => d != null)) objects.push({ file, object: doc });
  }
  return objects;
}

function loadKustomization() {
  return yaml.load(fs.readFileSync(path.join(manifestsDir, kustomizationFile), 'utf8'));
}

/** The one object of a kind (and name, when given); throws when it is missing or ambiguous. */
function only(objects, kind, name) {
  const found = objects.filter((o) => o.object.kind === kind && (name === undefined || o.object.metadata?.name === name));
  if (found.length !== 1) throw new Error(`expected one ${kind}${name ? ' ' + name : ''}, found ${found.length}`);
  return found[0].object;
}

module.exports = { manifestFiles, loadObjects, loadKustomization, only, kustomizationFile };
