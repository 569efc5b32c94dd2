#pragma once
// Errors are values: a result is either a value or every problem found, each with a JSON pointer.
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace smp {

struct Diagnostic {
  std::string pointer;  ///< escaped JSON pointer, "" for the whole document
  std::string code;     ///< stable machine code, e.g. "unknown_key", "out_of_range"
  std::string message;  ///< human text (English for config; localized for answers)
};
using Diagnostics = std::vector<Diagnostic>;

/// `<pointer>: <message>` as printed by the CLI (pointer "" prints as "/").
std::string format_diagnostic(const Diagnostic& diagnostic);

/// A value or the diagnostics that prevented it.
template <class T>
struct Result {
  std::optional<T> value;
  Diagnostics errors;
  bool ok() const { return value.has_value() && errors.empty(); }
};

/// Escapes one reference token for a JSON pointer (`~` -> `~0`, `/` -> `~1`).
std::string escape_pointer_token(const std::string& token);

}  // namespace smp
