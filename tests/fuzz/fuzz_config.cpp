// Clinic configs: any text either validates or yields pointer diagnostics, and a valid config
// evaluates the default answers and renders its public part.
#include "fuzz_support.hpp"
#include "smp/config.hpp"
#include "smp/consultation.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto parsed = smp::parse_config_text(smp::fuzz::as_text(data, size));
  if (!parsed.ok()) {
    smp::fuzz::require(!parsed.errors.empty(), "a rejected config says why");
    for (const auto& d : parsed.errors) {
      smp::fuzz::require(d.pointer.empty() || d.pointer[0] == '/', "pointers are JSON pointers",
                         d.pointer);
    }
    return 0;
  }
  (void)smp::public_config_json(*parsed.value);
  const nlohmann::json answers = {{"age", 40}, {"pattern", {{"scale", "norwood"}, {"stage", "V"}}}};
  const auto result =
      smp::evaluate_json(answers, *parsed.value, smp::fuzz::reference_date(), false, "en");
  if (result.ok()) smp::fuzz::check_dates(*result.value);
  return 0;
}
