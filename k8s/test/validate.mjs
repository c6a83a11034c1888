// Validates Kubernetes manifests the way an API server would before admitting them:
//  - built-in kinds against the Kubernetes OpenAPI schemas (npm kubernetes-models), Argo CD and Prometheus
//    Operator kinds against their CRD schemas (@kubernetes-models/argo-cd, @kubernetes-models/prometheus-operator);
//  - custom resources against the openAPIV3Schema of their CustomResourceDefinition (ajv), with unknown fields
//    rejected as `kubectl apply --validate=strict` does, and the CRD's CEL rules (x-kubernetes-validations)
//    evaluated with a CEL interpreter.
// Any kind without a known schema is an error, so nothing is skipped silently.
//
// Usage: node validate.mjs [--crd CRD.yaml]... FILE...
// Prints one JSON line: {"documents":[{"file","index","apiVersion","kind","name","errors":[...]}]}; exits 1 when
// any document has errors, 2 on bad usage.
import { readFileSync } from "node:fs";
import yaml from "js-yaml";
import Ajv from "ajv";
import addFormats from "ajv-formats";
import { evaluate } from "@marcbachmann/cel-js";
import * as k8s from "kubernetes-models";
import * as argocd from "@kubernetes-models/argo-cd";
import * as prometheusOperator from "@kubernetes-models/prometheus-operator";

function usage(message) {
  process.stderr.write(`${message}\nusage: node validate.mjs [--crd CRD.yaml]... FILE...\n`);
  process.exit(2);
}

function readDocuments(file) {
  let docs;
  try {
    docs = yaml.loadAll(readFileSync(file, "utf8"));
  } catch (e) {
    return [{ file, index: 0, parseError: e.message }];
  }
  return docs
    .map((doc, index) => ({ file, index, doc }))
    .filter((d) => d.doc !== null && d.doc !== undefined);
}

// kubernetes-models exports one namespace per API group ("apps", "rbacAuthorizationK8sIo", "v1" for core).
function groupExportName(group) {
  if (group === "") return null;
  return group.split(/[.-]/).map((part, i) => (i === 0 ? part : part[0].toUpperCase() + part.slice(1))).join("");
}

const THIRD_PARTY = { "argoproj.io": argocd, "monitoring.coreos.com": prometheusOperator };

function builtInModel(apiVersion, kind) {
  const [group, version] = apiVersion.includes("/") ? apiVersion.split("/") : ["", apiVersion];
  const groupModule = group === "" ? k8s[version] : k8s[groupExportName(group)]?.[version];
  if (groupModule?.[kind]) return groupModule[kind];
  return THIRD_PARTY[group]?.[groupExportName(group)]?.[version]?.[kind];
}

// --- CustomResourceDefinition schemas -------------------------------------------------------------------------

const ajv = new Ajv({ allErrors: true, strict: false, validateFormats: true });
addFormats(ajv);
for (const keyword of [
  "x-kubernetes-int-or-string", "x-kubernetes-preserve-unknown-fields", "x-kubernetes-embedded-resource",
  "x-kubernetes-list-type", "x-kubernetes-list-map-keys", "x-kubernetes-map-type", "x-kubernetes-validations",
]) {
  ajv.addKeyword({ keyword });
}
for (const format of ["int32", "int64", "float", "double", "byte", "quantity"]) {
  ajv.addFormat(format, true);
}

// The API server rejects (strict field validation) or prunes fields a structural schema does not declare.
function strictCopy(schema) {
  if (Array.isArray(schema)) return schema.map(strictCopy);
  if (schema === null || typeof schema !== "object") return schema;
  const copy = {};
  for (const [key, value] of Object.entries(schema)) {
    copy[key] = key === "properties"
      ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, strictCopy(v)]))
      : strictCopy(value);
  }
  if (copy.type === "object" && copy.properties && copy.additionalProperties === undefined
      && !copy["x-kubernetes-preserve-unknown-fields"]) {
    copy.additionalProperties = false;
  }
  return copy;
}

const crdSchemas = new Map(); // "group/version/Kind" -> { validate, schema }

function registerCrd(crd, source) {
  const { group, names, versions } = crd.spec ?? {};
  for (const version of versions ?? []) {
    const schema = version.schema?.openAPIV3Schema;
    if (!schema) continue;
    const root = strictCopy(schema);
    root.properties = { apiVersion: { type: "string" }, kind: { type: "string" }, metadata: { type: "object" },
      ...root.properties };
    crdSchemas.set(`${group}/${version.name}/${names.kind}`, { validate: ajv.compile(root), schema, source });
  }
}

// Evaluates every x-kubernetes-validations rule against the value at its place in the object, like the API server.
function celErrors(schema, value, path) {
  if (value === undefined || value === null || schema === undefined) return [];
  const errors = [];
  for (const rule of schema["x-kubernetes-validations"] ?? []) {
    let ok;
    try {
      ok = evaluate(rule.rule, { self: value });
    } catch (e) {
      errors.push(`${path || "/"}: CEL rule ${JSON.stringify(rule.rule)} failed to evaluate: ${e.message}`);
      continue;
    }
    if (ok !== true) errors.push(`${path || "/"}: ${rule.message ?? `failed rule ${rule.rule}`}`);
  }
  if (schema.properties && typeof value === "object" && !Array.isArray(value)) {
    for (const [key, child] of Object.entries(schema.properties)) {
      errors.push(...celErrors(child, value[key], `${path}/${key}`));
    }
  }
  if (schema.items && Array.isArray(value)) {
    value.forEach((item, i) => errors.push(...celErrors(schema.items, item, `${path}/${i}`)));
  }
  if (schema.additionalProperties && typeof schema.additionalProperties === "object"
      && typeof value === "object" && !Array.isArray(value)) {
    for (const [key, child] of Object.entries(value)) {
      errors.push(...celErrors(schema.additionalProperties, child, `${path}/${key}`));
    }
  }
  return errors;
}

// --- metadata every object needs ------------------------------------------------------------------------------

const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

function metadataErrors(doc) {
  const name = doc.metadata?.name;
  if (typeof name !== "string" || name === "") return ["/metadata/name: required"];
  if (name.length > 253 || !DNS1123_SUBDOMAIN.test(name)) {
    return [`/metadata/name: ${JSON.stringify(name)} is not a DNS-1123 subdomain`];
  }
  return [];
}

function ajvMessages(errors) {
  return (errors ?? []).map((e) => {
    const extra = e.keyword === "additionalProperties" ? ` (${e.params.additionalProperty})`
      : e.keyword === "enum" ? ` (${e.params.allowedValues.join(", ")})` : "";
    return `${e.instancePath || "/"}: ${e.message}${extra}`;
  });
}

function validateDocument(doc) {
  if (typeof doc !== "object" || Array.isArray(doc)) return ["not a Kubernetes object"];
  const { apiVersion, kind } = doc;
  if (typeof apiVersion !== "string" || typeof kind !== "string") return ["apiVersion and kind are required"];
  const errors = metadataErrors(doc);
  const [group, version] = apiVersion.includes("/") ? apiVersion.split("/") : ["", apiVersion];
  const crd = crdSchemas.get(`${group}/${version}/${kind}`);
  if (crd) {
    if (!crd.validate(doc)) errors.push(...ajvMessages(crd.validate.errors));
    errors.push(...celErrors(crd.schema, doc, ""));
    return errors;
  }
  const Model = builtInModel(apiVersion, kind);
  if (!Model) return [...errors, `no schema known for ${apiVersion} ${kind}`];
  try {
    new Model(doc).validate();
  } catch (e) {
    errors.push(...(e.errors ? ajvMessages(e.errors) : [e.message]));
  }
  return errors;
}

// --- main -----------------------------------------------------------------------------------------------------

const args = process.argv.slice(2);
const crdFiles = [];
const files = [];
for (let i = 0; i < args.length; i++) {
  if (args[i] === "--crd") {
    if (i + 1 >= args.length) usage("--crd needs a file");
    crdFiles.push(args[++i]);
  } else {
    files.push(args[i]);
  }
}
if (files.length === 0) usage("no files to validate");

const documents = files.flatMap(readDocuments);
for (const { doc } of documents) {
  if (doc?.kind === "CustomResourceDefinition") registerCrd(doc, "input");
}
// Registered last: a --crd file wins over a copy of the same CRD among the inputs.
for (const file of crdFiles) {
  for (const { doc, parseError } of readDocuments(file)) {
    if (parseError) usage(`${file}: ${parseError}`);
    if (doc?.kind === "CustomResourceDefinition") registerCrd(doc, file);
  }
}

const report = documents.map(({ file, index, doc, parseError }) => ({
  file,
  index,
  apiVersion: doc?.apiVersion ?? null,
  kind: doc?.kind ?? null,
  name: doc?.metadata?.name ?? null,
  errors: parseError ? [`YAML: ${parseError}`] : validateDocument(doc),
}));
process.stdout.write(JSON.stringify({ documents: report }) + "\n");
process.exit(report.some((d) => d.errors.length > 0) ? 1 : 0);
