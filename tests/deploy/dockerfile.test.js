'use strict';
// deploy/Dockerfile cannot be built here (no container engine), so its facts that the manifests and scripts rely on
// are checked as text: the librdkafka source is the one scripts/ pins, the app lands where the pod expects it.
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { repoRoot } = require('./support/paths');
const { loadObjects, only } = require('./support/manifests');

const dockerfile = fs.readFileSync(path.join(repoRoot, 'deploy', 'Dockerfile'), 'utf8');
const common = fs.readFileSync(path.join(repoRoot, 'scripts', 'common.sh'), 'utf8');
const pod = only(loadObjects(), 'Deployment').spec.template.spec;

test('librdkafka comes from the package and checksum scripts/common.sh pins', () => {
  const [, npmName, npmVersion] = /RDKAFKA_NPM="(@[^@"]+)@([^"]+)"/.exec(common);
  const sha = /RDKAFKA_TGZ_SHA256="([0-9a-f]{64})"/.exec(common)[1];
  const unscoped = npmName.split('/')[1];
  assert.ok(dockerfile.includes(`${npmName}/-/${unscoped}-${npmVersion}.tgz`), 'tarball URL differs from RDKAFKA_NPM');
  assert.ok(dockerfile.includes(sha), 'sha256 differs from RDKAFKA_TGZ_SHA256');
  assert.match(dockerfile, /sha256sum -c/);
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
