// Native evaluate latency: median microseconds per result over the scenario fixtures and a
// generated grid of answers. Usage: evaluate_bench [ROUNDS]. A figure for notes, not a test.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <vector>

#include "smp/consultation.hpp"
#include "smp/json_text.hpp"

int main(int argc, char** argv) {
  const int rounds = argc > 1 ? std::max(1, std::atoi(argv[1])) : 20;
  const smp::Config config = smp::default_config();
  const smp::Date today = *smp::parse_date("2025-06-01");
  // A grid that exercises every package and most rules.
  std::vector<nlohmann::json> inputs;
  const char* stages[] = {"II", "III", "III_VERTEX", "IV", "V", "VI", "VII"};
  const char* looks[] = {"shaved", "keep_length"};
  const char* flags[] = {"", "blood_thinners_or_bleeding_disorder", "pigment_or_ink_reaction",
                         "pregnant_or_breastfeeding", "keloid_prone"};
  for (const char* stage : stages) {
    for (const char* look : looks) {
      for (const char* flag : flags) {
        nlohmann::json a = {{"age", 35},
                            {"sex", "male"},
                            {"pattern", {{"scale", "norwood"}, {"stage", stage}}},
                            {"desired_look", look},
                            {"scars", {{{"type", "fue_dots"}, {"healed_since", "2020-01-01"}}}}};
        if (*flag) a["medical"][flag] = true;
        inputs.push_back(a);
      }
    }
  }
  std::vector<double> per_result_us;
  for (int round = 0; round < rounds; ++round) {
    const auto start = std::chrono::steady_clock::now();
    size_t bytes = 0;
    for (const auto& a : inputs) {
      auto result = smp::evaluate_json(a, config, today, true, "en");
      bytes += smp::dump_json(*result.value).size();
    }
    const auto elapsed = std::chrono::steady_clock::now() - start;
    per_result_us.push_back(std::chrono::duration<double, std::micro>(elapsed).count() /
                            double(inputs.size()));
    if (bytes == 0) return 1;
  }
  std::sort(per_result_us.begin(), per_result_us.end());
  std::printf(
      "evaluate (parse answers + screen + estimate + plan + result JSON + dump): "
      "median %.1f us per result over %zu inputs x %d rounds\n",
      per_result_us[per_result_us.size() / 2], inputs.size(), rounds);
  return 0;
}
