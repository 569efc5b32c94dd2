// Drives <smp-consultation> as a visitor would: reads the visible question, answers it from a
// scenario's answers through the real controls, presses Next. Playwright's CSS locators pierce
// the open shadow root.
const W = 'smp-consultation'

export async function waitReady(page) {
  await page.locator(`${W} [data-action="start"]`).waitFor({ state: 'visible', timeout: 20000 })
}

/** Sets the widget's date (scenarios are dated) and presses Start. */
export async function start(page, { today } = {}) {
  await waitReady(page)
  if (today) {
    await page.evaluate(([sel, day]) => document.querySelector(sel).setAttribute('today', day), [W, today])
  }
  await page.locator(`${W} [data-action="start"]`).click()
  await page.locator(`${W} [data-question]`).first().waitFor()
}

function valueAt(doc, pointer) {
  let node = doc
  for (const token of pointer.slice(1).split('/')) {
    if (node === null || typeof node !== 'object' || !(token in node)) return undefined
    node = node[token]
  }
  return node
}

async function currentQuestion(page) {
  const q = page.locator(`${W} fieldset[data-question]`).first()
  await q.waitFor()
  return { locator: q, id: await q.getAttribute('data-question'), kind: await q.getAttribute('data-kind') }
}

const POINTERS = {
  dob: '/dob', sex: '/sex', fitzpatrick: '/fitzpatrick', pattern_scale: '/pattern/scale', norwood_stage: '/pattern/stage',
  ludwig_stage: '/pattern/stage', diffuse_extent: '/pattern/extent', cause: '/cause', alopecia_last_change: '/alopecia_last_change',
  desired_look: '/desired_look', last_hair_transplant: '/last_hair_transplant', scars: '/scars', requested_start: '/requested_start',
  chemotherapy: '/medical/chemotherapy', chemotherapy_end: '/medical/chemotherapy_end', diabetes: '/medical/diabetes',
  skin_cancer: '/medical/skin_cancer', isotretinoin_last_dose: '/medical/isotretinoin_last_dose',
}
const pointerOf = (id) => POINTERS[id] || `/medical/${id}`
const HEALTH_CHOICES = new Set(['chemotherapy', 'diabetes', 'skin_cancer'])

async function choose(question, value) {
  await question.locator('label.choice').filter({ has: question.page().locator(`input[value="${String(value)}"]`) }).first().click()
}

/** Answers one question (its fieldset `q`) from `answers` with mouse/touch-style clicks. */
async function answerQuestion(q, id, kind, answers) {
  const value = valueAt(answers, pointerOf(id))
  if (id === 'dob') {
    if (answers.dob) await q.locator('input[type="date"]').fill(answers.dob)
    else if (answers.age !== undefined) {
      await q.locator('button.link').click()
      await q.locator('input[type="number"]').fill(String(answers.age))
    }
  } else if (kind === 'scar_list') {
    for (const [index, scar] of (Array.isArray(value) ? value : []).entries()) {
      await q.locator('[data-action="add-scar"]').click()
      const item = q.locator('fieldset.scar').nth(index)
      await choose(item, scar.type)
      if (scar.healed_since) await item.locator('input[type="date"]').fill(scar.healed_since)
      if (scar.raised_or_red) await item.locator('input[type="checkbox"]').check()
    }
  } else if (kind === 'date') {
    if (value === 'unsure') await q.locator('[data-action="not-sure"]').click()
    else if (value !== undefined) await q.locator('input[type="date"]').fill(value)
    // An omitted health date means "never" (SPEC §3): its skip button says so. Moving on
    // without an answer would mean "not sure" (SPEC §8).
    else if (id === 'isotretinoin_last_dose' && (await q.locator('[data-action="skip"]').getAttribute('aria-pressed')) !== 'true') {
      await q.locator('[data-action="skip"]').click()
    }
  } else if (kind === 'yes_no') {
    await choose(q, value === 'unsure' ? 'unsure' : value === true ? 'true' : 'false')
  } else if (value !== undefined) {
    await choose(q, value)
  } else if (HEALTH_CHOICES.has(id)) {
    await choose(q, 'none')  // an omitted key means "no" (SPEC §3), so a visitor answers No
  }
}

/** Answers every question of the visible screen (a follow-up that appears on it too) and returns
 * the screen's first question id. */
export async function answerCurrent(page, answers, { keyboard = false } = {}) {
  const { id: first } = await currentQuestion(page)
  const done = new Set()
  for (let i = 0; i < 20; i += 1) {
    // The screen may have moved on (a skip alone on its screen) or drawn a follow-up.
    const ids = await page.evaluate((sel) => [...(document.querySelector(sel)?.shadowRoot?.querySelectorAll('fieldset[data-question]') || [])].map((f) => [f.dataset.question, f.dataset.kind]), W)
    if (!ids.length || ids[0][0] !== first) break
    const todo = ids.find(([id]) => !done.has(id))
    if (!todo) break
    const [id, kind] = todo
    done.add(id)
    await answerQuestion(page.locator(`${W} fieldset[data-question="${id}"]`), id, kind, answers)
  }
  if (keyboard) return first
  return first
}

export async function next(page) {
  await page.locator(`${W} [data-action="next"]`).click()
}

/** Answers every question in order and returns the ids asked; stops at the result (bounded). */
export async function answerAll(page, answers, { onStep, onShow } = {}) {
  const asked = []
  for (let step = 0; step < 40; step += 1) {
    if (await page.locator(`${W} article.result`).count()) return asked
    if (onShow) await onShow(step)
    const id = await answerCurrent(page, answers)
    asked.push(id)
    if (onStep) await onStep(id, step)
    const before = id
    // A skip or "not sure" button has already moved the quiz on.
    if (await page.locator(`${W} fieldset[data-question="${id}"]`).count()) await next(page)
    // Wait for either the next question or the result.
    await page.waitForFunction(
      ([sel, prev]) => {
        const root = document.querySelector(sel)?.shadowRoot
        if (!root) return false
        if (root.querySelector('article.result')) return true
        const q = root.querySelector('fieldset[data-question]')
        return (q && q.dataset.question !== prev) || root.querySelector('.question .error:not(:empty)')
      },
      [W, before],
      { timeout: 10000 },
    )
    const error = page.locator(`${W} fieldset[data-question="${before}"] .error`)
    if ((await error.count()) && (await error.first().textContent())) {
      throw new Error(`question ${before}: ${await error.first().textContent()}`)
    }
  }
  throw new Error(`no result after 40 steps (asked ${asked.join(', ')})`)
}

/** What the result page shows: verdict, reason codes, price text, dated sessions. */
export async function readResult(page) {
  const result = page.locator(`${W} article.result`)
  await result.waitFor()
  await page.waitForFunction((sel) => document.querySelector(sel).shadowRoot.querySelector('.live')?.textContent, W)
  return page.evaluate((sel) => {
    const root = document.querySelector(sel).shadowRoot
    const article = root.querySelector('article.result')
    return {
      verdict: article.dataset.verdict,
      headline: article.querySelector('.verdict h2')?.textContent,
      reasons: [...article.querySelectorAll('[data-reason]')].map((li) => li.dataset.reason),
      reasonTexts: [...article.querySelectorAll('[data-reason]')].map((li) => li.textContent),
      price: article.querySelector('[data-price]')?.textContent ?? null,
      estimate: article.querySelector('.estimate') ? { low: Number(article.querySelector('.estimate').dataset.low), high: Number(article.querySelector('.estimate').dataset.high) } : null,
      sessions: [...article.querySelectorAll('.session time')].map((t) => t.getAttribute('datetime')),
      sessionTexts: [...article.querySelectorAll('.session time')].map((t) => t.textContent),
      pending: Boolean(article.querySelector('[data-pending]')),
      touchUpYear: article.querySelector('[data-touch-up-year]')?.dataset.touchUpYear ?? null,
      live: root.querySelector('.live')?.textContent,
    }
  }, W)
}
