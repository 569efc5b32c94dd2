#pragma once
// multipart/form-data bodies (RFC 7578 on RFC 2046's multipart syntax), parsed from the whole
// buffered body by a pure function: every malformed input is a value (an error code), never an
// exception, so the relay answers 4xx and the fuzzer can reach every branch without a socket.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace smp::server {

struct FormPart {
  std::string name;      ///< Content-Disposition name
  std::string filename;  ///< Content-Disposition filename ("" when absent)
  bool has_filename = false;
  std::string content_type;  ///< lower-cased media type without parameters; "" when absent
  std::string_view data;     ///< the part's bytes, a view into the parsed body
};

struct FormParse {
  bool ok = false;
  std::string code;     ///< on failure: bad_boundary, bad_multipart, too_many_parts, …
  std::string message;  ///< on failure: what is wrong, for the visitor's developer
  std::vector<FormPart> parts;
};

/// The most parts one form may have (a lead and 8 photos leave room for a few extra fields
/// to be refused by name rather than by count).
inline constexpr std::size_t kMaxFormParts = 64;

/// "multipart/form-data; boundary=…" -> the boundary (1–70 characters of RFC 2046's bchars),
/// or "" when the header has none or an invalid one.
std::string multipart_boundary(std::string_view content_type);

/// Splits `body` into its parts. The parts' data views point into `body`.
FormParse parse_multipart(std::string_view body, std::string_view boundary);

}  // namespace smp::server
