#include "smp/server/mime.hpp"

#include <ctime>

#include "smp/lead.hpp"

namespace smp::server {
namespace {

constexpr char kBase64Alphabet[] =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

// Length of the valid UTF-8 sequence starting at `i`, or 0 when it is malformed.
size_t utf8_sequence_length(std::string_view text, size_t i) {
  const auto lead = static_cast<unsigned char>(text[i]);
  size_t length = 0;
  if (lead < 0x80) return 1;
  if (lead >= 0xC2 && lead <= 0xDF)
    length = 2;
  else if (lead >= 0xE0 && lead <= 0xEF)
    length = 3;
  else if (lead >= 0xF0 && lead <= 0xF4)
    length = 4;
  else
    return 0;
  if (i + length > text.size()) return 0;
  for (size_t k = 1; k < length; ++k) {
    if ((static_cast<unsigned char>(text[i + k]) & 0xC0) != 0x80) return 0;
  }
  return length;
}

bool is_ascii(std::string_view text) {
  for (char c : text) {
    if (static_cast<unsigned char>(c) >= 0x80) return false;
  }
  return true;
}

// Encoded words (RFC 2047 §2: at most 75 characters each), split on character boundaries.
std::vector<std::string> encoded_words(std::string_view text) {
  constexpr size_t kMaxRawBytes = 42;  // 56 base64 characters + 12 of "=?UTF-8?B??="; a
  // folded line "Subject: " + one word stays within 78 characters
  std::vector<std::string> words;
  size_t start = 0;
  while (start < text.size()) {
    size_t end = start;
    while (end < text.size()) {
      size_t length = utf8_sequence_length(text, end);
      if (length == 0) length = 1;
      if (end + length - start > kMaxRawBytes) break;
      end += length;
    }
    words.push_back("=?UTF-8?B?" + base64_encode(text.substr(start, end - start)) + "?=");
    start = end;
  }
  return words;
}

std::string strip_line_breaks(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) out.push_back(c == '\r' || c == '\n' ? ' ' : c);
  return out;
}

}  // namespace

std::string base64_encode(std::string_view data) {
  std::string out;
  out.reserve((data.size() + 2) / 3 * 4);
  size_t i = 0;
  for (; i + 2 < data.size(); i += 3) {
    const unsigned v = (static_cast<unsigned char>(data[i]) << 16) |
                       (static_cast<unsigned char>(data[i + 1]) << 8) |
                       static_cast<unsigned char>(data[i + 2]);
    out.push_back(kBase64Alphabet[(v >> 18) & 63]);
    out.push_back(kBase64Alphabet[(v >> 12) & 63]);
    out.push_back(kBase64Alphabet[(v >> 6) & 63]);
    out.push_back(kBase64Alphabet[v & 63]);
  }
  if (i < data.size()) {
    unsigned v = static_cast<unsigned char>(data[i]) << 16;
    if (i + 1 < data.size()) v |= static_cast<unsigned char>(data[i + 1]) << 8;
    out.push_back(kBase64Alphabet[(v >> 18) & 63]);
    out.push_back(kBase64Alphabet[(v >> 12) & 63]);
    out.push_back(i + 1 < data.size() ? kBase64Alphabet[(v >> 6) & 63] : '=');
    out.push_back('=');
  }
  return out;
}

std::string base64_lines(std::string_view data) {
  const std::string encoded = base64_encode(data);
  std::string out;
  out.reserve(encoded.size() + encoded.size() / 76 * 2 + 2);
  for (size_t i = 0; i < encoded.size(); i += 76) {
    out.append(encoded, i, 76);
    out.append("\r\n");
  }
  return out;
}

std::string header_safe_text(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  bool pending_space = false;
  for (size_t i = 0; i < text.size();) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c < 0x20 || c == 0x7F || c == ' ') {
      pending_space = !out.empty();
      ++i;
      continue;
    }
    size_t length = utf8_sequence_length(text, i);
    if (pending_space) out.push_back(' ');
    pending_space = false;
    if (length == 0) {
      out.push_back('?');
      ++i;
      continue;
    }
    // U+0085 (NEL), U+2028 and U+2029 are line breaks to some readers: never let them through.
    const std::string_view sequence = text.substr(i, length);
    if (sequence == "\xC2\x85" || sequence == "\xE2\x80\xA8" || sequence == "\xE2\x80\xA9") {
      pending_space = !out.empty();
    } else {
      out.append(sequence);
    }
    i += length;
  }
  return out;
}

std::string encode_unstructured(std::string_view text) {
  const std::string safe = header_safe_text(text);
  bool needs_encoding = !is_ascii(safe) || safe.find("=?") != std::string::npos;
  size_t word = 0;
  for (char c : safe) {
    word = c == ' ' ? 0 : word + 1;
    if (word > 70) needs_encoding = true;  // an unbreakable run could exceed 998 octets
  }
  if (!needs_encoding) return safe;
  std::string out;
  for (const auto& encoded : encoded_words(safe)) {
    if (!out.empty()) out.push_back(' ');
    out += encoded;
  }
  return out;
}

bool is_header_safe_address(std::string_view address, bool local_domain_ok) {
  if (address.empty() || address.size() > 254) return false;
  for (char c : address) {
    const auto u = static_cast<unsigned char>(c);
    if (u <= 0x20 || u >= 0x7F) return false;
    switch (c) {
      case '<':
      case '>':
      case '"':
      case '(':
      case ')':
      case ',':
      case ';':
      case ':':
      case '\\':
      case '[':
      case ']': return false;
      default: break;
    }
  }
  if (smp::is_valid_email(std::string(address))) return true;
  if (!local_domain_ok) return false;
  const auto at = address.find('@');
  return at != std::string_view::npos && at > 0 && at + 1 < address.size() &&
         address.find('@', at + 1) == std::string_view::npos;
}

std::optional<std::string> format_mailbox(std::string_view display_name, std::string_view address,
                                          bool local_domain_ok) {
  if (!is_header_safe_address(address, local_domain_ok)) return std::nullopt;
  const std::string name = header_safe_text(display_name);
  if (name.empty()) return std::string(address);
  std::string phrase;
  // A name holding "=?" is encoded even when ASCII: clients decode encoded words inside quotes
  // too, while the decoded text of our own encoded word is never decoded again.
  if (is_ascii(name) && name.size() <= 70 && name.find("=?") == std::string::npos) {
    phrase.push_back('"');
    for (char c : name) {
      if (c == '"' || c == '\\') phrase.push_back('\\');
      phrase.push_back(c);
    }
    phrase.push_back('"');
  } else {
    for (const auto& encoded : encoded_words(name)) {
      if (!phrase.empty()) phrase.push_back(' ');
      phrase += encoded;
    }
  }
  return phrase + " <" + std::string(address) + ">";
}

std::string format_header(std::string_view name, std::string_view value) {
  const std::string safe = strip_line_breaks(value);
  std::string out(name);
  out += ": ";
  size_t line_length = out.size();
  size_t i = 0;
  while (i < safe.size()) {
    size_t next_space = safe.find(' ', i + 1);
    if (next_space == std::string::npos) next_space = safe.size();
    const std::string_view chunk = std::string_view(safe).substr(i, next_space - i);
    // Fold before a space when the line would pass 78 characters (RFC 5322 §2.2.3).
    if (i > 0 && chunk.front() == ' ' && line_length + chunk.size() > 78) {
      out += "\r\n";
      line_length = 0;
    }
    // A single run longer than 998 octets cannot be folded: cut it (never reached for our
    // own encoded values, which split long words).
    const size_t room = 990 - line_length;
    if (chunk.size() > room) {
      out.append(chunk.substr(0, room));
      line_length += room;
    } else {
      out.append(chunk);
      line_length += chunk.size();
    }
    i = next_space;
  }
  out += "\r\n";
  return out;
}

std::string normalize_crlf(std::string_view text) {
  std::string out;
  out.reserve(text.size() + text.size() / 32);
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\r') {
      out += "\r\n";
      if (i + 1 < text.size() && text[i + 1] == '\n') ++i;
    } else if (text[i] == '\n') {
      out += "\r\n";
    } else {
      out.push_back(text[i]);
    }
  }
  return out;
}

std::string rfc5322_date(long long unix_seconds) {
  const std::time_t t = static_cast<std::time_t>(unix_seconds);
  std::tm tm{};
  gmtime_r(&t, &tm);
  static constexpr const char* kDays[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
  static constexpr const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                            "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%s, %02d %s %04d %02d:%02d:%02d +0000", kDays[tm.tm_wday],
                tm.tm_mday, kMonths[tm.tm_mon], tm.tm_year + 1900, tm.tm_hour, tm.tm_min,
                tm.tm_sec);
  return buffer;
}

std::string render_mime(const MimeMessage& message, std::string_view boundary_seed) {
  const std::string seed = header_safe_text(boundary_seed);
  const std::string mixed = "=_smp_mixed_" + base64_encode(seed).substr(0, 40);
  const std::string alternative = "=_smp_alt_" + base64_encode(seed).substr(0, 40);
  std::string out;
  for (const auto& [name, value] : message.headers) out += format_header(name, value);
  out += "MIME-Version: 1.0\r\n";

  auto text_part = [](std::string_view subtype, std::string_view body) {
    std::string part = "Content-Type: text/" + std::string(subtype) + "; charset=UTF-8\r\n";
    part += "Content-Transfer-Encoding: base64\r\n\r\n";
    part += base64_lines(normalize_crlf(body));
    return part;
  };
  std::string body;
  if (message.html.empty()) {
    body = text_part("plain", message.text);
  } else {
    body = "Content-Type: multipart/alternative; boundary=\"" + alternative + "\"\r\n\r\n";
    body += "--" + alternative + "\r\n" + text_part("plain", message.text);
    body += "--" + alternative + "\r\n" + text_part("html", message.html);
    body += "--" + alternative + "--\r\n";
  }
  if (message.attachments.empty()) return out + body;

  out += "Content-Type: multipart/mixed; boundary=\"" + mixed + "\"\r\n\r\n";
  out += "This is a multi-part message in MIME format.\r\n";
  out += "--" + mixed + "\r\n" + body;
  for (const auto& attachment : message.attachments) {
    const std::string filename = header_safe_text(attachment.filename);
    out += "--" + mixed + "\r\n";
    out += format_header(
        "Content-Type", strip_line_breaks(attachment.content_type) + "; name=\"" + filename + "\"");
    out += "Content-Transfer-Encoding: base64\r\n";
    out += format_header("Content-Disposition", "attachment; filename=\"" + filename + "\"");
    out += "\r\n" + base64_lines(attachment.data);
  }
  out += "--" + mixed + "--\r\n";
  return out;
}

}  // namespace smp::server
