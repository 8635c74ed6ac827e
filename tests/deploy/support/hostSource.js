'use strict';
// Timing facts of the host that live in code, read from the sources so the manifests follow them when they change.
const fs = require('node:fs');
const path = require('node:path');
const { sourceDir } = require('./paths');
const { timeSpanSeconds } = require('./timespan');

/** HostOptions.ShutdownTimeout set in StreamJobsHost.cs: the longest the host's stop (and so the drain) may take. */
function hostShutdownTimeoutSeconds() {
  const text = fs.readFileSync(path.join(sourceDir, 'Jobs.Host', 'StreamJobsHost.cs'), 'utf8');
  const match = /ShutdownTimeout\s*=\s*TimeSpan\.FromSeconds\((\d+)\)/.exec(text);
  if (!match) throw new Error('HostOptions.ShutdownTimeout not found in StreamJobsHost.cs');
  return Number(match[1]);
}

/** StreamJobs:DrainTimeout of the image's own appsettings.json, which applies when the cluster's settings omit it. */
function defaultDrainTimeoutSeconds() {
  const json = JSON.parse(fs.readFileSync(path.join(sourceDir, 'Jobs.Host', 'appsettings.json'), 'utf8'));
  return timeSpanSeconds(json.StreamJobs.DrainTimeout);
}

module.exports = { hostShutdownTimeoutSeconds, defaultDrainTimeoutSeconds };
