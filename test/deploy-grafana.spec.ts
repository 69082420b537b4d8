/**
 * deploy/grafana/nautobot-mcp-server.json: a Grafana dashboard that imports into any
 * Grafana with a Prometheus data source. Every query parses as PromQL (Prometheus' own
 * lezer grammar) and uses only the metrics and labels the server exports.
 */
import { describe, expect, it } from '@jest/globals';
import { parser } from '@prometheus-io/lezer-promql';
import { repoFile } from './support/deploy.js';

/** The server's metrics and their labels (docs/operations.md lists the same). */
const METRICS: Record<string, { type: 'counter' | 'gauge' | 'histogram'; labels: string[] }> = {
  nautobot_mcp_http_request_duration_seconds: {
    type: 'histogram',
    labels: ['route', 'method', 'status'],
  },
  nautobot_mcp_http_requests_in_flight: { type: 'gauge', labels: [] },
  nautobot_mcp_tool_invocations_total: { type: 'counter', labels: ['tool', 'door', 'outcome'] },
  nautobot_mcp_tool_duration_seconds: { type: 'histogram', labels: ['tool', 'door'] },
  nautobot_mcp_nautobot_request_duration_seconds: { type: 'histogram', labels: ['query'] },
  nautobot_mcp_nautobot_errors_total: { type: 'counter', labels: ['type'] },
  nautobot_mcp_auth_failures_total: { type: 'counter', labels: ['mode', 'reason'] },
  process_cpu_seconds_total: { type: 'counter', labels: [] },
  process_resident_memory_bytes: { type: 'gauge', labels: [] },
  nodejs_eventloop_lag_seconds: { type: 'gauge', labels: [] },
  nodejs_heap_size_used_bytes: { type: 'gauge', labels: [] },
};
/** Labels Prometheus adds to every scraped series. */
const TARGET_LABELS = ['job', 'instance'];

/** The metric (without _bucket/_count/_sum) a series name belongs to, or undefined. */
function metricOf(series: string): string | undefined {
  if (METRICS[series]) {
    return series;
  }
  const base = series.replace(/_(bucket|count|sum)$/, '');
  return METRICS[base]?.type === 'histogram' ? base : undefined;
}

interface Target {
  expr: string;
  datasource?: { type: string; uid: string };
}
interface Panel {
  id: number;
  type: string;
  title: string;
  datasource?: { type: string; uid: string };
  targets?: Target[];
  panels?: Panel[];
  gridPos: { x: number; y: number; w: number; h: number };
}
interface Dashboard {
  uid: string;
  title: string;
  schemaVersion: number;
  panels: Panel[];
  templating: {
    list: { name: string; type: string; query: unknown; datasource?: { uid: string } }[];
  };
}

/** Series names and label names a PromQL expression uses; throws when it does not parse. */
function analyse(expr: string): { series: string[]; labels: string[] } {
  // Grafana's range variables are durations; other $variables sit inside label strings.
  const query = expr.replace(/\$__(rate_)?interval|\$__range/g, '5m');
  const tree = parser.parse(query);
  const series: string[] = [];
  const labels: string[] = [];
  let error: number | undefined;
  tree.iterate({
    enter(node) {
      if (node.type.isError) {
        error ??= node.from;
      }
      const text = query.slice(node.from, node.to);
      if (node.name === 'Identifier' && node.node.parent?.name === 'VectorSelector') {
        series.push(text);
      }
      if (node.name === 'LabelName') {
        labels.push(text);
      }
    },
  });
  if (error !== undefined) {
    throw new Error(`PromQL syntax error at ${error}: ${query}`);
  }
  return { series, labels };
}

const dashboard = JSON.parse(repoFile('deploy/grafana/nautobot-mcp-server.json')) as Dashboard;
const panels = dashboard.panels.flatMap((p) => [p, ...(p.panels ?? [])]);
const queryPanels = panels.filter((p) => p.type !== 'row');
const expressions = queryPanels.flatMap((p) => (p.targets ?? []).map((t) => t.expr));
const DATASOURCE = { type: 'prometheus', uid: '${datasource}' };

describe('Grafana dashboard', () => {
  it('is a dashboard with a stable uid and unique panel ids', () => {
    expect(dashboard.uid).toBe('nautobot-mcp-server');
    expect(dashboard.title).toBe('nautobot-mcp-server');
    expect(dashboard.schemaVersion).toBeGreaterThanOrEqual(36);
    const ids = panels.map((p) => p.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const panel of panels) {
      expect(panel.gridPos.x + panel.gridPos.w).toBeLessThanOrEqual(24);
    }
    expect(queryPanels.length).toBeGreaterThanOrEqual(15);
  });

  it('takes its data source from a variable, in every panel and query', () => {
    const variable = dashboard.templating.list.find((v) => v.name === 'datasource');
    expect(variable).toMatchObject({ type: 'datasource', query: 'prometheus' });
    for (const panel of queryPanels) {
      expect(panel.datasource).toEqual(DATASOURCE);
      expect(panel.targets?.length).toBeGreaterThan(0);
      for (const target of panel.targets ?? []) {
        expect(target.datasource).toEqual(DATASOURCE);
      }
    }
    for (const v of dashboard.templating.list.filter((t) => t.type === 'query')) {
      expect(v.datasource).toEqual(DATASOURCE);
    }
  });

  it('has PromQL that parses and uses only the metrics and labels the server exports', () => {
    const problems: string[] = [];
    for (const expr of expressions) {
      const { series, labels } = analyse(expr);
      expect(series.length).toBeGreaterThan(0);
      const metrics = series.map((s) => {
        const metric = metricOf(s);
        if (!metric) {
          problems.push(`unknown metric ${s} in ${expr}`);
        }
        return metric;
      });
      const known = new Set([
        ...TARGET_LABELS,
        ...metrics.flatMap((m) => (m ? METRICS[m].labels : [])),
        ...(series.some((s) => s.endsWith('_bucket')) ? ['le'] : []),
      ]);
      for (const label of labels.filter((l) => !known.has(l))) {
        problems.push(`label ${label} is not on ${series.join(', ')}: ${expr}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('charts every metric the server exports', () => {
    const used = new Set(expressions.flatMap((e) => analyse(e).series.map(metricOf)));
    expect(Object.keys(METRICS).filter((m) => !used.has(m))).toEqual([]);
  });

  it('fills its variables from the server metrics', () => {
    for (const v of dashboard.templating.list.filter((t) => t.type === 'query')) {
      const query = (v.query as { query: string }).query;
      const [, metric, label] = /^label_values\((\w+)(?:\{[^}]*\})?,\s*(\w+)\)$/.exec(query) ?? [];
      expect(metricOf(metric)).toBe(metric);
      expect([...TARGET_LABELS, ...METRICS[metric].labels]).toContain(label);
    }
  });
});
