#include "smp/json_text.hpp"

#include <string>

namespace smp {
namespace {

using nlohmann::json;

// nlohmann's DOM builder plus a nesting limit and the parser's own error text. One SAX type for
// every parse keeps a single parser instantiation in the WebAssembly build.
class LimitedDomSax {
 public:
  explicit LimitedDomSax(json& root) : dom_(root, /*allow_exceptions=*/false) {}

  bool null() { return dom_.null(); }
  bool boolean(bool value) { return dom_.boolean(value); }
  bool number_integer(json::number_integer_t value) { return dom_.number_integer(value); }
  bool number_unsigned(json::number_unsigned_t value) { return dom_.number_unsigned(value); }
  bool number_float(json::number_float_t value, const json::string_t& text) {
    return dom_.number_float(value, text);
  }
  bool string(json::string_t& value) { return dom_.string(value); }
  bool binary(json::binary_t& value) { return dom_.binary(value); }
  bool start_object(std::size_t size) { return enter() && dom_.start_object(size); }
  bool key(json::string_t& value) { return dom_.key(value); }
  bool end_object() { return leave() && dom_.end_object(); }
  bool start_array(std::size_t size) { return enter() && dom_.start_array(size); }
  bool end_array() { return leave() && dom_.end_array(); }
  template <class Exception>
  bool parse_error(std::size_t, const std::string&, const Exception& error) {
    error_ = error.what();
    return false;
  }

  bool too_deep() const { return too_deep_; }
  const std::string& error() const { return error_; }

 private:
  bool enter() {
    too_deep_ = too_deep_ || ++depth_ > kMaxJsonDepth;
    return !too_deep_;
  }
  bool leave() {
    --depth_;
    return true;
  }

  nlohmann::detail::json_sax_dom_parser<json> dom_;
  int depth_ = 0;
  bool too_deep_ = false;
  std::string error_;
};

}  // namespace

Result<nlohmann::json> parse_json_text(std::string_view text) {
  Result<nlohmann::json> result;
  // nlohmann's lexer reads a NUL byte as the end of input, so `{}\0garbage` would parse as `{}`;
  // JSON text never contains one (RFC 8259 allows it only escaped, inside strings).
  if (const auto nul = text.find('\0'); nul != std::string_view::npos) {
    result.errors.push_back(
        {"", "invalid_json", "invalid JSON: NUL byte at offset " + std::to_string(nul)});
    return result;
  }
  json value;
  LimitedDomSax sax(value);
  const bool ok = json::sax_parse(text.begin(), text.end(), &sax,
                                  nlohmann::detail::input_format_t::json, /*strict=*/true);
  if (ok) {
    result.value = std::move(value);
  } else if (sax.too_deep()) {
    result.errors.push_back(
        {"", "invalid_json",
         "invalid JSON: nested deeper than " + std::to_string(kMaxJsonDepth) + " levels"});
  } else {
    std::string why = sax.error().empty() ? "syntax error" : sax.error();
    // "[json.exception.parse_error.101] parse error at line 1, column 2: …" -> "parse error at …"
    if (const auto at = why.find("] "); at != std::string::npos) why = why.substr(at + 2);
    result.errors.push_back({"", "invalid_json", "invalid JSON: " + why});
  }
  return result;
}

std::string dump_json(const nlohmann::json& value, int indent) {
  return value.dump(indent, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace smp
