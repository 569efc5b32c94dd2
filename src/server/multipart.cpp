// A strict multipart/form-data reader. Written here rather than on libmicrohttpd's post
// processor: that one streams fields to callbacks and cannot say *why* a body was refused, while
// the relay owes every bad body a 4xx with a reason, and a pure function is what libFuzzer
// (tests/fuzz/fuzz_lead_body.cpp) can drive without a socket. The body is buffered anyway: it is
// committed to SQLite whole, and its size is capped before it is read.
#include "smp/server/multipart.hpp"

#include <algorithm>
#include <functional>

namespace smp::server {
namespace {

constexpr std::size_t kMaxPartHeaderBytes = 8 * 1024;

char lower(char c) {
  return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

std::string lowercase(std::string_view text) {
  std::string out(text);
  for (auto& c : out) c = lower(c);
  return out;
}

std::string_view trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

bool is_bchar(char c) {
  if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) return true;
  return std::string_view("'()+_,-./:=? ").find(c) != std::string_view::npos;
}

struct Parameter {
  std::string name;  ///< lower-cased
  std::string value;
};

// `; a=b; c="d e"` after a header's first value. Quoted values are taken literally up to the
// next quote: browsers percent-encode '"', CR and LF in form-data names and file names and send
// a backslash as itself (WHATWG HTML, multipart/form-data encoding), so there is no escaping to
// undo. False for a syntax error.
bool parse_parameters(std::string_view text, std::vector<Parameter>& out) {
  size_t at = 0;
  while (true) {
    while (at < text.size() && (text[at] == ' ' || text[at] == '\t')) ++at;
    if (at == text.size()) return true;
    if (text[at] != ';') return false;
    ++at;
    while (at < text.size() && (text[at] == ' ' || text[at] == '\t')) ++at;
    if (at == text.size()) return true;  // a trailing ';' is harmless
    const size_t equals = text.find('=', at);
    if (equals == std::string_view::npos) return false;
    const std::string_view name = trim(text.substr(at, equals - at));
    if (name.empty() || name.find_first_of(" \t;\"") != std::string_view::npos) return false;
    at = equals + 1;
    while (at < text.size() && (text[at] == ' ' || text[at] == '\t')) ++at;
    std::string value;
    if (at < text.size() && text[at] == '"') {
      const size_t close = text.find('"', at + 1);
      if (close == std::string_view::npos) return false;
      value = std::string(text.substr(at + 1, close - at - 1));
      at = close + 1;
    } else {
      const size_t end = std::min(text.find(';', at), text.size());
      value = std::string(trim(text.substr(at, end - at)));
      if (value.empty() || value.find_first_of(" \t\"") != std::string::npos) return false;
      at = end;
    }
    out.push_back({lowercase(name), std::move(value)});
  }
}

FormParse failure(std::string code, std::string message) {
  FormParse result;
  result.code = std::move(code);
  result.message = std::move(message);
  return result;
}

// One part's header block (without the blank line): Content-Disposition, Content-Type,
// Content-Transfer-Encoding. "" on success, else the problem.
std::string read_part_headers(std::string_view block, FormPart& part) {
  bool disposition = false, type = false, encoding = false;
  size_t at = 0;
  while (at < block.size()) {
    size_t end = block.find("\r\n", at);
    if (end == std::string_view::npos) end = block.size();
    std::string_view line = block.substr(at, end - at);
    at = end + 2;
    if (line.empty()) continue;
    if (line.front() == ' ' || line.front() == '\t') return "a folded part header";
    if (line.find_first_of("\r\n") != std::string_view::npos) return "a bare CR or LF in a header";
    const size_t colon = line.find(':');
    if (colon == std::string_view::npos || colon == 0) return "a part header without a name";
    const std::string name = lowercase(line.substr(0, colon));
    const std::string_view value = trim(line.substr(colon + 1));
    if (name == "content-disposition") {
      if (disposition) return "two Content-Disposition headers in one part";
      disposition = true;
      const size_t semicolon = std::min(value.find(';'), value.size());
      if (lowercase(trim(value.substr(0, semicolon))) != "form-data") {
        return "a part's Content-Disposition must be form-data";
      }
      std::vector<Parameter> parameters;
      if (!parse_parameters(value.substr(semicolon), parameters)) {
        return "a malformed Content-Disposition";
      }
      bool has_name = false;
      for (const auto& p : parameters) {
        if (p.name == "name") {
          if (has_name) return "a Content-Disposition with two names";
          has_name = true;
          part.name = p.value;
        } else if (p.name == "filename") {
          if (part.has_filename) return "a Content-Disposition with two file names";
          part.has_filename = true;
          part.filename = p.value;
        }
      }
      if (!has_name) return "a part without a name";
    } else if (name == "content-type") {
      if (type) return "two Content-Type headers in one part";
      type = true;
      part.content_type = lowercase(trim(value.substr(0, std::min(value.find(';'), value.size()))));
      if (part.content_type.empty()) return "an empty part Content-Type";
    } else if (name == "content-transfer-encoding") {
      // RFC 7578 4.7: deprecated; only the identity encodings can be read as they are.
      if (encoding) return "two Content-Transfer-Encoding headers in one part";
      encoding = true;
      const std::string coding = lowercase(value);
      if (coding != "binary" && coding != "8bit" && coding != "7bit") {
        return "a part Content-Transfer-Encoding other than binary";
      }
    }
  }
  if (!disposition) return "a part without Content-Disposition";
  return "";
}

}  // namespace

std::string multipart_boundary(std::string_view content_type) {
  const size_t semicolon = std::min(content_type.find(';'), content_type.size());
  std::vector<Parameter> parameters;
  if (!parse_parameters(content_type.substr(semicolon), parameters)) return "";
  std::string boundary;
  for (const auto& p : parameters) {
    if (p.name != "boundary") continue;
    if (!boundary.empty()) return "";  // two boundaries: neither can be trusted
    boundary = p.value;
  }
  if (boundary.empty() || boundary.size() > 70 || boundary.back() == ' ') return "";
  if (!std::all_of(boundary.begin(), boundary.end(), is_bchar)) return "";
  return boundary;
}

FormParse parse_multipart(std::string_view body, std::string_view boundary) {
  if (boundary.empty()) return failure("bad_boundary", "the Content-Type names no valid boundary");
  const std::string dash = "--" + std::string(boundary);
  const std::string delimiter = "\r\n" + dash;
  // Linear time even on a body crafted to nearly repeat the delimiter.
  const std::boyer_moore_horspool_searcher next_delimiter(delimiter.begin(), delimiter.end());
  auto find_delimiter = [&](size_t from) -> size_t {
    const auto it =
        std::search(body.begin() + static_cast<std::ptrdiff_t>(from), body.end(), next_delimiter);
    return it == body.end() ? std::string_view::npos : static_cast<size_t>(it - body.begin());
  };

  size_t at = 0;
  if (body.substr(0, dash.size()) != dash) {
    // A preamble before the first delimiter is allowed (RFC 2046) and ignored.
    const size_t first = find_delimiter(0);
    if (first == std::string_view::npos) {
      return failure("malformed_multipart", "the body does not contain the boundary");
    }
    at = first + 2;
  }
  FormParse result;
  while (true) {
    at += dash.size();
    if (body.substr(at, 2) == "--") break;  // the close delimiter; an epilogue is ignored
    while (at < body.size() && (body[at] == ' ' || body[at] == '\t')) ++at;
    if (body.substr(at, 2) != "\r\n") {
      return failure("malformed_multipart", at >= body.size()
                                                ? "the body ends without the closing boundary"
                                                : "a boundary is not followed by a line break");
    }
    at += 2;
    if (result.parts.size() == kMaxFormParts) {
      return failure("too_many_parts",
                     "a lead form has at most " + std::to_string(kMaxFormParts) + " parts");
    }
    FormPart part;
    size_t data_start;
    std::string_view headers;
    if (body.substr(at, 2) == "\r\n") {
      data_start = at + 2;
    } else {
      const size_t end = body.find("\r\n\r\n", at);
      if (end == std::string_view::npos || end - at > kMaxPartHeaderBytes) {
        return failure("malformed_multipart", end == std::string_view::npos
                                                  ? "the body ends inside a part's headers"
                                                  : "a part's headers are too long");
      }
      headers = body.substr(at, end - at);
      data_start = end + 4;
    }
    if (const std::string problem = read_part_headers(headers, part); !problem.empty()) {
      return failure("malformed_multipart",
                     "part " + std::to_string(result.parts.size() + 1) + ": " + problem);
    }
    const size_t data_end = find_delimiter(data_start);
    if (data_end == std::string_view::npos) {
      return failure("malformed_multipart", "the body ends inside a part (truncated?)");
    }
    part.data = body.substr(data_start, data_end - data_start);
    result.parts.push_back(std::move(part));
    at = data_end + 2;
  }
  result.ok = true;
  return result;
}

}  // namespace smp::server
