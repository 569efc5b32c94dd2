#include "smp/server/log_text.hpp"

namespace smp::server {
namespace {

// Characters that end an address in free text ("<ana@example.org>:", "to=ana@example.org,").
bool ends_address(char c) {
  return static_cast<unsigned char>(c) <= ' ' || c == '<' || c == '>' || c == '"' || c == '\'' ||
         c == '(' || c == ')' || c == ',' || c == ';' || c == ':' || c == '[' || c == ']' ||
         c == '=';
}

}  // namespace

std::string without_addresses(std::string_view text) {
  std::string out;
  size_t copied = 0;
  for (size_t at = text.find('@'); at != std::string_view::npos; at = text.find('@', at + 1)) {
    if (at < copied) continue;
    size_t start = at;
    while (start > copied && !ends_address(text[start - 1])) --start;
    size_t end = at + 1;
    while (end < text.size() && !ends_address(text[end])) ++end;
    out.append(text.substr(copied, start - copied));
    out += "[address]";
    copied = end;
    at = end > 0 ? end - 1 : end;
  }
  out.append(text.substr(copied));
  return out;
}

}  // namespace smp::server
