#pragma once
// CSV for the clinic's CRM (RFC 4180), safe to open in a spreadsheet.
#include <string>
#include <string_view>
#include <vector>

namespace smp::server {

/// One CSV field: quoted when needed; a leading = + - @ (a spreadsheet formula) is defused
/// with a leading apostrophe.
std::string csv_field(std::string_view value);
/// A CSV record ending in CRLF.
std::string csv_row(const std::vector<std::string>& fields);

}  // namespace smp::server
