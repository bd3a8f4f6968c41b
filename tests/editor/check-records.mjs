#!/usr/bin/env node
// Checks that the schemas of the records beside cases (risks, key persons, assigned cases, unit
// submissions, accountability) work in VS Code's YAML extension: the real yaml-language-server,
// configured from .vscode/settings.json as VS Code configures it. For each kind: the schema is
// found (modeline and yaml.schemas), every real file validates, a broken variant is reported on
// its line, a new file is offered every key, enums are offered with their Chinese labels, and
// every key of a real file shows its Chinese title and description on hover.
//
// Usage: node check-records.mjs [--root DIR] [--locale zh-cn]
// Prints one JSON summary; exit code 0 when every expectation holds, 1 otherwise, 2 when the
// server could not be run. Nothing is written: variants are unsaved documents.

import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { childSchema, deref, docText, hoverText, isFile, keysOf, loadSettings, openSession, plain, positionAt, runAndReport, section, shownText } from './lsp.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const args = { root: path.resolve(here, '..', '..'), locale: 'zh-cn', timeout: 20000 };
for (let i = 2; i < process.argv.length; i += 2) {
  const name = process.argv[i].replace(/^--/, '');
  if (!(name in args)) throw new Error(`unknown argument ${process.argv[i]}`);
  args[name] = name === 'timeout' ? Number(process.argv[i + 1]) : process.argv[i + 1];
}
const ROOT = path.resolve(args.root);
const readText = (rel) => fs.readFileSync(path.join(ROOT, rel), 'utf8');

function lineIndex(text, pattern) {
  const index = text.split('\n').findIndex((l) => (typeof pattern === 'string' ? l === pattern : pattern.test(l)));
  if (index < 0) throw new Error(`no line ${pattern}`);
  return index;
}
function replaceLine(text, pattern, newLine) {
  const lines = text.split('\n');
  const index = lineIndex(text, pattern);
  if (newLine === null) lines.splice(index, 1); else lines[index] = newLine;
  return lines.join('\n');
}
const addAfterId = (text, line) => text.replace(/^(id|unit): .*$/m, (m) => `${m}\n${line}`);

// Each kind: its sample file, broken variants (one problem each), enums to complete.
const KINDS = [
  {
    schema: 'risk', folder: 'risks', sample: 'risks/YH2008-T04-001.yml', idLine: 'id: YH2008-T04-999',
    variants: [
      { name: 'enum level', edit: (t) => replaceLine(t, /^level: /, 'level: 很高'), line: 'level: 很高', mentions: ['high', 'medium', 'low'] },
      { name: 'missing required measures', edit: (t) => replaceLine(t, /^measures: /, null), line: null, mentions: ['measures'] },
      { name: 'unknown key remark', edit: (t) => addAfterId(t, 'remark: 备注'), line: 'remark: 备注', mentions: ['remark'] },
      { name: 'resolved without its details', edit: (t) => replaceLine(t, /^status: /, 'status: resolved'), line: null, mentions: ['resolved'] },
    ],
    enums: [['kind', /^kind: /, 'kind: '], ['level', /^level: /, 'level: '], ['status', /^status: /, 'status: ']],
  },
  {
    schema: 'person', folder: 'persons', sample: 'persons/ZD2008-T03-001.yml', idLine: 'id: ZD2008-T03-999',
    variants: [
      { name: 'nested enum contacts method', edit: (t) => replaceLine(t, /^ {4}method: /, '    method: 跟随'), line: '    method: 跟随', mentions: ['visit', 'meeting', 'phone', 'help'] },
      { name: 'unknown key whereabouts', edit: (t) => addAfterId(t, 'whereabouts: 北京'), line: 'whereabouts: 北京', mentions: ['whereabouts'] },
      { name: 'removed without its details', edit: (t) => replaceLine(t, /^status: /, 'status: removed'), line: null, mentions: ['removed'] },
      { name: 'phone as a number', edit: (t) => replaceLine(t, /^phone: /, 'phone: 15400371862'), line: 'phone: 15400371862', mentions: [] },
    ],
    enums: [['status', /^status: /, 'status: ']],
  },
  {
    schema: 'assignment', folder: 'assignments', sample: 'assignments/JB2008-002.yml', idLine: 'id: JB2008-999',
    variants: [
      { name: 'enum level', edit: (t) => replaceLine(t, /^level: /, 'level: county'), line: 'level: county', mentions: ['city', 'province', 'state'] },
      { name: 'assigned without report_due', edit: (t) => replaceLine(t, /^report_due: /, null), line: null, mentions: ['report_due'] },
      { name: 'nested unknown key', edit: (t) => replaceLine(t, /^ {4}by: /, '    by: 市信访局\n    remark: 无'), line: '    remark: 无', mentions: ['remark'] },
    ],
    enums: [['level', /^level: /, 'level: '], ['kind', /^kind: /, 'kind: ']],
  },
  {
    schema: 'submission', folder: 'submissions', sample: 'submissions/T02.yml', idLine: 'unit: T09',
    variants: [
      { name: 'nested enum acceptance result', edit: (t) => replaceLine(t, /^ {4}result: returned/, '    result: 不通过'), line: '    result: 不通过', mentions: ['accepted', 'returned'] },
      { name: 'returned without reasons', edit: (t) => replaceLine(t, /^ {6}- 第二次进展/, null).replace(/^ {4}reasons:\n(?: {6}- .*\n)*/m, ''), line: null, mentions: ['reasons'] },
      { name: 'count as text', edit: (t) => replaceLine(t, /^ {4}cases: 3$/, '    cases: 三'), line: '    cases: 三', mentions: ['integer'] },
    ],
    enums: [],
  },
  {
    schema: 'accountability', folder: 'accountability', sample: 'accountability/ZZ2008-003.yml', idLine: 'id: ZZ2008-999',
    variants: [
      { name: 'enum kind', edit: (t) => replaceLine(t, /^kind: /, 'kind: 警告'), line: 'kind: 警告', mentions: ['notice', 'admonition', 'referral'] },
      { name: 'talk without persons', edit: (t) => t.replace(/^persons:\n(?: {2,}.*\n)*/m, ''), line: null, mentions: ['persons'] },
    ],
    enums: [['kind', /^kind: /, 'kind: ']],
  },
];

const checks = [];
const check = (name, ok, detail) => checks.push({ name, ok: Boolean(ok), ...(detail === undefined ? {} : { detail }) });
const brief = (d) => ({ line: d.range.start.line, message: d.message });
const SCHEMA_PROBLEM = /Schema '.*' is not valid|Problems loading reference|cannot be resolved|Unable to load schema|架构 '.*' 无效|加载引用|无法解析|无法从.*加载架构/;

async function main() {
  const settings = loadSettings(readText);
  const { client, init, serverPackage, withDoc, schemasFor, setYaml } = await openSession({
    root: ROOT, locale: args.locale, timeout: args.timeout, settings, barrierFolder: 'risks',
  });
  const complete = async (uri, position) => {
    const list = await client.request('textDocument/completion', { textDocument: { uri }, position, context: { triggerKind: 1 } });
    return Array.isArray(list) ? list : list?.items ?? [];
  };

  for (const kind of KINDS) {
    const schemaPath = path.join(ROOT, 'schema', `${kind.schema}.schema.json`);
    const schema = JSON.parse(fs.readFileSync(schemaPath, 'utf8'));
    const sample = readText(kind.sample);
    const variantRel = (name) => `${kind.folder}/editor-check-${name.replace(/\W+/g, '-')}.yml`;
    // Association and validation of every real file.
    await withDoc(kind.sample, sample, async (uri) => {
      const uris = await schemasFor(uri);
      check(`association: ${kind.sample} -> schema/${kind.schema}.schema.json`, uris.length > 0 && uris.every(isFile(schemaPath)), uris);
    });
    const files = fs.readdirSync(path.join(ROOT, kind.folder)).filter((f) => f.endsWith('.yml')).sort().map((f) => `${kind.folder}/${f}`);
    const dirty = {};
    await Promise.all(files.map((rel) => withDoc(rel, readText(rel), async (uri, diagnostics) => {
      if (diagnostics.length) dirty[rel] = diagnostics.map(brief);
    })));
    check(`validation: all ${files.length} ${kind.folder}/*.yml have no diagnostics`, files.length > 0 && Object.keys(dirty).length === 0, dirty);
    const problems = Object.values(dirty).flat().filter((d) => SCHEMA_PROBLEM.test(d.message));
    check(`schemas: ${kind.schema}.schema.json loads without problems`, problems.length === 0, problems);
    // One problem per variant, reported where it is.
    for (const variant of kind.variants) {
      const text = variant.edit(sample);
      if (text === sample) { check(`validation: ${kind.schema} ${variant.name} (the edit changed nothing)`, false); continue; }
      await withDoc(variantRel(variant.name), text, async (uri, diagnostics) => {
        const want = variant.line === null ? null : lineIndex(text, variant.line);
        const hit = diagnostics.find((d) => (want === null || d.range.start.line === want) && variant.mentions.every((m) => d.message.includes(m)));
        check(`validation: ${kind.schema} ${variant.name} is reported${want === null ? '' : ` on line ${want + 1}`}`, hit, diagnostics.map(brief));
      });
    }
    // A new file with only its id: every other top-level key is offered.
    const fresh = `${sample.split('\n')[0]}\n${kind.idLine}\n\n`;
    await withDoc(variantRel('new'), fresh, async (uri) => {
      const labels = (await complete(uri, { line: 2, character: 0 })).map((i) => i.label);
      const idKey = kind.idLine.split(':')[0];
      const missing = Object.keys(schema.properties).filter((k) => k !== idKey && !labels.includes(k));
      check(`completion: a new ${kind.schema} file offers every key`, missing.length === 0, { missing, labels });
    });
    // Enum values with their Chinese labels.
    for (const [key, pattern, blank] of kind.enums) {
      const text = replaceLine(sample, pattern, blank);
      const line = lineIndex(text, blank);
      await withDoc(variantRel(`complete-${key}`), text, async (uri) => {
        const items = await complete(uri, { line, character: blank.length });
        const offered = Object.fromEntries(items.map((i) => [i.label, plain(docText(i))]));
        const node = deref(schema, schema.properties[key]);
        const unlabeled = node.enum.filter((v, i) => !(offered[v] ?? '').includes(plain(node.enumDescriptions[i])));
        check(`completion: ${kind.schema} ${key} offers ${node.enum.join(', ')} with Chinese labels`, unlabeled.length === 0, { unlabeled, offered });
      });
    }
    // Hover: every key of the sample shows its Chinese title and description.
    await withDoc(kind.sample, sample, async (uri) => {
      const failures = [];
      let count = 0;
      for (const key of keysOf(sample)) {
        let node = schema;
        for (const segment of key.path) node = node && childSchema(schema, node, segment);
        const want = shownText(schema, node);
        if (!node || !want.title || !want.description) { failures.push({ key: key.path.join('.'), problem: 'no title/description in the schema' }); continue; }
        const hover = plain(hoverText(await client.request('textDocument/hover', { textDocument: { uri }, position: positionAt(sample, key.offset + 1) })));
        count += 1;
        const lacks = [want.title, want.description].filter((w) => !hover.includes(plain(w)));
        if (lacks.length) failures.push({ key: key.path.join('.'), expected: lacks, hover });
      }
      check(`hover: all ${count} keys of ${kind.sample} show their Chinese title and description`, count > 0 && failures.length === 0, failures.slice(0, 10));
    });
  }

  // Either mechanism alone finds every schema: the modeline without yaml.schemas, and
  // yaml.schemas without the modeline.
  for (const [label, yaml, strip] of [['modeline alone', { ...section(settings, 'yaml'), schemas: {} }, false], ['.vscode/settings.json alone', section(settings, 'yaml'), true]]) {
    await setYaml(yaml);
    for (const kind of KINDS) {
      const text = readText(kind.sample);
      const shown = strip ? text.split('\n').slice(1).join('\n') : text;
      await withDoc(`${kind.folder}/editor-check-assoc.yml`, shown, async (uri) => {
        const uris = await schemasFor(uri);
        check(`association: ${label} finds ${kind.schema}.schema.json`, uris.length > 0 && uris.every(isFile(path.join(ROOT, 'schema', `${kind.schema}.schema.json`))), uris);
      });
    }
  }
  await client.shutdown();
  return { server: { package: 'yaml-language-server', version: serverPackage.version, serverInfo: init.serverInfo, node: process.version, locale: args.locale } };
}

await runAndReport(main, checks);
