'use strict';
// What configuration the host reads, taken from its C# sources so the manifests cannot drift from the code:
// options classes (a `const string Section = "StreamJobs:..."` and their settable properties), literal keys read
// directly (`configuration["StreamJobs:Http:Urls"]`), and the jobs the host registers with their parameter classes.
const fs = require('node:fs');
const path = require('node:path');
const { sourceDir } = require('./paths');

function csharpFiles(dir) {
  const files = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'bin' || entry.name === 'obj') continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) files.push(...csharpFiles(full));
    else if (entry.name.endsWith('.cs')) files.push(full);
  }
  return files;
}

function settableProperties(text) {
  return [...text.matchAll(/public\s+[\w<>?,\[\] ]+?\s+(\w+)\s*\{\s*get;\s*(?:set|init);\s*\}/g)].map((m) => m[1]);
}

function load() {
  const sources = csharpFiles(sourceDir).map((file) => ({ file, text: fs.readFileSync(file, 'utf8') }));
  const sections = new Map(); // section path -> Set of property names
  const literalKeys = new Set();
  const classes = new Map(); // class name -> source text
  for (const { text } of sources) {
    for (const m of text.matchAll(/\bclass\s+(\w+)/g)) if (!classes.has(m[1])) classes.set(m[1], text);
    const section = /const\s+string\s+Section(?:Name)?\s*=\s*"(StreamJobs(?::\w+)*)"/.exec(text);
    if (section) {
      const names = sections.get(section[1]) ?? new Set();
      for (const p of settableProperties(text)) names.add(p);
      sections.set(section[1], names);
    }
    for (const m of text.matchAll(/"(StreamJobs(?::[A-Za-z]+)+)"/g)) literalKeys.add(m[1]);
  }

  const jobs = new Map(); // job name -> Set of parameter names
  const hostSources = sources.filter((s) => s.file.startsWith(path.join(sourceDir, 'Jobs.Host') + path.sep));
  for (const { text } of hostSources) {
    for (const m of text.matchAll(/AddJob<(\w+)>\(\s*(?:"([^"]+)"|(\w+)\.Name)\s*\)/g)) {
      const [, jobClass, literal, nameHolder] = m;
      const name = literal ?? /const\s+string\s+Name\s*=\s*"([^"]+)"/.exec(classes.get(nameHolder) ?? '')?.[1];
      if (!name) throw new Error(`cannot resolve the name of job ${jobClass}`);
      const jobText = classes.get(jobClass) ?? '';
      const parametersClass = new RegExp(`class\\s+${jobClass}\\b[^{]*StreamJob<(\\w+)>`).exec(jobText)?.[1];
      const parameters = new Set(['Enabled']);
      if (parametersClass) for (const p of settableProperties(classes.get(parametersClass) ?? '')) parameters.add(p);
      jobs.set(name, parameters);
    }
  }
  for (const section of sections.keys()) literalKeys.delete(section);
  return lowerCased({ sections, literalKeys, jobs });
}

// Configuration keys, job names and parameter names are all matched without regard to case by the host.
function lowerCased({ sections, literalKeys, jobs }) {
  const lowerMap = (map) => new Map([...map].map(([k, v]) => [k.toLowerCase(), new Set([...v].map((p) => p.toLowerCase()))]));
  return {
    sections: lowerMap(sections),
    literalKeys: new Set([...literalKeys].map((k) => k.toLowerCase())),
    jobs: lowerMap(jobs),
  };
}

/** Flattens a JSON configuration object to "A:B:0:C" keys, as Microsoft.Extensions.Configuration sees it. */
function flatten(value, prefix = '') {
  if (value === null || typeof value !== 'object') return [[prefix, value]];
  return Object.entries(value).flatMap(([k, v]) => flatten(v, prefix ? `${prefix}:${k}` : k));
}

/** Why the host would ignore (or reject) a key, or null when it reads it. */
function problemWith(key, catalog) {
  const parts = key.toLowerCase().split(':');
  if (parts[0] !== 'streamjobs') return null; // Logging, Kestrel, ...: the framework's own sections.
  if (parts[1] === 'jobs') {
    const parameters = catalog.jobs.get(parts[2]);
    if (!parameters) return `no job named '${parts[2]}' is registered (the host refuses to start)`;
    return parameters.has(parts[3]) ? null : `job '${parts[2]}' has no parameter '${parts[3]}'`;
  }
  if (catalog.literalKeys.has(parts.join(':'))) return null;
  for (let n = parts.length - 1; n >= 1; n--) {
    const properties = catalog.sections.get(parts.slice(0, n).join(':'));
    if (properties) return properties.has(parts[n]) ? null : `${parts.slice(0, n).join(':')} has no setting '${parts[n]}'`;
  }
  return 'no options class reads it';
}

module.exports = { load, flatten, problemWith };
