// The start page of run.mjs's loads without DevTools, served from another site (localhost) than
// the page under test (127.0.0.1): once the browser has finished starting (1.5 s), it opens
// ?to=<url>, which gets a fresh renderer process, as a visitor arriving from another site does.
setTimeout(() => location.replace(new URLSearchParams(location.search).get('to')), 1500)
