// Who the visitor deals with: the clinic's name, practitioner text and contact details (from the
// core's publicConfig) on the intro, result and lead steps and on the printout with the
// consultation date; a relative booking_url gives a working Book button.
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { test } from 'node:test'

import { openPage, screenshot } from './helpers/browser.mjs'
import { root } from './helpers/server.mjs'
import { useDemoSite } from './helpers/site.mjs'
import { answerAll, readResult, start, waitReady } from './helpers/widget.mjs'

const W = 'smp-consultation'
const site = useDemoSite({ browser: {} })
const PRACTITIONER = 'Every treatment is performed by Dana Reyes, certified SMP artist since 2014.'

function clinicConfig(clinic) {
  const config = JSON.parse(readFileSync(path.join(root, 'web/demo/clinic.json'), 'utf8'))
  config.clinic = { ...config.clinic, ...clinic }
  return JSON.stringify(config)
}

async function openWith(clinic) {
  const { page, problems } = await openPage(site.context, `${site.url}/`)
  await waitReady(page)
  await page.evaluate(([sel, json]) => document.querySelector(sel).setAttribute('config-json', json), [W, clinicConfig(clinic)])
  await waitReady(page)
  return { page, problems }
}

const VISITOR = { dob: '1985-03-14', sex: 'male', pattern: { scale: 'norwood', stage: 'III' }, desired_look: 'shaved', fitzpatrick: 3 }

async function clinicShown(page, scope) {
  return page.evaluate(([sel, where]) => {
    const card = document.querySelector(sel).shadowRoot.querySelector(`${where} [part="clinic"]`)
    if (!card) return null
    const field = (key) => card.querySelector(`[data-clinic="${key}"]`)
    return {
      name: field('name')?.textContent,
      practitioner: field('practitioner')?.textContent,
      phone: field('phone')?.textContent,
      phoneHref: field('phone')?.querySelector('a')?.getAttribute('href'),
      email: field('email')?.querySelector('a')?.getAttribute('href'),
      address: field('address')?.textContent,
    }
  }, [W, scope])
}

test('the clinic is named with its practitioner and contact on intro, result and lead steps', async () => {
  const { page, problems } = await openWith({ practitioner_copy: PRACTITIONER })
  assert.equal(await page.locator(`${W} .intro [data-clinic="practitioner"]`).textContent(), PRACTITIONER)
  await start(page, { today: '2025-06-01' })
  await answerAll(page, VISITOR)
  await readResult(page)
  const expected = {
    name: 'Harbor Line Scalp Studio',
    practitioner: PRACTITIONER,
    phone: '+1 512 555 0142',
    phoneHref: 'tel:+15125550142',
    email: 'mailto:hello@harborline-smp.example',
    address: '418 Congress Ave, Suite 210, Austin, TX 78701',
  }
  assert.deepEqual(await clinicShown(page, 'article.result'), expected)
  assert.match(await page.locator(`${W} article.result [data-prepared]`).textContent(), /^Prepared by Harbor Line Scalp Studio on Sun, June 1, 2025$/)
  await screenshot(page, 'identity-result', { fullPage: true })

  await page.locator(`${W} [data-action="send"]`).click()
  await page.locator(`${W} form.lead-form`).waitFor()
  assert.deepEqual(await clinicShown(page, '[part="lead"]'), expected)
  assert.deepEqual(problems.pageErrors, [])
  await page.close()
})

test('the printout carries the clinic, its contact and the consultation date', async () => {
  const { page } = await openWith({ practitioner_copy: PRACTITIONER })
  await start(page, { today: '2025-06-01' })
  await answerAll(page, VISITOR)
  await readResult(page)
  await page.emulateMedia({ media: 'print' })
  const printed = await page.evaluate((sel) => {
    const article = document.querySelector(sel).shadowRoot.querySelector('article.result')
    const shown = (el) => Boolean(el) && el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden'
    return {
      clinic: shown(article.querySelector('[part="clinic"]')) ? article.querySelector('[part="clinic"]').innerText : null,
      prepared: shown(article.querySelector('[data-prepared]')) ? article.querySelector('[data-prepared]').innerText : null,
      actions: shown(article.querySelector('[part="actions"]')),
    }
  }, W)
  await screenshot(page, 'identity-print', { fullPage: true })
  assert.equal(printed.actions, false, 'buttons are not printed')
  assert.match(printed.prepared ?? '', /Harbor Line Scalp Studio on Sun, June 1, 2025/)
  for (const part of ['Harbor Line Scalp Studio', PRACTITIONER, '+1 512 555 0142', 'hello@harborline-smp.example', '418 Congress Ave']) {
    assert.ok((printed.clinic ?? '').includes(part), `printout shows ${part}: ${printed.clinic}`)
  }
  await page.close()
})

test('regression: a relative booking_url ("/book") gives a Book button resolved against the host page', async () => {
  const { page } = await openWith({ booking_url: '/book' })
  await start(page, { today: '2025-06-01' })
  await answerAll(page, VISITOR)
  await readResult(page)
  const book = page.locator(`${W} article.result a[data-action="book"]`)
  assert.equal(await book.count(), 1)
  assert.equal(await book.getAttribute('href'), `${site.url}/book`)
  await page.close()
})
