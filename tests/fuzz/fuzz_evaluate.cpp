// Answers through the whole core: parse, screen, estimate, plan, result JSON, .ics and the
// result's preview (well-formed start, at most 12 KB). The input
// is either answers, or a scenario fixture ({today, answers, config}) so the seeds reach deep.
#include "fuzz_support.hpp"
#include "smp/config.hpp"
#include "smp/consultation.hpp"
#include "smp/json_text.hpp"
#include "smp/preview.hpp"
#include "smp/questions.hpp"

namespace {

void check_result(const nlohmann::json& result) {
  using smp::fuzz::require;
  smp::fuzz::check_dates(result);
  const auto& estimate = result["estimate"];
  if (estimate.is_object()) {
    require(estimate["low"].get<long long>() <= estimate["high"].get<long long>(), "low <= high");
    for (const auto& line : estimate["lines"]) {
      require(line["low"].get<long long>() <= line["high"].get<long long>(), "line low <= high");
    }
  }
  const auto& plan = result["plan"];
  if (!plan.is_object()) return;
  std::optional<smp::Date> previous;
  for (const auto& session : plan["sessions"]) {
    if (!session.contains("date")) continue;
    const auto date = smp::parse_date(session["date"].get<std::string>());
    require(date.has_value(), "session dates are dates");
    require(!previous || *date > *previous, "sessions never go backwards",
            session["date"].get<std::string>());
    previous = date;
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto document = smp::parse_json_text(smp::fuzz::as_text(data, size));
  if (!document.ok()) return 0;
  const nlohmann::json& input = *document.value;
  nlohmann::json answers = input;
  smp::Config config = smp::default_config();
  smp::Date today = smp::fuzz::reference_date();
  if (input.is_object() && input.contains("answers")) {
    answers = input["answers"];
    if (const auto it = input.find("config"); it != input.end()) {
      auto parsed = smp::parse_config(*it);
      if (parsed.ok()) config = std::move(*parsed.value);
    }
    if (const auto it = input.find("today"); it != input.end() && it->is_string()) {
      if (const auto date = smp::parse_date(it->get<std::string>())) today = *date;
    }
  }
  for (const char* locale : {"en", "es"}) {
    const auto result = smp::evaluate_json(answers, config, today, false, locale);
    if (result.ok()) check_result(*result.value);
    (void)smp::questions_json(answers, config, locale, today);
  }
  (void)smp::evaluate_ics(answers, config, today, "en");
  for (const char* view : {"top", "front"}) {
    for (const char* state : {"today", "smp"}) {
      const nlohmann::json preview = smp::preview_json(
          answers, {{"view", view}, {"state", state}, {"style", "defined"}}, config, "en");
      if (!preview["ok"].get<bool>()) continue;
      const std::string& svg = preview["svg"].get_ref<const std::string&>();
      smp::fuzz::require(svg.rfind("<svg ", 0) == 0 && svg.size() <= 12 * 1024,
                         "a preview is one SVG of at most 12 KB", std::to_string(svg.size()));
    }
  }
  return 0;
}
