// The start page of run.mjs's loads without DevTools, served from another site (localhost) than
// the page under test (127.0.0.1): once the browser has finished starting (?after=<ms>, run.mjs's
// LAUNCH_DELAY_MS), it opens ?to=<url>, which gets a fresh renderer process, as a visitor
// arriving from another site does.
const params = new URLSearchParams(location.search)
setTimeout(() => location.replace(params.get('to')), Number(params.get('after')))
