#include "smp/json_text.hpp"

#include <string>

namespace smp {
namespace {

using nlohmann::json;

// Collects the parser's own error message (position and token) without throwing.
struct ErrorOnlySax : nlohmann::json_sax<json> {
  std::string message;
  bool null() override { return true; }
  bool boolean(bool) override { return true; }
  bool number_integer(number_integer_t) override { return true; }
  bool number_unsigned(number_unsigned_t) override { return true; }
  bool number_float(number_float_t, const string_t&) override { return true; }
  bool string(string_t&) override { return true; }
  bool binary(binary_t&) override { return true; }
  bool start_object(std::size_t) override { return true; }
  bool key(string_t&) override { return true; }
  bool end_object() override { return true; }
  bool start_array(std::size_t) override { return true; }
  bool end_array() override { return true; }
  bool parse_error(std::size_t, const std::string&,
                   const nlohmann::detail::exception& error) override {
    message = error.what();
    return false;
  }
};

}  // namespace

Result<nlohmann::json> parse_json_text(std::string_view text) {
  Result<nlohmann::json> result;
  bool too_deep = false;
  const json::parser_callback_t guard = [&too_deep](int depth, json::parse_event_t, json&) {
    if (depth > kMaxJsonDepth) too_deep = true;
    return !too_deep;
  };
  json value = json::parse(text.begin(), text.end(), guard, /*allow_exceptions=*/false);
  if (too_deep) {
    result.errors.push_back({"", "invalid_json",
                             "invalid JSON: nested deeper than " + std::to_string(kMaxJsonDepth) +
                                 " levels"});
  } else if (value.is_discarded()) {
    ErrorOnlySax sax;
    json::sax_parse(text.begin(), text.end(), &sax, nlohmann::detail::input_format_t::json, true);
    std::string why = sax.message.empty() ? "syntax error" : sax.message;
    // "[json.exception.parse_error.101] parse error at line 1, column 2: …" -> "parse error at …"
    if (const auto at = why.find("] "); at != std::string::npos) why = why.substr(at + 2);
    result.errors.push_back({"", "invalid_json", "invalid JSON: " + why});
  } else {
    result.value = std::move(value);
  }
  return result;
}

std::string dump_json(const nlohmann::json& value, int indent) {
  return value.dump(indent, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace smp
