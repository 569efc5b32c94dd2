// One question as accessible form controls, built from the core's question JSON. Every value
// written goes to the question's JSON pointer; texts, options and limits all come from the core.
import { h, uid } from './dom.js'
import { getAt } from './answers.js'

const same = (a, b) => a !== undefined && String(a) === String(b)

function optionsOf(q, t) {
  if (Array.isArray(q.options) && q.options.length > 0) return q.options
  if (q.kind === 'yes_no') {
    return [
      { value: true, label: t('ui.yes') },
      { value: false, label: t('ui.no') },
    ]
  }
  return []
}

function choice(type, name, option, checked, onchange, extra) {
  const helpId = option.help ? uid('opt-help') : null
  const input = h('input', {
    type,
    name,
    value: String(option.value),
    'aria-describedby': helpId,
    onchange,
  })
  input.checked = checked
  return h(
    'label',
    { class: 'choice', part: 'choice' },
    input,
    h(
      'span',
      { class: 'card' },
      extra || null,
      h('span', { class: 'label' }, option.label ?? String(option.value)),
      option.help ? h('span', { class: 'option-help', id: helpId }, option.help) : null,
    ),
  )
}

function radios(q, ctx, current) {
  const name = uid(`q-${q.id}`)
  const list = optionsOf(q, ctx.t)
  const preselect = current === undefined && q.suggested !== undefined ? q.suggested : undefined
  const isStage = q.kind === 'stage'
  const scale = q.id === 'ludwig_stage' ? 'ludwig' : q.id === 'norwood_stage' ? 'norwood' : String(getAt(ctx.answers, '/pattern/scale') ?? '')
  const layout = isStage ? 'stages' : ctx.compact ? 'options row' : list.length === 2 ? 'options two' : 'options'
  const box = h('div', { class: layout, role: 'presentation' })
  for (const option of list) {
    box.append(
      choice(
        'radio',
        name,
        option,
        same(current, option.value) || same(preselect, option.value),
        () => ctx.onAnswer(q.pointer, option.value),
        isStage ? ctx.stageDiagram(scale, String(option.value)) : null,
      ),
    )
  }
  const commit = () => {
    if (getAt(ctx.answers, q.pointer) !== undefined) return
    const checked = box.querySelector('input:checked')
    const option = checked && list.find((o) => String(o.value) === checked.value)
    if (option) ctx.onAnswer(q.pointer, option.value)
  }
  if (isStage && ctx.onNotSure) {
    // "Not sure" is a scale answer, not a stage: it leaves this picker for the next question.
    box.append(
      h(
        'button',
        { type: 'button', class: 'choice-button', part: 'choice', 'data-action': 'not-sure', onclick: () => ctx.onNotSure() },
        ctx.stageDiagram('', 'unsure'),
        h('span', { class: 'label' }, ctx.t('ui.stage.not_sure')),
      ),
    )
  }
  return { control: isStage ? [h('p', { class: 'help small' }, ctx.t('ui.stage.hint')), box] : box, commit }
}

function dateInput(q, ctx, labelledBy, pointer = q.pointer) {
  const current = getAt(ctx.answers, pointer)
  const input = h('input', {
    type: 'date',
    min: typeof q.min === 'string' ? q.min : null,
    max: typeof q.max === 'string' ? q.max : null,
    'aria-labelledby': labelledBy,
    autocomplete: q.id === 'dob' ? 'bday' : 'off',
  })
  if (typeof current === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(current)) input.value = current
  const write = () => {
    const value = input.value
    if (/^\d{4}-\d{2}-\d{2}$/.test(value)) ctx.onAnswer(pointer, value)
    else if (value === '') ctx.onAnswer(pointer, undefined)
  }
  input.addEventListener('change', write)
  input.addEventListener('input', write)
  return input
}

function numberInput(q, ctx, labelledBy, pointer = q.pointer, min = q.min, max = q.max) {
  const current = getAt(ctx.answers, pointer)
  const input = h('input', {
    type: 'number',
    inputmode: 'numeric',
    step: 1,
    min: typeof min === 'number' ? min : null,
    max: typeof max === 'number' ? max : null,
    'aria-labelledby': labelledBy,
  })
  if (typeof current === 'number') input.value = String(current)
  input.addEventListener('input', () => {
    const text = input.value.trim()
    if (/^-?\d+$/.test(text)) ctx.onAnswer(pointer, Number.parseInt(text, 10))
    else ctx.onAnswer(pointer, undefined)
  })
  return input
}

function dobControl(q, ctx, titleId) {
  const box = h('div', { class: 'field' })
  let useAge = getAt(ctx.answers, '/age') !== undefined && getAt(ctx.answers, q.pointer) === undefined
  const draw = () => {
    const ageLabelId = uid('age-label')
    const toggle = h(
      'button',
      {
        type: 'button',
        class: 'link',
        onclick: () => {
          useAge = !useAge
          ctx.onAnswer(useAge ? q.pointer : '/age', undefined)
          draw()
          box.querySelector('input')?.focus()
        },
      },
      useAge ? ctx.t('ui.dob.use_date') : ctx.t('ui.dob.use_age'),
    )
    box.replaceChildren(
      ...(useAge
        ? [
            h('span', { class: 'label', id: ageLabelId }, ctx.t('ui.age.label')),
            numberInput(q, ctx, `${titleId} ${ageLabelId}`, '/age', q.age?.min, q.age?.max),
          ]
        : [dateInput(q, ctx, titleId)]),
      h('div', null, toggle),
    )
  }
  draw()
  return box
}

function scarList(q, ctx) {
  const box = h('div', { class: 'scar-list' })
  const types = Array.isArray(q.options) ? q.options : []
  let scars = structuredClone(getAt(ctx.answers, q.pointer) || [])
  if (!Array.isArray(scars)) scars = []
  const write = () => ctx.onAnswer(q.pointer, scars.length ? structuredClone(scars) : undefined)
  const draw = (focusIndex) => {
    const items = scars.map((scar, index) => {
      const legendId = uid('scar')
      const name = uid('scar-type')
      const typeBox = h('div', { class: 'options' })
      for (const option of types) {
        typeBox.append(
          choice('radio', name, option, same(scar.type, option.value), () => {
            scar.type = option.value
            write()
          }),
        )
      }
      const dateId = uid('scar-date')
      const date = h('input', { type: 'date', id: dateId, max: typeof q.max === 'string' ? q.max : null })
      if (typeof scar.healed_since === 'string') date.value = scar.healed_since
      date.addEventListener('change', () => {
        if (/^\d{4}-\d{2}-\d{2}$/.test(date.value)) scar.healed_since = date.value
        else delete scar.healed_since
        write()
      })
      const raisedId = uid('scar-raised')
      const raised = h('input', { type: 'checkbox', id: raisedId })
      raised.checked = scar.raised_or_red === true
      raised.addEventListener('change', () => {
        scar.raised_or_red = raised.checked
        write()
      })
      return h(
        'fieldset',
        { class: 'scar', 'aria-labelledby': legendId, dataset: { scarIndex: String(index) } },
        h('legend', { id: legendId }, ctx.t('ui.scars.item', { n: index + 1 })),
        h('fieldset', { class: 'group' }, h('legend', { class: 'label' }, ctx.t('ui.scars.type')), typeBox),
        h('div', { class: 'field' }, h('label', { for: dateId }, ctx.t('ui.scars.healed_since')), date),
        h('div', { class: 'check' }, raised, h('label', { for: raisedId }, ctx.t('ui.scars.raised_or_red'))),
        h(
          'button',
          {
            type: 'button',
            class: 'link',
            onclick: () => {
              scars.splice(index, 1)
              write()
              draw(Math.min(index, scars.length - 1))
            },
          },
          ctx.t('ui.scars.remove'),
        ),
      )
    })
    const add = h(
      'button',
      {
        type: 'button',
        class: 'secondary',
        'data-action': 'add-scar',
        onclick: () => {
          scars.push({ type: types[0]?.value ?? 'other_small', raised_or_red: false })
          write()
          draw(scars.length - 1)
        },
      },
      ctx.t('ui.scars.add'),
    )
    box.replaceChildren(...items, h('div', null, add))
    if (focusIndex !== undefined && focusIndex >= 0) box.querySelectorAll('fieldset.scar')[focusIndex]?.querySelector('input')?.focus()
  }
  draw()
  return box
}

/**
 * A question step: {element, heading, setErrors(list), commit()}.
 * ctx: {answers, t(key, params), onAnswer(pointer, value|undefined), onSkip(), onNotSure(),
 * stageDiagram(scale, stage), compact (a checklist item: an h3, its choices in a row),
 * toggles (one of several questions on a screen: skip and "not sure" are pressed states, not
 * moves), skipped (the visitor pressed skip)}; the diagrams (stage-diagrams.js) come from
 * later-steps.js, which the element has loaded before it renders a stage question.
 */
export function renderQuestion(q, ctx) {
  const titleId = uid('q-title')
  const helpId = q.help ? uid('q-help') : null
  const errorId = uid('q-error')
  const heading = h(ctx.compact ? 'h3' : 'h2', { id: titleId, tabindex: '-1', class: 'question-title', part: 'question-title' }, q.text)
  const current = getAt(ctx.answers, q.pointer)
  let control
  let commit = () => {}
  if (q.kind === 'single' || q.kind === 'yes_no' || q.kind === 'stage') {
    ;({ control, commit } = radios(q, ctx, current))
  } else if (q.kind === 'date' && q.id === 'dob') {
    control = dobControl(q, ctx, titleId)
  } else if (q.kind === 'date') {
    control = h('div', { class: 'field' }, dateInput(q, ctx, titleId))
  } else if (q.kind === 'number') {
    control = h('div', { class: 'field' }, numberInput(q, ctx, titleId))
  } else if (q.kind === 'scar_list') {
    control = scarList(q, ctx)
  } else {
    control = h('p', { class: 'muted' }, String(q.kind))
  }
  // Beside other questions, skip and "not sure" stay on the screen as pressed states.
  const pressed = (on) => (ctx.toggles ? String(Boolean(on)) : null)
  const skip =
    typeof q.skip_label === 'string' && q.skip_label
      ? h('button', { type: 'button', class: 'secondary', 'data-action': 'skip', 'aria-pressed': pressed(ctx.skipped), onclick: () => ctx.onSkip() }, q.skip_label)
      : null
  // A health question without options (a date) offers "not sure" as a button (SPEC §8).
  const unsure =
    q.kind !== 'stage' && typeof q.unsure_label === 'string' && q.unsure_label && ctx.onNotSure
      ? h('button', { type: 'button', class: 'secondary', 'data-action': 'not-sure', 'aria-pressed': pressed(current === q.unanswered_value), onclick: () => ctx.onNotSure() }, q.unsure_label)
      : null
  const error = h('div', { class: 'error', id: errorId, role: 'alert', part: 'error' })
  const element = h(
    'fieldset',
    {
      class: ctx.compact ? 'question item' : 'question',
      part: 'question',
      'data-question': q.id,
      'data-kind': q.kind,
      'aria-describedby': [helpId, errorId].filter(Boolean).join(' '),
    },
    h('legend', { class: 'question-legend' }, heading),
    q.help ? h('p', { class: 'help', id: helpId }, q.help) : null,
    control,
    skip || unsure ? h('div', { class: 'actions' }, skip, unsure) : null,
    error,
  )
  const setErrors = (messages) => {
    const text = messages.join(' ')
    if (error.textContent !== text) error.textContent = text
    for (const input of element.querySelectorAll('input:not([type="radio"]):not([type="checkbox"])')) {
      if (messages.length) input.setAttribute('aria-invalid', 'true')
      else input.removeAttribute('aria-invalid')
    }
  }
  return { element, heading, setErrors, commit }
}
