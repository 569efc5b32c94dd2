// Dates in visitor-facing text: the pattern and the month and weekday names are catalogue texts,
// so each locale (and a clinic's copy) decides the order and the words.
#include "smp/date_text.hpp"

#include "smp/messages.hpp"

namespace smp {
namespace {

MessageParams date_params(Date date, const Messages& messages) {
  const auto month = static_cast<unsigned>(date.month());
  return {{"day", std::to_string(static_cast<unsigned>(date.day()))},
          {"month", messages.text("date.month." + std::to_string(month))},
          {"year", std::to_string(static_cast<int>(date.year()))}};
}

}  // namespace

std::string long_date(Date date, const Messages& messages) {
  return messages.text("date.long", date_params(date, messages));
}

std::string weekday_date(Date date, const Messages& messages) {
  MessageParams params = date_params(date, messages);
  params.emplace_back("weekday",
                      messages.text("date.weekday." + std::to_string(weekday_index(date) + 1)));
  return messages.text("date.weekday_long", params);
}

}  // namespace smp
