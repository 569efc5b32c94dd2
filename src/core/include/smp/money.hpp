#pragma once
// Money as the visitor, the printout and the clinic's email show it (SPEC §8 "One display
// rounding"): the core rounds and formats once, every channel prints the same text.
#include <string>

namespace smp {

class Messages;

/// An amount rounded to the nearest `round_to` (halves up), the display rule of DOMAIN 3.6.5.
long long round_for_display(long long amount, int round_to);

/// An exact amount as text in the messages' locale: "$1,450", "1.450 US$", "CHF 1,450".
std::string format_money(long long amount, const std::string& currency, const Messages& messages);

/// "low – high" as text, both ends already rounded by the caller.
std::string format_money_range(long long low, long long high, const std::string& currency,
                               const Messages& messages);

}  // namespace smp
