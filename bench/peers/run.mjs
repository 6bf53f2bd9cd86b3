// The peer comparison: decides the same applications in shenpi (through
// shenpi_peers_driver) and in each peer engine, checks that every engine gives
// the same outcome and missing materials for every application, and prints
// one table of per-application times and ratios from this one run.
// Exit 1 on any mismatch (or when an outcome never occurs), 2 on bad usage.
//
// Usage: node run.mjs --driver BIN --rules DIR --apps FILE.jsonl [--seconds S]
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { cpus, loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'

import { parse as parseCel } from '@marcbachmann/cel-js'
import jsonLogic from 'json-logic-js'
import zen from '@gorules/zen-engine'

import { rule as jsonLogicRule } from './jsonlogic/item.mjs'

const here = new URL('.', import.meta.url).pathname
const OUTCOMES = ['accept', 'accept_with_deficiency', 'supplement', 'reject']
/** Facts of type int: CEL keeps int and double apart, so they go in as BigInt. */
const INT_FACTS = new Set(['shop.staff'])

function options() {
  const arg = (name, fallback) => {
    const i = process.argv.indexOf(name)
    return i > 0 && i + 1 < process.argv.length ? process.argv[i + 1] : fallback
  }
  const o = { driver: arg('--driver'), rules: arg('--rules'), apps: arg('--apps'), seconds: Number(arg('--seconds', '1')) }
  if (!o.driver || !o.rules || !o.apps || !(o.seconds > 0)) {
    console.error('usage: node run.mjs --driver BIN --rules DIR --apps FILE.jsonl [--seconds S]')
    process.exit(2)
  }
  return o
}

/** A peer's input: facts nested by path ({shop: {staff: 12}}), plus the id lists. */
function peerInput(application, { bigints }) {
  const data = { materials: application.materials ?? [], commitments: application.commitments ?? [] }
  for (const [path, value] of Object.entries(application.facts ?? {})) {
    const [head, tail] = path.split('.', 2)
    data[head] ??= {}
    data[head][tail] = bigints && INT_FACTS.has(path) ? BigInt(value) : value
  }
  return data
}

/**
 * Runs `decideAll` (one pass over all inputs) until `seconds` passed, after
 * one warm-up pass (JIT, inline caches, lazily built state). Wall and CPU
 * time (all threads of this process, as the driver counts) per application.
 */
async function timePerApplication(count, seconds, decideAll) {
  await decideAll()
  let passes = 0
  const cpu = process.cpuUsage()
  const start = performance.now()
  let elapsed = 0
  do {
    await decideAll()
    ++passes
    elapsed = performance.now() - start
  } while (elapsed < seconds * 1000)
  const used = process.cpuUsage(cpu)
  const n = passes * count
  return { wall_ns: (elapsed * 1e6) / n, cpu_ns: ((used.user + used.system) * 1e3) / n }
}

function peers() {
  const cel = parseCel(readFileSync(join(here, 'cel/item.cel'), 'utf8'))
  const decision = new zen.ZenEngine().createDecision(readFileSync(join(here, 'zen/item.json')))
  return [
    {
      name: 'cel-js (@marcbachmann/cel-js)',
      input: (app) => peerInput(app, { bigints: true }),
      decide: (input) => cel(input),
    },
    {
      name: 'json-logic-js',
      input: (app) => peerInput(app, { bigints: false }),
      decide: (input) => {
        const [outcome, missing] = jsonLogic.apply(jsonLogicRule, input)
        return { outcome, missing }
      },
    },
    {
      name: 'zen-engine (@gorules/zen-engine)',
      input: (app) => peerInput(app, { bigints: false }),
      decide: async (input) => (await decision.evaluate(input)).result,
      async: true,
    },
  ]
}

const key = (d) => `${d.outcome} [${d.missing.join(',')}]`

function compare(name, expected, actual, mismatches) {
  for (let i = 0; i < expected.length; ++i) {
    if (key(expected[i]) !== key(actual[i])) {
      mismatches.push(`${name}, application ${i + 1}: shenpi ${key(expected[i])}, ${name} ${key(actual[i])}`)
    }
  }
}

function runDriver(o, decisionsFile) {
  const out = execFileSync(o.driver, [o.rules, o.apps, '--decisions', decisionsFile, '--seconds', String(o.seconds)],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] })
  return JSON.parse(out)
}

function table(rows, shenpiBatch, shenpiSingle) {
  const head = ['engine', 'wall µs/app', 'CPU µs/app', 'apps/s (wall)', 'wall ÷ shenpi batch', 'CPU ÷ shenpi 1 thread']
  const body = rows.map((r) => [
    r.name,
    (r.wall_ns / 1000).toFixed(3),
    (r.cpu_ns / 1000).toFixed(3),
    Math.round(1e9 / r.wall_ns).toLocaleString('en-US'),
    (r.wall_ns / shenpiBatch.wall_ns).toFixed(2),
    (r.cpu_ns / shenpiSingle.cpu_ns).toFixed(2),
  ])
  const widths = head.map((h, c) => Math.max(h.length, ...body.map((b) => b[c].length)))
  const line = (cells) => cells.map((s, c) => (c === 0 ? s.padEnd(widths[c]) : s.padStart(widths[c]))).join('  ')
  console.log(line(head))
  console.log(widths.map((w) => '-'.repeat(w)).join('  '))
  for (const b of body) console.log(line(b))
}

/** The driver's timings and its decisions, one {outcome, missing} per application. */
function runShenpi(o) {
  const tmp = mkdtempSync(join(tmpdir(), 'shenpi-peers-'))
  try {
    const timings = runDriver(o, join(tmp, 'decisions.jsonl'))
    const decisions = readFileSync(join(tmp, 'decisions.jsonl'), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l))
    return { timings, decisions }
  } finally {
    rmSync(tmp, { recursive: true, force: true })
  }
}

/** Decides every application in each peer, compares with shenpi, times it. */
async function runPeers(applications, expected, seconds, problems) {
  const rows = []
  for (const peer of peers()) {
    const inputs = applications.map(peer.input)
    const decided = []
    for (const input of inputs) decided.push(await peer.decide(input))
    compare(peer.name, expected, decided.map((d) => ({ outcome: d.outcome, missing: [...d.missing] })), problems)
    const decideAll = peer.async
      ? async () => { for (const input of inputs) await peer.decide(input) }
      : () => { for (const input of inputs) peer.decide(input) }
    rows.push({ name: peer.name, ...(await timePerApplication(inputs.length, seconds, decideAll)) })
  }
  return rows
}

function report(shenpi, rows) {
  const load = loadavg().map((x) => x.toFixed(1)).join(' ')
  console.log(`machine: ${cpus().length} cores, ${cpus()[0]?.model ?? 'unknown CPU'}, load average ${load}; ` +
    'peers single-threaded on parsed JS objects, shenpi from JSON text unless said\n')
  const shenpiRows = [
    { name: `shenpi batch, JSON text → decision, ${shenpi.threads} threads`, ...shenpi.batch },
    { name: 'shenpi JSON text → decision (evaluate_json), 1 thread', ...shenpi.json_decide },
    { name: '  of which bound application → decision', ...shenpi.bound },
    { name: 'shenpi JSON text → Application (full reader, the fallback)', ...shenpi.json_parse },
    { name: 'shenpi parse_application → new Decision (nothing reused)', ...shenpi.fresh_decide },
  ]
  table([...shenpiRows, ...rows], shenpi.batch, shenpi.json_decide)
  const fastest = rows.reduce((a, b) => (a.wall_ns <= b.wall_ns ? a : b))
  const ratio = fastest.wall_ns / shenpi.batch.wall_ns
  console.log(`\nshenpi batch is ${ratio.toFixed(1)}× the fastest peer (${fastest.name}) in wall time; ` +
    `target ≥ 10×: ${ratio >= 10 ? 'met' : 'NOT met'}`)
  // CPU time does not depend on what else the machine runs; batch throughput
  // can at best multiply the single-thread figure by the worker count.
  const cpuRatio = Math.min(...rows.map((r) => r.cpu_ns)) / shenpi.json_decide.cpu_ns
  console.log(`in CPU time one shenpi thread is ${cpuRatio.toFixed(1)}× the fastest peer; ` +
    `${shenpi.threads} idle cores would make the batch at most ${(cpuRatio * shenpi.threads).toFixed(1)}×`)
}

async function main() {
  const o = options()
  const applications = readFileSync(o.apps, 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l).application)
  const shenpi = runShenpi(o)
  const expected = shenpi.decisions
  const problems = []
  if (expected.length !== applications.length) problems.push(`shenpi decided ${expected.length} of ${applications.length} applications`)
  const counts = Object.fromEntries(OUTCOMES.map((x) => [x, expected.filter((d) => d.outcome === x).length]))
  for (const x of OUTCOMES) if (counts[x] === 0) problems.push(`no application has outcome ${x}: the set does not cover every outcome`)
  const rows = await runPeers(applications, expected, o.seconds, problems)

  console.log(`${applications.length} applications of item PEER-0001; outcomes: ` +
    OUTCOMES.map((x) => `${x} ${counts[x]}`).join(', '))
  report(shenpi.timings, rows)
  if (problems.length) {
    console.error(`\n${problems.length} problem(s):`)
    for (const p of problems.slice(0, 20)) console.error(`  ${p}`)
    if (problems.length > 20) console.error(`  … and ${problems.length - 20} more`)
    process.exit(1)
  }
  console.log(`all ${rows.length + 1} engines agree on outcome and missing materials for every application`)
}

main().catch((e) => {
  console.error(e.stack ?? String(e))
  process.exit(1)
})
