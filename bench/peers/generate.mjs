// Writes N varied applications for item PEER-0001 as JSONL in shenpi's
// application format, one `{"application": {...}}` per line. Deterministic:
// the same seed gives the same file. The mix is tuned so every outcome
// (accept, accept_with_deficiency, supplement, reject) occurs often; run.mjs
// refuses a file in which one of them never occurs.
//
// Usage: node generate.mjs [--count 1000] [--seed 20261201] [--out apps.jsonl]
import { writeFileSync } from 'node:fs'

/** mulberry32: a small, well-known 32-bit PRNG; enough for test data. */
function prng(seed) {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const MATERIALS = Array.from({ length: 20 }, (_, i) => `m${String(i + 1).padStart(2, '0')}`)
const SHARED = new Set(['m03', 'm04'])
const TOLERABLE = new Set(['m10', 'm11', 'm12'])
const COMMITTABLE = new Set(['m13', 'm14'])

export function generate(count, seed) {
  const random = prng(seed)
  const chance = (p) => random() < p
  const pick = (list) => list[Math.floor(random() * list.length)]
  const between = (lo, hi) => lo + Math.floor(random() * (hi - lo + 1))
  const lines = []
  for (let n = 0; n < count; ++n) {
    // Most applicants pass the refusal conditions; about one in six does not.
    const refused = chance(0.16)
    const facts = {
      'applicant.kind': refused && chance(0.4) ? 'person' : pick(['enterprise', 'individual_business']),
      'applicant.credit': refused && chance(0.5) ? 'dishonest' : pick(['good', 'good', 'good', 'normal']),
      'applicant.uses_agent': chance(0.3),
      'applicant.false_commitment': chance(0.1),
      'premises.area_m2': Math.round((5 + random() * 195) * 10) / 10,
      'premises.residential': chance(0.15),
      'premises.neighbours_agree': chance(0.7),
      'shop.type': pick(['retail', 'catering', 'canteen']),
      'shop.staff': chance(0.05) ? between(0, 2) : between(3, 120),
      'shop.capital_wan': Math.round(random() * 150000) / 100,
      'shop.scope': chance(0.05) ? ['wholesale'] : [pick(['retail', 'catering']), ...(chance(0.4) ? ['wholesale'] : [])],
      'shop.district': chance(0.06) ? 'hexi' : pick(['binhai', 'heping', 'nankai']),
      'shop.has_manager': chance(0.85),
      'shop.revoked_5y': refused && chance(0.3),
    }
    if (refused && facts['applicant.kind'] !== 'person' && facts['applicant.credit'] !== 'dishonest') {
      facts['shop.revoked_5y'] = true
    }
    const materials = []
    const commitments = []
    for (const m of MATERIALS) {
      if (SHARED.has(m) && !chance(0.2)) continue  // shared: usually not brought
      if (TOLERABLE.has(m) && chance(0.25)) continue
      if (COMMITTABLE.has(m) && chance(0.35)) {
        if (chance(0.8)) commitments.push(m)
        continue
      }
      if (chance(0.025)) {
        if (chance(0.3)) commitments.push(m)  // a commitment the material does not allow
        continue
      }
      materials.push(m)
    }
    if (chance(0.3)) commitments.push('c04')
    if (chance(0.4)) commitments.push('c06')
    if (chance(0.75)) commitments.push('tolerance-letter')
    const day = new Date(Date.UTC(2026, 0, 5) + between(0, 300) * 86400000)
    lines.push(JSON.stringify({
      application: {
        item: 'PEER-0001',
        submitted_on: day.toISOString().slice(0, 10),
        facts,
        materials,
        commitments,
      },
    }))
  }
  return lines.join('\n') + '\n'
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const arg = (name, fallback) => {
    const i = process.argv.indexOf(name)
    return i > 0 ? process.argv[i + 1] : fallback
  }
  const count = Number(arg('--count', '1000'))
  const seed = Number(arg('--seed', '20261201'))
  const text = generate(count, seed)
  const out = arg('--out', null)
  if (out) writeFileSync(out, text)
  else process.stdout.write(text)
}
