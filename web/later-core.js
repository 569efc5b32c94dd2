// The Emscripten glue of smp-later.wasm (the core's steps after the questions), a file of its own
// so that smp-consult.js does not carry it: core-loader.js import()s it with later-steps.js.
export { default } from './smp-later.mjs'
