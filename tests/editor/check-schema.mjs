#!/usr/bin/env node
// Checks that schema/case.schema.json and schema/campaign.schema.json work in the editor staff
// use: VS Code's YAML extension, i.e. yaml-language-server. Starts the real server binary over
// stdio, speaks LSP to it the way VS Code does (workspace = repository root, the yaml.* settings
// of .vscode/settings.json answered to workspace/configuration, documents opened with their
// real paths so that both the modeline and yaml.schemas apply), then checks validation,
// completion and hover on real case files.
//
// Usage: node check-schema.mjs [--root DIR] [--locale zh-cn] [--case cases/XF2008-T01-001.yml]
// Prints one JSON summary on stdout; exit code 0 when every expectation holds, 1 otherwise,
// 2 when the server could not be run at all. Nothing is written to the repository: variants
// are opened as unsaved documents at paths beside the real files.

import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { childSchema, deref, docText, hoverText, isFile, keysOf, loadSettings, openSession, plain, positionAt, runAndReport, section, shownText } from './lsp.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));

function parseArgs(argv) {
  const args = { root: path.resolve(here, '..', '..'), locale: 'zh-cn', case: 'cases/XF2008-T01-001.yml', timeout: 20000 };
  for (let i = 0; i < argv.length; i += 1) {
    const name = argv[i].replace(/^--/, '');
    if (!(name in args)) throw new Error(`unknown argument ${argv[i]}`);
    args[name] = argv[i + 1];
    i += 1;
  }
  args.root = path.resolve(args.root);
  args.timeout = Number(args.timeout);
  return args;
}

const args = parseArgs(process.argv.slice(2));
const ROOT = args.root;
const readText = (rel) => fs.readFileSync(path.join(ROOT, rel), 'utf8');

// Index of the first line matching pattern (a RegExp, or an exact string), optionally only
// among the lines after the first one matching `after`.
function lineOf(text, pattern, after) {
  const lines = text.split('\n');
  const test = (l, p) => (typeof p === 'string' ? l === p : p.test(l));
  const start = after === undefined ? 0 : lines.findIndex((l) => test(l, after)) + 1;
  const index = start > 0 || after === undefined ? lines.findIndex((l, i) => i >= start && test(l, pattern)) : -1;
  if (index < 0) throw new Error(`no line ${pattern}${after === undefined ? '' : ` after ${after}`} in ${args.case}`);
  return index;
}

// Replace (or, with null, delete) that line.
function setLine(text, pattern, newLine, after) {
  const lines = text.split('\n');
  const index = lineOf(text, pattern, after);
  if (newLine === null) lines.splice(index, 1);
  else lines[index] = newLine;
  return lines.join('\n');
}

// ---------------------------------------------------------------------------------------------

const checks = [];
const notes = [];
function check(name, ok, detail) {
  checks.push({ name, ok: Boolean(ok), ...(detail === undefined ? {} : { detail }) });
}

// The server's own messages about an unusable schema, in English and in the zh-cn bundle.
const SCHEMA_PROBLEM = /Schema '.*' is not valid|Problems loading reference|cannot be resolved|Unable to load schema|Unable to parse content|架构 '.*' 无效|加载引用|无法解析|无法从.*加载架构/;

async function main() {
  const settings = loadSettings(readText);
  // The server, initialized as VS Code initializes it; withDoc opens an unsaved document at a
  // path (nothing is written), waits for its first diagnostics and closes it after fn.
  const { client, init, serverPackage, withDoc, schemasFor, setYaml } = await openSession({
    root: ROOT, locale: args.locale, timeout: args.timeout, settings, barrierFolder: 'cases',
  });

  const caseSchemaPath = path.join(ROOT, 'schema', 'case.schema.json');
  const campaignSchemaPath = path.join(ROOT, 'schema', 'campaign.schema.json');
  const caseSchema = JSON.parse(fs.readFileSync(caseSchemaPath, 'utf8'));
  const campaignSchema = JSON.parse(fs.readFileSync(campaignSchemaPath, 'utf8'));

  const briefDiag = (d) => ({ line: d.range.start.line, message: d.message, severity: d.severity, source: d.source });

  const result = {
    server: { package: 'yaml-language-server', version: serverPackage.version, serverInfo: init.serverInfo, node: process.version, locale: args.locale },
    root: ROOT,
  };

  // --- Schema association, as the status bar of VS Code shows it --------------------------------
  const caseText = readText(args.case);
  await withDoc(args.case, caseText, async (uri) => {
    const uris = await schemasFor(uri);
    check('association: case file -> schema/case.schema.json (modeline + yaml.schemas)', uris.length > 0 && uris.every(isFile(caseSchemaPath)), uris);
  });
  const campaignText = readText('campaign.yml');
  await withDoc('campaign.yml', campaignText, async (uri) => {
    const uris = await schemasFor(uri);
    check('association: campaign.yml -> schema/campaign.schema.json', uris.length > 0 && uris.every(isFile(campaignSchemaPath)), uris);
  });

  // --- (a) Validation of the real files: no diagnostics ---------------------------------------
  const realFiles = ['campaign.yml', ...fs.readdirSync(path.join(ROOT, 'cases')).filter((f) => f.endsWith('.yml')).sort().map((f) => `cases/${f}`)];
  const dirty = {};
  await Promise.all(realFiles.map((rel) => withDoc(rel, readText(rel), async (uri, diagnostics) => {
        if (diagnostics.length) dirty[rel] = diagnostics.map(briefDiag);
  })));
  check(`validation: ${args.case} has no diagnostics`, realFiles.includes(args.case) && !dirty[args.case], dirty[args.case]);
  check(`validation: all ${realFiles.length} real files (campaign.yml + cases/*.yml) have no diagnostics`, Object.keys(dirty).length === 0, dirty);
  const schemaProblems = Object.values(dirty).flat().filter((d) => SCHEMA_PROBLEM.test(d.message));
  check('schemas: the server reports no problem with the schemas themselves', schemaProblems.length === 0, schemaProblems);

  // --- (b) Variants with one error each: a diagnostic on the right line naming the problem -------
  const variantRel = (name) => `cases/XF2008-T01-001.editor-check-${name}.yml`;
  const variants = [
    { name: 'enum: category: 其他', edit: (t) => setLine(t, /^category: /, 'category: 其他'), line: 'category: 其他', mentions: ['litigation', 'prominent', 'hotspot'] },
    { name: 'missing required key demand', edit: (t) => setLine(t, /^demand: /, null), line: null, mentions: ['demand'] },
    { name: 'unknown key remark', edit: (t) => { const lines = t.split('\n'); lines.splice(lineOf(t, /^title: /) + 1, 0, 'remark: 备注'); return lines.join('\n'); }, line: 'remark: 备注', mentions: ['remark'] },
    { name: "pattern: registered: '2008/04/15'", edit: (t) => setLine(t, /^registered: /, "registered: '2008/04/15'"), line: "registered: '2008/04/15'", mentions: [] },
    { name: 'type: head_count: 十二', edit: (t) => setLine(t, /^head_count: /, 'head_count: 十二'), line: 'head_count: 十二', mentions: ['integer'] },
    { name: 'nested enum: events[0].level: town', edit: (t) => setLine(t, /^    level: /, '    level: town', /^events:/), line: '    level: town', mentions: ['county', 'city', 'province', 'beijing'] },
    { name: 'nested required: responsibility.stability_officer.unit missing', edit: (t) => setLine(t, /^    unit: /, null, /^  stability_officer:/), line: null, mentions: ['unit'] },
    { name: 'nested unknown key: closure.follow_up.note', edit: (t) => setLine(t, '  follow_up:', '  follow_up:\n    note: 无'), line: '    note: 无', mentions: ['note'] },
  ];
  result.invalid = {};
  for (const variant of variants) {
    let text;
    try {
      text = variant.edit(caseText);
      if (text === caseText) throw new Error('the edit changed nothing');
    } catch (error) {
      check(`validation: ${variant.name} (cannot build the variant from ${args.case}: ${error.message})`, false);
      continue;
    }
    await withDoc(variantRel(variant.name.split(':')[0].replace(/\W+/g, '-')), text, async (uri, diagnostics) => {
            const wantLine = variant.line === null ? null : lineOf(text, variant.line);
      const hit = diagnostics.find((d) => (wantLine === null || d.range.start.line === wantLine)
        && variant.mentions.every((m) => d.message.includes(m)));
      result.invalid[variant.name] = diagnostics.map(briefDiag);
      check(`validation: ${variant.name} is reported${wantLine === null ? '' : ` on line ${wantLine + 1}`}${variant.mentions.length ? ` naming ${variant.mentions.join(', ')}` : ''}`, hit, diagnostics.map(briefDiag));
    });
  }

  // Informational: what the editor does not catch (other checks must).
  const informational = [
    { name: "impossible date registered: '2008-04-31'", edit: (t) => setLine(t, /^registered: /, "registered: '2008-04-31'") },
    { name: 'unquoted date registered: 2008-04-15', edit: (t) => setLine(t, /^registered: /, 'registered: 2008-04-15') },
  ];
  result.informational = {};
  for (const info of informational) {
    await withDoc(variantRel(`info-${informational.indexOf(info)}`), info.edit(caseText), async (uri, diagnostics) => {
            result.informational[info.name] = { reported: diagnostics.length > 0, diagnostics: diagnostics.map(briefDiag) };
    });
  }

  // --- (c) Completion ----------------------------------------------------------------------
  const complete = async (uri, position) => {
    const list = await client.request('textDocument/completion', { textDocument: { uri }, position, context: { triggerKind: 1 } });
    return Array.isArray(list) ? list : list?.items ?? [];
  };
  const topKeys = Object.keys(caseSchema.properties);
  result.completion = {};

  // c1: a new empty top-level line at the end of the real case file.
  await withDoc(variantRel('complete-top'), caseText.endsWith('\n') ? caseText : `${caseText}\n`, async (uri) => {
    const text = caseText.endsWith('\n') ? caseText : `${caseText}\n`;
    const present = new Set(keysOf(text).filter((k) => k.path.length === 1).map((k) => k.path[0]));
    const items = await complete(uri, { line: text.split('\n').length - 1, character: 0 });
    const labels = items.map((i) => i.label);
    const expected = topKeys.filter((k) => !present.has(k));
    const missing = expected.filter((k) => !labels.includes(k));
    const offeredPresent = labels.filter((l) => present.has(l));
    result.completion.new_top_level_line = labels;
    check(`completion: new top-level line in ${args.case} offers every schema key not yet used (${expected.join(', ')})`, expected.length > 0 && missing.length === 0, { missing, labels });
    check('completion: keys already in the file are not offered again', offeredPresent.length === 0, offeredPresent);
    const nextSteps = items.find((i) => i.label === 'next_steps');
    const want = shownText(caseSchema, caseSchema.properties.next_steps);
    check('completion: next_steps item documents its Chinese description', nextSteps && want.description && plain(docText(nextSteps)).includes(plain(want.description)), docText(nextSteps));
  });

  // c2: a case file with only an id: every other key, including closure, is offered.
  const minimal = `${caseText.split('\n')[0]}\nid: XF2008-T01-999\n\n`;
  await withDoc('cases/XF2008-T01-999.yml', minimal, async (uri) => {
    const items = await complete(uri, { line: 2, character: 0 });
    const labels = items.map((i) => i.label);
    const missing = topKeys.filter((k) => k !== 'id' && !labels.includes(k));
    result.completion.new_case_file = labels;
    check('completion: new case file offers all top-level keys (closure, next_steps, responsibility, ...)', missing.length === 0 && labels.includes('closure') && labels.includes('next_steps'), { missing, labels });
  });

  // c3: value after `category: ` offers the four codes with their Chinese labels.
  const enumCompletion = async (name, schemaNode, editedText, line) => {
    await withDoc(variantRel(`complete-${name}`), editedText, async (uri) => {
      const lineText = editedText.split('\n')[line];
      const items = await complete(uri, { line, character: lineText.length });
      const enumNode = deref(caseSchema, schemaNode);
      const offered = Object.fromEntries(items.map((i) => [i.label, plain(docText(i))]));
      result.completion[name] = offered;
      const missing = enumNode.enum.filter((v) => !(v in offered));
      check(`completion: value of ${name} offers ${enumNode.enum.join(', ')}`, missing.length === 0, { missing, offered });
      const labels = enumNode.enumDescriptions ?? [];
      const unlabeled = enumNode.enum.filter((v, i) => !labels[i] || !(offered[v] ?? '').includes(plain(labels[i])));
      check(`completion: value of ${name} shows the Chinese labels (enumDescriptions)`, unlabeled.length === 0, { unlabeled, offered });
    });
  };
  const enumCases = [
    ['category', caseSchema.properties.category, /^category: /, 'category: ', undefined],
    ['events[].level', caseSchema.properties.events?.items?.properties?.level, /^    level: /, '    level: ', /^events:/],
    ['closure.follow_up.method', caseSchema.properties.closure?.properties?.follow_up?.properties?.method, /^    method: /, '    method: ', /^  follow_up:/],
  ];
  for (const [name, schemaNode, pattern, blank, after] of enumCases) {
    let edited;
    try {
      if (!deref(caseSchema, schemaNode)?.enum) throw new Error('the schema has no enum there');
      edited = setLine(caseText, pattern, blank, after);
    } catch (error) {
      check(`completion: value of ${name} (cannot set up: ${error.message})`, false);
      continue;
    }
    await enumCompletion(name, schemaNode, edited, lineOf(edited, blank));
  }

  // c4: keys of a nested object ($ref properties included).
  {
    const text = `${caseText.split('\n')[0]}\nid: XF2008-T01-999\nresponsibility:\n  \n`;
    await withDoc('cases/XF2008-T01-998.yml', text, async (uri) => {
      const items = await complete(uri, { line: 3, character: 2 });
      const labels = items.map((i) => i.label);
      const expected = Object.keys(caseSchema.properties.responsibility.properties);
      const missing = expected.filter((k) => !labels.includes(k));
      result.completion['responsibility.*'] = labels;
      check(`completion: inside responsibility offers ${expected.join(', ')}`, missing.length === 0, { missing, labels });
    });
  }

  // --- (d) Hover: every key of the real files shows its Chinese title and description ----------
  result.hover = {};
  for (const [rel, text, schema] of [[args.case, caseText, caseSchema], ['campaign.yml', campaignText, campaignSchema]]) {
    await withDoc(rel, text, async (uri) => {
      const failures = [];
      let checked = 0;
      for (const key of keysOf(text)) {
        let node = schema;
        for (const segment of key.path) node = node && childSchema(schema, node, segment);
        if (!node) { failures.push({ key: key.path.join('.'), problem: 'not in schema' }); continue; }
        const want = shownText(schema, node);
        const hover = await client.request('textDocument/hover', { textDocument: { uri }, position: positionAt(text, key.offset + 1) });
        const got = plain(hoverText(hover));
        checked += 1;
        const lacks = [want.title, want.description].filter((w) => w && !got.includes(plain(w)));
        if (!want.title || !want.description) failures.push({ key: key.path.join('.'), problem: 'schema has no title/description' });
        else if (lacks.length) failures.push({ key: key.path.join('.'), expected: lacks, hover: got });
      }
      result.hover[rel] = { keys: checked, failures };
      check(`hover: all ${checked} keys of ${rel} show their Chinese title and description`, checked > 0 && failures.length === 0, failures.slice(0, 10));
    });
  }
  // Samples for the report: a plain key, a $ref key with sibling title/description, a nested $ref key, an enum key.
  await withDoc(args.case, caseText, async (uri) => {
    const samples = {};
    for (const [name, pattern, after] of [['category', /^category: /], ['registered', /^registered: /], ['responsibility.unit', /^  unit: /, /^responsibility:/], ['status', /^status: /]]) {
      const line = lineOf(caseText, pattern, after);
      const indent = caseText.split('\n')[line].search(/\S/);
      const hover = await client.request('textDocument/hover', { textDocument: { uri }, position: { line, character: indent + 1 } });
      samples[name] = hoverText(hover);
    }
    result.hover.samples = samples;
    const categoryHover = plain(samples.category);
    const enumNode = caseSchema.properties.category;
    const labels = enumNode.enumDescriptions ?? [];
    const unlisted = enumNode.enum.filter((v, i) => !labels[i] || !categoryHover.includes(`${v}\`: ${plain(labels[i])}`));
    check('hover: category lists the allowed codes with their Chinese labels', unlisted.length === 0, { unlisted, hover: samples.category });
    check('hover: registered ($ref with sibling title) shows 登记日期, not the definition\'s 日期', plain(samples.registered).includes('登记日期'), samples.registered);
  });

  // --- Association without the other mechanism ------------------------------------------------
  // Modeline only (a case file opened outside this workspace, or without .vscode/settings.json).
  await setYaml({ ...section(settings, 'yaml'), schemas: {} });
  {
    const text = setLine(caseText, /^category: /, 'category: 其他');
    await withDoc(variantRel('modeline-only'), text, async (uri, diagnostics) => {
            const uris = await schemasFor(uri);
      check('association: modeline alone (no yaml.schemas) finds case.schema.json and validates', uris.length > 0 && uris.every(isFile(caseSchemaPath)) && diagnostics.some((d) => d.message.includes('hotspot')), { uris, diagnostics: diagnostics.map(briefDiag) });
    });
  }
  // yaml.schemas only (a case file whose modeline was deleted).
  await setYaml(section(settings, 'yaml'));
  {
    const text = setLine(caseText, /^category: /, 'category: 其他').split('\n').slice(1).join('\n');
    await withDoc(variantRel('settings-only'), text, async (uri, diagnostics) => {
            const uris = await schemasFor(uri);
      check('association: .vscode/settings.json yaml.schemas alone (no modeline) finds case.schema.json and validates', uris.length > 0 && uris.every(isFile(caseSchemaPath)) && diagnostics.some((d) => d.message.includes('hotspot')), { uris, diagnostics: diagnostics.map(briefDiag) });
    });
  }

  result.configurationRequests = client.configurationRequests;
  const schemaLogs = client.logs.filter((l) => SCHEMA_PROBLEM.test(l) || /schema/i.test(l));
  if (schemaLogs.length) notes.push(...schemaLogs);
  await client.shutdown();
  if (client.stderr.trim()) notes.push(`server stderr: ${client.stderr.trim().slice(0, 2000)}`);
  return result;
}

await runAndReport(main, checks, { notes });
