#pragma once
// Parsing untrusted JSON text without exceptions: a value, or one diagnostic saying where and why.
#include <nlohmann/json.hpp>
#include <string_view>

#include "smp/diagnostic.hpp"

namespace smp {

/// Deepest nesting accepted; real documents need < 10 and deep input is an attack.
inline constexpr int kMaxJsonDepth = 64;

/// Parses JSON text; on failure one Diagnostic {"", "invalid_json", "invalid JSON: …"}.
Result<nlohmann::json> parse_json_text(std::string_view text);

/// Compact JSON text that never throws (invalid UTF-8 is replaced).
std::string dump_json(const nlohmann::json& value, int indent = -1);

}  // namespace smp
