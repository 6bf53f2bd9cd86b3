// PEER-0001 (rules/peer/items/peer-licence.yaml) as one JSONLogic rule.
// JSONLogic has no variables and its map/filter cannot see the data outside
// the element, so the rule is unrolled per material and shared parts repeat;
// it is built here by a few helpers rather than typed as 600 lines of JSON
// (`node jsonlogic/item.mjs` prints it). Data: {applicant, premises, shop}
// (facts nested by path), materials, commitments. Result:
// [outcome, [missing ids in item order]].
const v = (path) => ({ var: path })
const not = (x) => ({ '!': x })
const and = (...xs) => ({ and: xs })
const or = (...xs) => ({ or: xs })
const has = (id, list) => ({ in: [id, v(list)] })
const is = (path, value) => ({ '===': [v(path), value] })

// m03 and m04 are shared (数据共享) and never asked, so they are not listed.
const MATERIALS = ['m01', 'm02', 'm05', 'm06', 'm07', 'm08', 'm09', 'm10', 'm11', 'm12',
  'm13', 'm14', 'm15', 'm16', 'm17', 'm18', 'm19', 'm20']
const TOLERABLE = ['m10', 'm11', 'm12']
const COMMITTABLE = ['m13', 'm14']
const REQUIRED = {
  m15: v('applicant.uses_agent'),
  m16: is('shop.type', 'catering'),
  m17: or({ '>': [v('shop.staff'), 50] }, { '>=': [v('shop.capital_wan'), 1000] }),
}

/** Required, not submitted, not replaced by an allowed commitment. */
function gap(id) {
  const parts = [not(has(id, 'materials'))]
  if (REQUIRED[id]) parts.push(REQUIRED[id])
  if (COMMITTABLE.includes(id)) parts.push(not(has(id, 'commitments')))
  return and(...parts)
}
const gaps = (ids) => ({ merge: ids.map((id) => ({ if: [gap(id), [id], []] })) })
const tolerableGaps = { '+': TOLERABLE.map((id) => ({ if: [gap(id), 1, 0] })) }

// 容缺: good credit, no false commitment, 1 or 2 tolerable gaps, letter signed.
const tolerated = and(
  { '>': [tolerableGaps, 0] },
  is('applicant.credit', 'good'),
  not(v('applicant.false_commitment')),
  { '<=': [tolerableGaps, 2] },
  has('tolerance-letter', 'commitments'),
)
const missing = {
  if: [tolerated, gaps(MATERIALS.filter((id) => !TOLERABLE.includes(id))), gaps(MATERIALS)],
}
// c01-c03 refuse.
const refused = or(
  is('applicant.credit', 'dishonest'),
  not({ in: [v('applicant.kind'), ['enterprise', 'individual_business']] }),
  v('shop.revoked_5y'),
)
// c04-c10 ask for a supplement. c04 and c06 allow 告知承诺, but a commitment
// replaces proof, not a stated failing fact (issue #12): every fact is stated
// here, so the facts alone decide them.
const incomplete = or(
  { '!!': [missing] },
  not({ '>=': [v('premises.area_m2'), 10] }),
  not({ '<=': [3, v('shop.staff'), 500] }),
  not(v('shop.has_manager')),
  not(or({ in: ['catering', v('shop.scope')] }, { in: ['retail', v('shop.scope')] })),
  not({ in: [v('shop.district'), ['binhai', 'heping', 'nankai']] }),
  not(or(not(v('premises.residential')), v('premises.neighbours_agree'))),
  not(or({ '!==': [v('shop.type'), 'catering'] }, { '>=': [v('premises.area_m2'), 20] })),
)

export const rule = [
  { if: [refused, 'reject', incomplete, 'supplement', tolerated, 'accept_with_deficiency', 'accept'] },
  missing,
]

if (import.meta.url === `file://${process.argv[1]}`) console.log(JSON.stringify(rule, null, 1))
