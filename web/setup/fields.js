// The studio's form: which config keys each section shows and with what control. Only layout:
// defaults, allowed names and package ids come from the core (defaults.json), every check from
// its validateConfig.

const text = (pointer, extra = {}) => ({ pointer, kind: 'text', ...extra })
const number = (pointer) => ({ pointer, kind: 'number' })
const choice = (pointer) => ({ pointer, kind: 'select' })
const toggle = (pointer) => ({ pointer, kind: 'checkbox' })
const lines = (pointer) => ({ pointer, kind: 'lines' })

export const THEME_COLOURS = ['accent', 'accent_contrast', 'background', 'surface', 'text', 'muted', 'danger', 'success']

export const SECTIONS = [
  {
    id: 'clinic',
    fields: [
      text('/clinic/name'),
      text('/clinic/email', { type: 'email' }),
      text('/clinic/phone', { type: 'tel' }),
      text('/clinic/address'),
      { pointer: '/clinic/timezone', kind: 'timezone' },
      text('/clinic/privacy_url', { type: 'url' }),
      text('/clinic/booking_url', { type: 'url' }),
      { pointer: '/clinic/practitioner_copy', kind: 'textarea' },
    ],
  },
  {
    id: 'locales',
    fields: [choice('/locales/default'), { pointer: '/locales/available', kind: 'set' }],
  },
  {
    id: 'screening',
    fields: [
      number('/screening/min_age'),
      toggle('/screening/allow_minor_with_guardian_consent'),
      { ...choice('/screening/keloid_policy'), consequences: true },
      { ...choice('/screening/chronic_controlled_policy'), consequences: true },
      { ...choice('/screening/diabetes_policy'), consequences: true },
      number('/screening/chemo_wait_months'),
      number('/screening/scar_maturity_months'),
      number('/screening/alopecia_stable_months'),
      number('/screening/isotretinoin_wait_months'),
    ],
  },
  {
    id: 'sessions',
    fields: [
      number('/sessions/interval_days'),
      number('/sessions/max'),
      number('/sessions/booking_lead_days'),
      number('/sessions/planned_default'),
      { pointer: '/sessions/open_weekdays', kind: 'set' },
      { pointer: '/sessions/closed_dates', kind: 'closed-dates' },
    ],
  },
  {
    id: 'pricing',
    fields: [
      choice('/pricing/model'),
      { pointer: '/pricing/currency', kind: 'datalist' },
      number('/pricing/round_to'),
      number('/pricing/per_session_rate/0'),
      number('/pricing/per_session_rate/1'),
      number('/pricing/scar_addon_factor'),
      number('/pricing/consultation_fee'),
      { pointer: '/pricing/deposit', kind: 'deposit' },
      number('/pricing/touch_up_price/0'),
      number('/pricing/touch_up_price/1'),
      { pointer: '/pricing/packages', kind: 'packages' },
      { pointer: '/pricing/per_stage', kind: 'per-stage' },
    ],
  },
  {
    id: 'precare',
    fields: [
      choice('/precare/wash'),
      number('/precare/substances_days_before'),
      number('/precare/sun_chemicals_days_before'),
      number('/precare/shave_days_before'),
      number('/precare/patch_test_days_before'),
    ],
  },
  {
    id: 'aftercare',
    fields: ['shaving', 'washing_shampoo', 'creams_moisturiser', 'vigorous_exercise', 'hot_showers', 'picking', 'pools_sauna_tanning', 'direct_sun'].map((key) =>
      number(`/aftercare/${key}`),
    ),
  },
  {
    id: 'touch_up',
    // The built-in longevity text is shown beside each (copy key longevity.copy).
    fields: [number('/touch_up/interval_years'), { pointer: '/longevity/copy/en', kind: 'textarea', builtin: 'longevity.copy' }, { pointer: '/longevity/copy/es', kind: 'textarea', builtin: 'longevity.copy' }],
  },
  { id: 'copy', fields: [{ pointer: '/copy', kind: 'copy' }] },
  {
    id: 'lead',
    fields: [
      text('/lead/endpoint'),
      text('/lead/fallback_email', { type: 'email' }),
      text('/lead/to', { type: 'email' }),
      text('/lead/from', { type: 'email' }),
      choice('/lead/phone'),
      toggle('/lead/marketing_opt_in'),
      toggle('/lead/confirm_to_visitor'),
      lines('/lead/allowed_origins'),
      lines('/lead/frame_ancestors'),
      number('/lead/min_fill_seconds'),
      number('/lead/rate_limit_per_minute'),
      text('/lead/smtp_url'),
      lines('/lead/trusted_proxies'),
    ],
  },
  {
    id: 'theme',
    fields: [...THEME_COLOURS.map((key) => ({ pointer: `/theme/${key}`, kind: 'colour' })), text('/theme/font'), text('/theme/radius')],
  },
]

/** The package table's columns: pointer suffixes below /pricing/packages/<id>. */
export const PACKAGE_COLUMNS = ['low', 'high', 'sessions/min', 'sessions/max', 'hours/min', 'hours/max']
