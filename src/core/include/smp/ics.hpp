#pragma once
// The plan as an iCalendar file (RFC 5545): sessions, patch test, key aftercare milestones and
// the touch-up reminder, as all-day events with UIDs unique to the plan, CRLF line ends and folded
// lines.
#include <string>

#include "smp/config.hpp"
#include "smp/consultation.hpp"
#include "smp/messages.hpp"

namespace smp {

/// iCalendar text for the consultation's plan; "" when the plan has no dated events.
std::string plan_to_ics(const Consultation& consultation, const Config& config,
                        const Messages& messages, const IcsStamp& stamp = {});

/// Folds one content line to ≤ 75 octets per physical line (UTF-8 safe), CRLF-terminated.
std::string fold_ics_line(const std::string& line);
/// Escapes TEXT values (backslash, semicolon, comma, newline).
std::string escape_ics_text(const std::string& text);

}  // namespace smp
