// Dates in visitor-facing text: the pattern and the month names are catalogue texts, so each
// locale (and a clinic's copy) decides the order and the words.
#include "smp/date_text.hpp"

#include "smp/messages.hpp"

namespace smp {

std::string long_date(Date date, const Messages& messages) {
  const auto month = static_cast<unsigned>(date.month());
  return messages.text("date.long",
                       {{"day", std::to_string(static_cast<unsigned>(date.day()))},
                        {"month", messages.text("date.month." + std::to_string(month))},
                        {"year", std::to_string(static_cast<int>(date.year()))}});
}

}  // namespace smp
