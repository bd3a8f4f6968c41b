// The LSP client and the schema helpers the editor checks share: the real yaml-language-server
// over stdio, answered as VS Code answers it (see check-schema.mjs for how it is driven).

import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

import { parse as parseJsonc } from 'jsonc-parser';
import YAML from 'yaml';

const here = path.dirname(fileURLToPath(import.meta.url));

// ---------------------------------------------------------------------------------------------
// Minimal LSP client over stdio (Content-Length framing, byte lengths: the files are Chinese).

export class LspClient {
  constructor(serverBin, configFor, timeout = 20000) {
    this.timeout = timeout;
    this.configFor = configFor;
    this.nextId = 1;
    this.pending = new Map();
    this.diagnostics = new Map(); // uri -> array of publishDiagnostics params, in arrival order
    this.waiters = [];
    this.logs = [];
    this.stderr = '';
    this.configurationRequests = 0;
    this.buffer = Buffer.alloc(0);
    this.proc = spawn(process.execPath, [serverBin, '--stdio'], { cwd: here, stdio: ['pipe', 'pipe', 'pipe'] });
    this.proc.stdout.on('data', (chunk) => this.onData(chunk));
    this.proc.stderr.on('data', (chunk) => { this.stderr += chunk.toString('utf8'); });
    this.exited = new Promise((resolve) => this.proc.on('exit', (code, signal) => {
      for (const { reject } of this.pending.values()) reject(new Error(`server exited (${code ?? signal})`));
      this.pending.clear();
      resolve(code ?? signal);
    }));
  }

  send(message) {
    const body = Buffer.from(JSON.stringify({ jsonrpc: '2.0', ...message }), 'utf8');
    this.proc.stdin.write(`Content-Length: ${body.length}\r\n\r\n`);
    this.proc.stdin.write(body);
  }

  request(method, params, timeout = this.timeout) {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new Error(`timeout waiting for ${method}`));
      }, timeout);
      this.pending.set(id, {
        resolve: (v) => { clearTimeout(timer); resolve(v); },
        reject: (e) => { clearTimeout(timer); reject(e); },
      });
      this.send({ id, method, params });
    });
  }

  notify(method, params) {
    this.send({ method, params });
  }

  onData(chunk) {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    for (;;) {
      const headerEnd = this.buffer.indexOf('\r\n\r\n');
      if (headerEnd < 0) return;
      const header = this.buffer.subarray(0, headerEnd).toString('ascii');
      const match = /Content-Length: *(\d+)/i.exec(header);
      if (!match) throw new Error(`bad LSP header: ${header}`);
      const length = Number(match[1]);
      if (this.buffer.length < headerEnd + 4 + length) return;
      const body = this.buffer.subarray(headerEnd + 4, headerEnd + 4 + length).toString('utf8');
      this.buffer = this.buffer.subarray(headerEnd + 4 + length);
      this.onMessage(JSON.parse(body));
    }
  }

  onMessage(msg) {
    if (msg.id !== undefined && msg.method === undefined) {
      const waiter = this.pending.get(msg.id);
      if (!waiter) return;
      this.pending.delete(msg.id);
      if (msg.error) waiter.reject(new Error(`${msg.error.code}: ${msg.error.message}`));
      else waiter.resolve(msg.result);
      return;
    }
    if (msg.id !== undefined) { // request from the server
      let result = null;
      if (msg.method === 'workspace/configuration') {
        this.configurationRequests += 1;
        result = msg.params.items.map((item) => this.configFor(item.section));
      }
      this.send({ id: msg.id, result });
      return;
    }
    if (msg.method === 'textDocument/publishDiagnostics') {
      const list = this.diagnostics.get(msg.params.uri) ?? [];
      list.push(msg.params);
      this.diagnostics.set(msg.params.uri, list);
      this.waiters = this.waiters.filter((w) => !w(msg.params));
    } else if (msg.method === 'window/logMessage' || msg.method === 'window/showMessage') {
      this.logs.push(msg.params.message);
    } else if (msg.method === 'telemetry/event') {
      this.logs.push(`telemetry: ${JSON.stringify(msg.params)}`);
    }
  }

  // Resolves with the first publishDiagnostics for uri arriving after the call.
  nextDiagnostics(uri, timeout = this.timeout) {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no diagnostics published for ${uri}`)), timeout);
      this.waiters.push((params) => {
        if (params.uri !== uri) return false;
        clearTimeout(timer);
        resolve(params.diagnostics);
        return true;
      });
    });
  }

  async shutdown() {
    try {
      await this.request('shutdown', null, 5000);
      this.notify('exit', null);
    } catch { /* killed below */ }
    const timer = setTimeout(() => this.proc.kill(), 3000);
    await this.exited;
    clearTimeout(timer);
  }
}

// ---------------------------------------------------------------------------------------------
// VS Code's answer to workspace/configuration, from .vscode/settings.json.

export function loadSettings(readText) {
  const errors = [];
  const settings = parseJsonc(readText('.vscode/settings.json'), errors, { allowTrailingComma: true }) ?? {};
  if (errors.length) throw new Error(`.vscode/settings.json does not parse: ${JSON.stringify(errors)}`);
  return settings;
}

// What VS Code answers without any user setting: the defaults that the YAML extension and VS Code
// itself contribute (the server expects them; older servers fail without e.g. schemaStore.url).
export const DEFAULTS = {
  'yaml.yamlVersion': '1.2',
  'yaml.schemas': {},
  'yaml.validate': true,
  'yaml.hover': true,
  'yaml.completion': true,
  'yaml.customTags': [],
  'yaml.format.enable': true,
  'yaml.format.singleQuote': false,
  'yaml.format.bracketSpacing': true,
  'yaml.format.proseWrap': 'preserve',
  'yaml.format.printWidth': 80,
  'yaml.schemaStore.enable': true,
  'yaml.schemaStore.url': 'https://www.schemastore.org/api/json/catalog.json',
  'yaml.disableAdditionalProperties': false,
  'yaml.disableDefaultProperties': false,
  'yaml.maxItemsComputed': 5000,
  'yaml.suggest.parentSkeletonSelectedFirst': false,
  'yaml.style.flowMapping': 'allow',
  'yaml.style.flowSequence': 'allow',
  'yaml.keyOrdering': false,
  'editor.tabSize': 4,
  'editor.insertSpaces': true,
  'editor.detectIndentation': true,
  'files.associations': {},
};

// {"yaml.schemas": x, "yaml.schemaStore.enable": false} -> section "yaml" = {schemas: x, schemaStore: {enable: false}}
export function section(userSettings, name) {
  if (name.startsWith('[')) return userSettings[name] ?? {};
  const settings = { ...DEFAULTS, ...userSettings };
  const out = {};
  for (const [key, value] of Object.entries(settings)) {
    if (!key.startsWith(`${name}.`)) continue;
    const parts = key.slice(name.length + 1).split('.');
    let node = out;
    for (const part of parts.slice(0, -1)) node = node[part] ??= {};
    node[parts.at(-1)] = value;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Schema helpers: what the hover for a key should say, straight from the schema file.

export function deref(root, node) {
  let current = node;
  const seen = new Set();
  while (current && current.$ref && !seen.has(current.$ref)) {
    seen.add(current.$ref);
    if (!current.$ref.startsWith('#/')) return current;
    current = current.$ref.slice(2).split('/').reduce((n, part) => n?.[part.replace(/~1/g, '/').replace(/~0/g, '~')], root);
  }
  return current;
}

export function childSchema(root, node, segment) {
  const target = deref(root, node);
  if (!target) return undefined;
  if (typeof segment === 'number') return target.items;
  return target.properties?.[segment];
}

// title/description as an editor should show them: the property's own ($ref siblings) first.
export function shownText(root, node) {
  if (!node) return {};
  const target = deref(root, node) ?? {};
  return { title: node.title ?? target.title, description: node.description ?? target.description };
}

// Markdown as the server escapes it -> plain text, whitespace collapsed.
export function plain(markdown) {
  return String(markdown ?? '')
    .replace(/&emsp;|&nbsp;/g, ' ')
    .replace(/\\([\\`*_{}[\]()#+\-.!])/g, '$1')
    .replace(/\s+/g, ' ')
    .trim();
}

export function hoverText(hover) {
  if (!hover) return '';
  const { contents } = hover;
  if (typeof contents === 'string') return contents;
  if (Array.isArray(contents)) return contents.map((c) => (typeof c === 'string' ? c : c.value)).join('\n');
  return contents?.value ?? '';
}

export function docText(item) {
  const d = item?.documentation;
  return typeof d === 'string' ? d : d?.value ?? '';
}

// Every mapping key in a YAML text with its path and UTF-16 offset (LSP positions are UTF-16).
export function keysOf(text) {
  const doc = YAML.parseDocument(text, { keepSourceTokens: true });
  const out = [];
  const walk = (node, pathSoFar) => {
    if (YAML.isMap(node)) {
      for (const pair of node.items) {
        if (!YAML.isScalar(pair.key)) continue;
        const keyPath = [...pathSoFar, String(pair.key.value)];
        out.push({ path: keyPath, offset: pair.key.range[0] });
        walk(pair.value, keyPath);
      }
    } else if (YAML.isSeq(node)) {
      node.items.forEach((item, i) => walk(item, [...pathSoFar, i]));
    }
  };
  walk(doc.contents, []);
  return out;
}

export function positionAt(text, offset) {
  const before = text.slice(0, offset);
  const line = before.split('\n').length - 1;
  return { line, character: offset - (before.lastIndexOf('\n') + 1) };
}

// ---------------------------------------------------------------------------------------------
// A session with the real server, initialized as VS Code initializes it.

export const isFile = (expected) => (uri) => {
  try { return fileURLToPath(uri) === expected; } catch { return false; }
};

// Starts yaml-language-server over stdio for the workspace `root`, answering workspace/
// configuration from `settings` (.vscode/settings.json) as VS Code does. Returns the client and:
// withDoc(rel, text, fn): opens an unsaved document at rel (nothing is written), waits for its
//   first diagnostics as VS Code shows them after opening, runs fn(uri, diagnostics), closes it;
// schemasFor(uri): the schemas the server associates with a document;
// setYaml(section): answers the yaml section differently from now on (e.g. without yaml.schemas).
export async function openSession({ root, locale, timeout, settings, barrierFolder }) {
  const require = createRequire(import.meta.url);
  const serverPackage = require('yaml-language-server/package.json');
  const serverBin = path.join(path.dirname(require.resolve('yaml-language-server/package.json')), 'bin', 'yaml-language-server');
  const fileUri = (rel) => pathToFileURL(path.join(root, rel)).href;
  let yamlSection = section(settings, 'yaml');
  const client = new LspClient(serverBin, (name) => {
    if (name === 'yaml') return yamlSection;
    if (name === 'http') return { proxy: '', proxyStrictSSL: false };
    if (name === 'editor') return section(settings, 'editor');
    return section(settings, name);
  }, timeout);
  const init = await client.request('initialize', {
    processId: process.pid,
    clientInfo: { name: 'Visual Studio Code' },
    locale,
    rootUri: pathToFileURL(root).href,
    rootPath: root,
    workspaceFolders: [{ uri: pathToFileURL(root).href, name: path.basename(root) }],
    capabilities: {
      workspace: { configuration: true, workspaceFolders: true, didChangeConfiguration: { dynamicRegistration: true } },
      textDocument: {
        synchronization: { dynamicRegistration: true, didSave: true },
        publishDiagnostics: { relatedInformation: true, versionSupport: true },
        completion: {
          completionItem: { snippetSupport: true, documentationFormat: ['markdown', 'plaintext'], labelDetailsSupport: true },
          contextSupport: true,
        },
        hover: { contentFormat: ['markdown', 'plaintext'] },
        formatting: { dynamicRegistration: true },
      },
    },
  });
  client.notify('initialized', {});
  client.notify('yaml/supportSchemaSelection', {});

  // The server pulls the configuration after `initialized`; codeLens waits until that pull has
  // been applied, so it is a barrier before any document is opened.
  let barrierDoc = 0;
  const settle = async () => {
    barrierDoc += 1;
    const uri = fileUri(`${barrierFolder}/.editor-check-barrier-${barrierDoc}.yml`);
    client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text: 'a: 1\n' } });
    await client.request('textDocument/codeLens', { textDocument: { uri } });
    client.notify('textDocument/didClose', { textDocument: { uri } });
  };
  await settle();

  let version = 0;
  const withDoc = async (rel, text, fn) => {
    const uri = fileUri(rel);
    const published = client.nextDiagnostics(uri);
    version += 1;
    client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version, text } });
    const close = () => client.notify('textDocument/didClose', { textDocument: { uri } });
    let diagnostics;
    try {
      diagnostics = await published;
    } catch (error) {
      close();
      throw error;
    }
    try {
      return await fn(uri, diagnostics);
    } finally {
      close();
    }
  };
  const schemasFor = async (uri) => (await client.request('yaml/get/jsonSchema', uri)).map((s) => s.uri);
  const setYaml = async (yaml) => {
    yamlSection = yaml;
    client.notify('workspace/didChangeConfiguration', { settings: null });
    await settle();
  };
  return { client, init, serverPackage, withDoc, schemasFor, setYaml };
}

/** Run a check script's `main`, print its checks as JSON and exit: 0 all passed, 1 some
 * failed, 2 the script itself failed. `extra` is added to the report (for example notes). */
export async function runAndReport(main, checks, extra = {}) {
  let exitCode = 0;
  let result = {};
  try {
    result = await main();
    exitCode = checks.every((c) => c.ok) ? 0 : 1;
  } catch (error) {
    result.error = String(error?.stack ?? error);
    exitCode = 2;
  }
  const failed = checks.filter((c) => !c.ok);
  const report = { ok: exitCode === 0, passed: checks.length - failed.length, failed: failed.length, ...result, checks, ...extra };
  process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  process.exit(exitCode);
}
