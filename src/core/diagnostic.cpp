#include "smp/diagnostic.hpp"

namespace smp {

std::string format_diagnostic(const Diagnostic& diagnostic) {
  return (diagnostic.pointer.empty() ? std::string("/") : diagnostic.pointer) + ": " +
         diagnostic.message;
}

std::string escape_pointer_token(const std::string& token) {
  std::string out;
  out.reserve(token.size());
  for (char c : token) {
    if (c == '~') {
      out += "~0";
    } else if (c == '/') {
      out += "~1";
    } else {
      out += c;
    }
  }
  return out;
}

}  // namespace smp
