// --post-js for smp_wasm: the core's functions on the module object, with the signatures the
// Embind build had (strings in, string out). Arguments are copied into the wasm heap as UTF-8 with
// the glue's own encoder (as Embind did) and freed after the call; the answer is read from the
// core's result buffer.
function smpBind(fn, count) {
  return function () {
    if (arguments.length !== count) throw new TypeError('expected ' + count + ' arguments, got ' + arguments.length)
    var wired = []
    try {
      for (var i = 0; i < count; i++) {
        var value = arguments[i]
        if (typeof value !== 'string') throw new TypeError('Cannot pass non-string to std::string')
        var size = lengthBytesUTF8(value)
        var ptr = _malloc(size + 1)
        stringToUTF8(value, ptr, size + 1)
        wired.push(ptr, size)
      }
      var out = fn.apply(null, wired)
      var bytes = HEAPU8.subarray(out, out + _smp_result_size())
      return UTF8Decoder.decode(bytes)
    } finally {
      for (var j = 0; j < wired.length; j += 2) _free(wired[j])
    }
  }
}
Module['version'] = smpBind(_smp_version, 0)
Module['validateConfig'] = smpBind(_smp_validate_config, 1)
Module['questions'] = smpBind(_smp_questions, 4)
Module['evaluate'] = smpBind(_smp_evaluate, 4)
Module['planIcs'] = smpBind(_smp_plan_ics, 4)
Module['validateLead'] = smpBind(_smp_validate_lead, 4)
Module['messages'] = smpBind(_smp_messages, 2)
Module['publicConfig'] = smpBind(_smp_public_config, 1)
