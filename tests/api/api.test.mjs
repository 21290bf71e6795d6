// The public API as a script or a client program sees it: the OpenAPI document validated as
// OpenAPI 3.0 by @apidevtools/swagger-parser (npm, pinned), every path parameter declared and
// every schema reference resolved; and the scripted example of docs/api.md run with curl
// against a service of its own.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import SwaggerParser from '@apidevtools/swagger-parser';
import { Service } from '../browser/harness.mjs';

const ROOT = new URL('../..', import.meta.url).pathname;
let service;
before(async () => { service = await Service.start(); });
after(async () => { await service?.stop(); });

test('the OpenAPI document is valid OpenAPI 3.0, and every route in it is whole', async () => {
  const doc = await (await fetch(`${service.base}/api/v1/openapi.json`)).json();
  // The validator dereferences in place: it gets a copy.
  await SwaggerParser.validate(structuredClone(doc));
  const operations = Object.entries(doc.paths).flatMap(([path, ops]) =>
    Object.entries(ops).map(([method, op]) => ({ path, method, op })));
  assert.ok(operations.length > 100, `only ${operations.length} operations`);
  for (const { path, method, op } of operations) {
    const where = `${method.toUpperCase()} ${path}`;
    assert.ok(op.summary && op.summary.length > 10, `${where} says what it does`);
    const inPath = [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]).sort();
    const declared = (op.parameters || []).filter((p) => p.in === 'path').map((p) => p.name).sort();
    assert.deepEqual(declared, inPath, `${where} declares its path parameters`);
    assert.ok(Object.keys(op.responses).some((s) => s.startsWith('2')), `${where} names its success`);
  }
  // Files go up as the file itself, and lists read a page at a time say how.
  for (const path of ['/api/v1/catalogs', '/api/v1/assets/import']) {
    const content = doc.paths[path].post.requestBody?.content || {};
    assert.equal(content['text/csv']?.schema?.format, 'binary', `POST ${path} takes a CSV file`);
    assert.ok(content['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'], `POST ${path} takes a workbook`);
  }
  for (const path of ['/api/v1/cases', '/api/v1/assets', '/api/v1/contracts', '/api/v1/follow-ups']) {
    const query = (doc.paths[path].get.parameters || []).filter((p) => p.in === 'query').map((p) => p.name);
    assert.ok(query.includes('limit') && query.includes('offset'), `GET ${path} documents its paging`);
  }
  // Served and documented are the same set: what the document names answers (not 404 for
  // an unknown route), and an address outside it does not.
  const unknown = await fetch(`${service.base}/api/v1/no-such-route`);
  assert.equal(unknown.status, 404);
  for (const { path, method } of operations.filter((o) => o.method === 'get' && !o.path.includes('{'))) {
    const r = await fetch(`${service.base}${path}`);
    assert.notEqual(r.status, 404, `GET ${path} is served`);
  }
});

test('the scripted example of docs/api.md runs: a case, its classification, its specification and DOCX', () => {
  service.addUser('skript', 'Skriptkommun', ['procurer', 'information_owner']);
  const token = service.command(['token', 'create', 'skript']);
  const work = mkdtempSync(join(tmpdir(), 'kk-api-example-'));
  const r = spawnSync('bash', [join(ROOT, 'docs/api-example.sh')],
    { cwd: work, encoding: 'utf8', env: { ...process.env, KK: service.base, TOKEN: token } });
  assert.equal(r.status, 0, `the example failed:\n${r.stdout}${r.stderr}`);
  const spec = JSON.parse(readFileSync(join(work, 'specification.json'), 'utf8'));
  assert.ok(spec.entries.length > 20, `${spec.entries.length} requirements`);
  assert.match(r.stdout, new RegExp(`${spec.entries.length} requirements`));
  assert.ok(spec.entries.every((e) => e.reasons.length > 0 || e.origin !== 'rule'), 'each requirement says why');
  const docx = readFileSync(join(work, 'kravspecifikation.docx'));
  assert.equal(docx.subarray(0, 2).toString(), 'PK', 'a DOCX is a zip file');
});
