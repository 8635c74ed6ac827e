'use strict';
// Validates an object against the OpenAPI schema of its apiVersion and kind, using the kubernetes-models classes.

/** The model class for an apiVersion/kind, e.g. apps/v1 Deployment; throws for kinds the models do not know. */
function modelFor(apiVersion, kind) {
  if (typeof apiVersion !== 'string' || typeof kind !== 'string') throw new Error('apiVersion and kind are required');
  let group;
  try {
    group = require(`kubernetes-models/${apiVersion}`);
  } catch {
    throw new Error(`unknown apiVersion ${apiVersion}`);
  }
  const Model = group[kind];
  if (typeof Model !== 'function') throw new Error(`unknown kind ${kind} in ${apiVersion}`);
  return Model;
}

/** Throws with the schema's message when the object is not a valid instance of its kind. */
function validate(object) {
  const Model = modelFor(object.apiVersion, object.kind);
  new Model(object).validate();
}

module.exports = { modelFor, validate };
