// Names the metrics PromQL expressions read, with Prometheus' own PromQL grammar (@prometheus-io/lezer-promql, the
// parser of Prometheus' web UI): the Identifier of every vector selector, or its __name__="..." matcher, and the
// labels each selector matches on.
// A syntax error, or a selector whose metric name is not a literal, is reported: its metrics could not be checked.
// Grafana's variables are replaced first ($__rate_interval and the like by 5m, any other $var by a literal).
//
// Usage: node promql-metrics.mjs FILE   where FILE is JSON {"queries":[{"id","expr"}]}
// Prints one JSON line {"queries":[{"id","metrics":[...],"selectors":[{"metric","labels"}],"errors":[...]}]};
// exits 1 when any query has errors.
import { readFileSync } from "node:fs";
import { parser } from "@prometheus-io/lezer-promql";

function withoutGrafanaVariables(expr) {
  return expr
    .replace(/\$__(rate_interval|interval|range)\b|\$\{__(rate_interval|interval|range)\}/g, "5m")
    .replace(/\$\{(\w+)(:\w+)?\}|\$(\w+)|\[\[(\w+)\]\]/g, "grafana_variable");
}

function unquote(literal) {
  return JSON.parse(literal.startsWith("'") ? `"${literal.slice(1, -1).replace(/"/g, '\\"')}"` : literal);
}

function analyse(expr) {
  const source = withoutGrafanaVariables(expr);
  const metrics = new Set();
  const selectors = [];
  const errors = [];
  const text = (node) => source.slice(node.from, node.to);
  parser.parse(source).iterate({
    enter(ref) {
      if (ref.type.isError) {
        errors.push(`syntax error at ${ref.from}: ${JSON.stringify(source.slice(Math.max(0, ref.from - 20), ref.to + 20))}`);
        return;
      }
      if (ref.name !== "VectorSelector") return;
      const node = ref.node;
      const identifier = node.getChild("Identifier");
      let metric = identifier ? text(identifier) : null;
      const labels = [];
      const matchers = node.getChild("LabelMatchers");
      for (const matcher of matchers ? matchers.getChildren("UnquotedLabelMatcher") : []) {
        const label = matcher.getChild("LabelName");
        const op = matcher.getChild("MatchOp");
        if (!label) continue;
        if (text(label) !== "__name__") {
          labels.push(text(label));
        } else if (!metric && op && text(op) === "=") {
          metric = unquote(text(matcher.getChild("StringLiteral")));
        }
      }
      if (!metric) {
        errors.push(`selector without a literal metric name: ${text(node)}`);
        return;
      }
      metrics.add(metric);
      selectors.push({ metric, labels: [...new Set(labels)].sort() });
    },
  });
  return { metrics: [...metrics].sort(), selectors, errors };
}

const [file] = process.argv.slice(2);
if (!file) {
  process.stderr.write("usage: node promql-metrics.mjs FILE\n");
  process.exit(2);
}
const { queries } = JSON.parse(readFileSync(file, "utf8"));
const report = queries.map(({ id, expr }) => ({ id, ...analyse(expr) }));
process.stdout.write(JSON.stringify({ queries: report }) + "\n");
process.exit(report.some((q) => q.errors.length > 0) ? 1 : 0);
