#pragma once
// Dates written out for people ("March 12, 2027", "Tue, June 10, 2025"), in the catalogue's
// words for each locale: one place for the widget's headline, the email and the CLI.
#include <string>

#include "smp/date.hpp"

namespace smp {

class Messages;

/// The date as the locale writes it in running text (`date.long` with `date.month.<1-12>`).
std::string long_date(Date date, const Messages& messages);

/// The date with its weekday (`date.weekday_long`, `date.weekday.<1-7>`, Monday = 1), as the
/// clinic's email shows session and care dates. Its texts are email texts (empty in the wasm).
std::string weekday_date(Date date, const Messages& messages);

}  // namespace smp
