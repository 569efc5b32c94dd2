#pragma once
// Dates written out for people ("March 12, 2027"), in the catalogue's words for each locale.
#include <string>

#include "smp/date.hpp"

namespace smp {

class Messages;

/// The date as the locale writes it in running text (`date.long` with `date.month.<1-12>`).
std::string long_date(Date date, const Messages& messages);

}  // namespace smp
