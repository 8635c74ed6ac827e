'use strict';
// deploy/Dockerfile cannot be built here (no container engine), so its facts that the manifests and scripts rely on
// are checked as text: librdkafka comes from its NuGet package, the app lands where the pod expects it.
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { repoRoot } = require('./support/paths');
const { loadObjects, only } = require('./support/manifests');

const dockerfile = fs.readFileSync(path.join(repoRoot, 'deploy', 'Dockerfile'), 'utf8');
const packages = fs.readFileSync(path.join(repoRoot, 'Directory.Packages.props'), 'utf8');
const pod = only(loadObjects(), 'Deployment').spec.template.spec;

test('librdkafka comes from the librdkafka.redist package at Confluent.Kafka\'s version, not from a C build', () => {
  const version = (id) => new RegExp(`<PackageVersion Include="${id.replace('.', '\\.')}" Version="([^"]+)"`).exec(packages)?.[1];
  assert.ok(version('librdkafka.redist'), 'librdkafka.redist is not pinned in Directory.Packages.props');
  assert.equal(version('librdkafka.redist'), version('Confluent.Kafka'));
  assert.doesNotMatch(dockerfile, /configure|make -C|build-essential|RDKAFKA/);
  assert.match(dockerfile, /test -f \/out\/librdkafka\.so/);
});

test('multi-stage: SDK 10 to publish the host, ASP.NET 10 to run it', () => {
  const stages = [...dockerfile.matchAll(/^FROM\s+(\S+)/gm)].map((m) => m[1]);
  assert.ok(stages.filter((s) => s.startsWith('mcr.microsoft.com/dotnet/sdk:10.0')).length >= 1);
  assert.ok(stages.at(-1).startsWith('mcr.microsoft.com/dotnet/aspnet:10.0'));
  assert.match(dockerfile, /dotnet publish src\/Jobs\.Host\/Jobs\.Host\.csproj/);
});

test('the image runs the app from /app with a plugins folder, as the non-root user the pod runs as', () => {
  assert.match(dockerfile, /^WORKDIR \/app$/m);
  assert.match(dockerfile, /\/app\/plugins/);
  assert.match(dockerfile, /^USER \$APP_UID$/m);
  // APP_UID is 1654 in the .NET 8+ images.
  assert.equal(pod.securityContext.runAsUser, 1654);
  assert.match(dockerfile, /^ENTRYPOINT \["dotnet", "streamjobs\.dll"\]$/m);
});
